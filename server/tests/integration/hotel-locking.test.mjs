// Optimistic locking on every hotel PATCH route (API.md): the version read
// must come back in the body or If-Match; a stale one is 409 and changes
// nothing; none at all is 422; of simultaneous PATCHes on one version exactly
// one wins. DELETE honours If-Match too.
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { assert, book, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel optimistic locking', () => {
  let server;
  let t;
  let s;

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(t, { rooms: 3 });
  });
  after(async () => {
    await server?.stop();
  });

  // route, a fresh resource, two different changes of one field, whether it can be deleted
  const ROUTES = [
    {
      name: 'properties',
      make: () => ok(t.req('POST', '/api/hotel/properties', { name: 'Lock', code: `L${Math.random().toString(36).slice(2, 8)}`, timezone: 'UTC', currency: 'EUR' }), 201, 'property'),
      field: 'name',
      values: ['First name', 'Second name'],
      deletable: true,
    },
    {
      name: 'room-types',
      make: () => ok(t.req('POST', '/api/hotel/room-types', { property_id: s.property.id, code: `T${Math.random().toString(36).slice(2, 6)}`, name: 'T', capacity: 2, base_rate_minor: 1000 }), 201, 'room type'),
      field: 'base_rate_minor',
      values: [2000, 3000],
      deletable: true,
    },
    {
      name: 'rooms',
      make: () => ok(t.req('POST', '/api/hotel/rooms', { property_id: s.property.id, room_type_id: s.roomType.id, room_number: `L${Math.random().toString(36).slice(2, 7)}` }), 201, 'room'),
      field: 'floor',
      values: [3, 4],
      deletable: true,
    },
    {
      name: 'guests',
      make: () => ok(t.req('POST', '/api/hotel/guests', { first_name: 'Lock', last_name: 'Smith' }), 201, 'guest'),
      field: 'phone',
      values: ['+1 555 0100', '+1 555 0199'],
      deletable: true,
    },
    {
      name: 'reservations',
      make: () => book(t, s),
      field: 'adults',
      values: [1, 2],
      deletable: false,
    },
    {
      name: 'incidents',
      make: () => ok(t.req('POST', '/api/hotel/incidents', { title: 'Lock', category: 'test', severity: 'low' }), 201, 'incident'),
      field: 'severity',
      values: ['high', 'critical'],
      deletable: true,
    },
  ];

  for (const r of ROUTES) {
    describe(`PATCH /api/hotel/${r.name}/{id}`, () => {
      const url = (x) => `/api/hotel/${r.name}/${x.id}`;
      const [v1, v2] = r.values;

      test('a stale version in the body is 409 and changes nothing', async () => {
        const x = await r.make();
        const changed = await ok(t.req('PATCH', url(x), { version: x.version, [r.field]: v1 }), 200, 'first change');
        assert.equal(changed.version, x.version + 1);
        assert.equal(changed[r.field], v1);
        assertProblem(await t.req('PATCH', url(x), { version: x.version, [r.field]: v2 }), 409, 'stale_version');
        const now = await ok(t.req('GET', url(x)), 200, 'read');
        assert.equal(now[r.field], v1);
        assert.equal(now.version, x.version + 1);
      });

      test('If-Match carries the version; a stale or malformed one is refused', async () => {
        const x = await r.make();
        assertProblem(await t.req('PATCH', url(x), { [r.field]: v1 }, { 'if-match': `"${x.version + 1}"` }), 409, 'stale_version');
        const changed = await ok(t.req('PATCH', url(x), { [r.field]: v1 }, { 'if-match': `"${x.version}"` }), 200, 'If-Match');
        assert.equal(changed.version, x.version + 1);
        assertProblem(await t.req('PATCH', url(x), { [r.field]: v2 }, { 'if-match': `"${x.version}"` }), 409, 'stale_version');
        assertProblem(await t.req('PATCH', url(x), { [r.field]: v2 }, { 'if-match': 'abc' }), 400);
        assert.equal((await ok(t.req('GET', url(x)), 200, 'read'))[r.field], v1);
      });

      test('no version at all is 422 naming version', async () => {
        const x = await r.make();
        const problem = assertProblem(await t.req('PATCH', url(x), { [r.field]: v1 }), 422, 'validation_failed');
        assert.ok(problem.errors.version);
        assert.equal((await ok(t.req('GET', url(x)), 200, 'read')).version, x.version);
      });

      test('of 10 simultaneous PATCHes on one version exactly one wins', async () => {
        const x = await r.make();
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => t.req('PATCH', url(x), { version: x.version, [r.field]: r.values[i % 2] })),
        );
        const statuses = answers.map((a) => a.status);
        assert.equal(statuses.filter((c) => c === 200).length, 1, `statuses: ${statuses}`);
        for (const a of answers.filter((c) => c.status !== 200)) assertProblem(a, 409, 'stale_version');
        const now = await ok(t.req('GET', url(x)), 200, 'read');
        assert.equal(now.version, x.version + 1);
        assert.equal(now[r.field], answers.find((a) => a.status === 200).json[r.field]);
      });

      if (r.deletable) {
        test('DELETE with a stale If-Match is 409; with the current one 204', async () => {
          const x = await r.make();
          await ok(t.req('PATCH', url(x), { version: x.version, [r.field]: v1 }), 200, 'change');
          assertProblem(await t.req('DELETE', url(x), undefined, { 'if-match': `"${x.version}"` }), 409, 'stale_version');
          await ok(t.req('GET', url(x)), 200, 'still there');
          assertStatus(await t.req('DELETE', url(x), undefined, { 'if-match': `"${x.version + 1}"` }), 204, 'delete');
          assertProblem(await t.req('GET', url(x)), 404);
        });
      }
    });
  }

  test('POST /api/hotel/rooms/{id}/status with a stale version is 409', async () => {
    const room = s.rooms[0];
    const now = await ok(t.req('GET', `/api/hotel/rooms/${room.id}`), 200, 'room');
    assertProblem(await t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status: 'dirty', version: now.version + 1 }), 409, 'stale_version');
    assert.equal((await ok(t.req('GET', `/api/hotel/rooms/${room.id}`), 200, 'room')).status, now.status);
  });
});
