// Properties, room types and rooms through HTTP: the fields of the schema
// (address, IANA time zone, currency, check-in/out times, status; capacity
// and base rate; room number, floor and housekeeping status), validation with
// field errors, uniqueness per tenant and per property, list filters, search
// and pagination, and the delete rules.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus, randomId } from './lib/api.mjs';
import { assert, book, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel properties, room types and rooms', () => {
  let server;
  let t;
  let other;

  before(async () => {
    server = await startServer();
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
  });
  after(async () => {
    await server?.stop();
  });

  const property = (overrides = {}) => ({
    name: 'Casa Azul',
    code: `CA${randomId(2).toUpperCase()}`,
    timezone: 'America/Mexico_City',
    currency: 'MXN',
    ...overrides,
  });

  describe('properties', () => {
    test('all fields are stored and answered; defaults for times and status', async () => {
      const p = assertStatus(await t.req('POST', '/api/hotel/properties', property({ address: 'Calle 1, CDMX', check_in_time: '14:30', check_out_time: '12:00' })), 201, 'create');
      assert.deepEqual(
        [p.name, p.timezone, p.currency, p.address, p.check_in_time, p.check_out_time, p.status, p.version],
        ['Casa Azul', 'America/Mexico_City', 'MXN', 'Calle 1, CDMX', '14:30', '12:00', 'active', 1],
      );
      const d = assertStatus(await t.req('POST', '/api/hotel/properties', property()), 201, 'defaults');
      assert.deepEqual([d.check_in_time, d.check_out_time, d.status, d.address], ['15:00', '11:00', 'active', null]);
    });

    const bad = [
      [{ timezone: 'Mexico City' }, 'timezone'],
      [{ timezone: 'Europe/Atlantis' }, 'timezone'],
      [{ timezone: '../../etc/passwd' }, 'timezone'],
      [{ currency: 'mxn' }, 'currency'],
      [{ currency: 'PESO' }, 'currency'],
      [{ check_in_time: '25:00' }, 'check_in_time'],
      [{ check_out_time: '9:00' }, 'check_out_time'],
      [{ check_out_time: '11:60' }, 'check_out_time'],
      [{ code: 'x' }, 'code'],
      [{ code: 'no spaces' }, 'code'],
      [{ name: '' }, 'name'],
      [{ name: undefined }, 'name'],
      [{ status: 'closed' }, 'status'],
    ];
    for (const [override, field] of bad) {
      test(`${JSON.stringify(override)} -> 422 naming ${field}`, async () => {
        const problem = assertProblem(await t.req('POST', '/api/hotel/properties', property(override)), 422, 'validation_failed');
        assert.ok(problem.errors[field], JSON.stringify(problem.errors));
      });
    }

    test('codes are unique within a tenant (409), not across tenants', async () => {
      const code = `UQ${randomId(2).toUpperCase()}`;
      await ok(t.req('POST', '/api/hotel/properties', property({ code })), 201, 'first');
      assertProblem(await t.req('POST', '/api/hotel/properties', property({ code: code.toLowerCase() })), 409, 'code_taken');
      await ok(other.req('POST', '/api/hotel/properties', property({ code })), 201, 'same code, other tenant');
    });

    test('list: status filter, search, pagination', async () => {
      const tag = randomId(3);
      for (let i = 0; i < 3; i++) await ok(t.req('POST', '/api/hotel/properties', property({ name: `Lista ${tag} ${i}` })), 201, 'p');
      const inactive = await ok(t.req('POST', '/api/hotel/properties', property({ name: `Lista ${tag} x`, status: 'inactive' })), 201, 'inactive');
      const q = (x) => ok(t.req('GET', `/api/hotel/properties?q=${tag}&${x}`), 200, x);
      assert.equal((await q('')).total, 4);
      assert.deepEqual((await q('status=inactive')).items.map((p) => p.id), [inactive.id]);
      const page = await q('limit=3&page=2&sort=name');
      assert.deepEqual(page.items.map((p) => p.name), [`Lista ${tag} x`]);
      assertProblem(await t.req('GET', '/api/hotel/properties?status=closed'), 400);
    });

    test('a property with room types cannot be deleted (409); an empty one can', async () => {
      const s = await setupProperty(t, { rooms: 1 });
      assertProblem(await t.req('DELETE', `/api/hotel/properties/${s.property.id}`), 409, 'property_in_use');
      const empty = await ok(t.req('POST', '/api/hotel/properties', property()), 201, 'empty');
      assertStatus(await t.req('DELETE', `/api/hotel/properties/${empty.id}`), 204, 'delete');
      assertProblem(await t.req('GET', `/api/hotel/properties/${empty.id}`), 404);
    });
  });

  describe('room types and rooms', () => {
    let s;
    before(async () => {
      s = await setupProperty(t, { rooms: 3 });
    });

    test('room type: capacity and base rate validated; code unique per property', async () => {
      const body = { property_id: s.property.id, code: 'STE', name: 'Suite', capacity: 4, base_rate_minor: 45000 };
      const rt = assertStatus(await t.req('POST', '/api/hotel/room-types', body), 201, 'create');
      assert.deepEqual(rt.base_rate, { amount_minor: 45000, currency: s.property.currency });
      assertProblem(await t.req('POST', '/api/hotel/room-types', body), 409, 'code_taken');
      const p2 = await setupProperty(t, { rooms: 0 });
      await ok(t.req('POST', '/api/hotel/room-types', { ...body, property_id: p2.property.id }), 201, 'same code, other property');
      for (const [override, field] of [
        [{ capacity: 0 }, 'capacity'],
        [{ capacity: 2.5 }, 'capacity'],
        [{ base_rate_minor: -1 }, 'base_rate_minor'],
        [{ base_rate_minor: 99.99 }, 'base_rate_minor'],
        [{ property_id: randomUUID() }, 'property_id'],
        [{ property_id: 'main' }, 'property_id'],
      ]) {
        const problem = assertProblem(await t.req('POST', '/api/hotel/room-types', { ...body, code: 'NEW', ...override }), 422);
        assert.ok(problem.errors[field], `${JSON.stringify(override)}: ${JSON.stringify(problem.errors)}`);
      }
      const moved = await t.req('PATCH', `/api/hotel/room-types/${rt.id}`, { version: rt.version, property_id: p2.property.id });
      assert.ok(assertProblem(moved, 422).errors.property_id);
    });

    test('room types list: filter by property, search, pagination', async () => {
      const p = await setupProperty(t, { rooms: 0 });
      for (const [code, name] of [['SGL', 'Single'], ['TWN', 'Twin'], ['FAM', 'Family suite']]) {
        await ok(t.req('POST', '/api/hotel/room-types', { property_id: p.property.id, code, name, capacity: 2, base_rate_minor: 100 }), 201, code);
      }
      const list = (q) => ok(t.req('GET', `/api/hotel/room-types?property_id=${p.property.id}&${q}`), 200, q);
      assert.deepEqual((await list('sort=code')).items.map((x) => x.code), ['DBL', 'FAM', 'SGL', 'TWN']);
      assert.deepEqual((await list('q=suite')).items.map((x) => x.code), ['FAM']);
      const page = await list('limit=3&page=2&sort=-code');
      assert.deepEqual([page.total, page.items.map((x) => x.code)], [4, ['DBL']]);
      assertProblem(await t.req('GET', '/api/hotel/room-types?property_id=main'), 400);
    });

    test('availability: per room type, free rooms, and the room_type_id filter', async () => {
      const p = await setupProperty(t, { rooms: 3 });
      const suite = await ok(t.req('POST', '/api/hotel/room-types', { property_id: p.property.id, code: 'STE', name: 'Suite', capacity: 2, base_rate_minor: 100 }), 201, 'suite');
      await ok(t.req('POST', '/api/hotel/rooms', { property_id: p.property.id, room_type_id: suite.id, room_number: '900' }), 201, 'suite room');
      const d = '2036-05-01';
      await book(t, p, { room_id: p.rooms[1].id, check_in_date: d, check_out_date: '2036-05-03' });
      await book(t, p, { check_in_date: '2036-05-02', check_out_date: '2036-05-04' });
      const all = await ok(t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${d}&check_out=2036-05-04`), 200, 'all');
      const dbl = all.room_types.find((x) => x.room_type_id === p.roomType.id);
      assert.deepEqual([dbl.total, dbl.booked, dbl.available], [3, 2, 1]);
      assert.deepEqual(dbl.free_room_ids.sort(), [p.rooms[0].id, p.rooms[2].id].sort());
      const ste = all.room_types.find((x) => x.room_type_id === suite.id);
      assert.deepEqual([ste.total, ste.booked, ste.available], [1, 0, 1]);
      const one = await ok(t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${d}&check_out=2036-05-02&room_type_id=${suite.id}`), 200, 'suite only');
      assert.deepEqual(one.room_types.map((x) => x.room_type_id), [suite.id]);
      assertProblem(await t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${d}`), 400);
    });

    test('room numbers are unique per property, not across properties', async () => {
      const body = { property_id: s.property.id, room_type_id: s.roomType.id, room_number: '101' };
      assertProblem(await t.req('POST', '/api/hotel/rooms', body), 409, 'room_number_taken');
      const p2 = await setupProperty(t, { rooms: 0 });
      await ok(t.req('POST', '/api/hotel/rooms', { ...body, property_id: p2.property.id, room_type_id: p2.roomType.id }), 201, 'same number elsewhere');
      const r = await ok(t.req('GET', `/api/hotel/rooms/${s.rooms[2].id}`), 200, 'room');
      assertProblem(await t.req('PATCH', `/api/hotel/rooms/${r.id}`, { version: r.version, room_number: '101' }), 409, 'room_number_taken');
    });

    test('a room of a type of another property, or of another tenant, is 422', async () => {
      const p2 = await setupProperty(t, { rooms: 0 });
      const theirs = await setupProperty(other, { rooms: 0 });
      for (const typeId of [p2.roomType.id, theirs.roomType.id, randomUUID()]) {
        const res = await t.req('POST', '/api/hotel/rooms', { property_id: s.property.id, room_type_id: typeId, room_number: `X${randomId(2)}` });
        assert.ok(assertProblem(res, 422).errors.room_type_id, res.text);
      }
      for (const [override, field] of [[{ floor: 'two' }, 'floor'], [{ room_number: '' }, 'room_number'], [{ status: 'broken' }, 'status']]) {
        const res = await t.req('POST', '/api/hotel/rooms', { property_id: s.property.id, room_type_id: s.roomType.id, room_number: `Y${randomId(2)}`, ...override });
        assert.ok(assertProblem(res, 422).errors[field], res.text);
      }
    });

    test('housekeeping status: the five statuses, anything else 422', async () => {
      const room = s.rooms[2];
      for (const status of ['dirty', 'inspected', 'out_of_order', 'out_of_service', 'clean']) {
        assert.equal((await ok(t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status }), 200, status)).status, status);
      }
      for (const status of ['occupied', 'CLEAN', '', null]) {
        assert.ok(assertProblem(await t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status }), 422).errors.status);
      }
    });

    test('rooms list: filters by property, status and room type, search, pagination', async () => {
      const p = await setupProperty(t, { rooms: 5 });
      const suite = await ok(t.req('POST', '/api/hotel/room-types', { property_id: p.property.id, code: 'STE', name: 'Suite', capacity: 3, base_rate_minor: 30000 }), 201, 'suite');
      await ok(t.req('POST', '/api/hotel/rooms', { property_id: p.property.id, room_type_id: suite.id, room_number: '501', floor: 5 }), 201, 'suite room');
      await ok(t.req('POST', `/api/hotel/rooms/${p.rooms[0].id}/status`, { status: 'dirty' }), 200, 'dirty');
      await ok(t.req('POST', `/api/hotel/rooms/${p.rooms[1].id}/status`, { status: 'dirty' }), 200, 'dirty');
      const list = (q) => ok(t.req('GET', `/api/hotel/rooms?property_id=${p.property.id}&${q}`), 200, q);
      assert.equal((await list('')).total, 6);
      assert.equal((await list('status=dirty')).total, 2);
      assert.deepEqual((await list(`room_type_id=${suite.id}`)).items.map((r) => r.room_number), ['501']);
      assert.equal((await list('q=50')).total, 1);
      assert.equal((await list('q=%25')).total, 0, '% is no wildcard');
      const page = await list('limit=4&page=2&sort=room_number');
      assert.deepEqual(page.items.map((r) => r.room_number), ['105', '501']);
      assertProblem(await t.req('GET', '/api/hotel/rooms?status=occupied'), 400);
      assertProblem(await t.req('GET', '/api/hotel/rooms?room_type_id=suite'), 400);
    });

    test('a room held by an active reservation cannot change its type (409): the type would be overbooked', async () => {
      const p = await setupProperty(t, { rooms: 1 });
      const other = await ok(t.req('POST', '/api/hotel/room-types', { property_id: p.property.id, code: 'SGL', name: 'Single', capacity: 1, base_rate_minor: 5000 }), 201, 'type');
      const r = await book(t, p, { room_id: p.rooms[0].id });
      const room = await ok(t.req('GET', `/api/hotel/rooms/${p.rooms[0].id}`), 200, 'room');
      assertProblem(await t.req('PATCH', `/api/hotel/rooms/${room.id}`, { version: room.version, room_type_id: other.id }), 409, 'room_in_use');
      assert.equal((await ok(t.req('GET', `/api/hotel/rooms/${room.id}`), 200, 'room')).room_type_id, p.roomType.id);
      await ok(t.req('POST', `/api/hotel/reservations/${r.id}/cancel`), 200, 'cancel');
      const moved = await ok(t.req('PATCH', `/api/hotel/rooms/${room.id}`, { version: room.version, room_type_id: other.id }), 200, 'free room');
      assert.equal(moved.room_type_id, other.id);
    });

    test("a property's currency cannot change once it has reservations (409)", async () => {
      const p = await setupProperty(t, { rooms: 1, currency: 'EUR' });
      const prop = await ok(t.req('GET', `/api/hotel/properties/${p.property.id}`), 200, 'property');
      const renamed = await ok(t.req('PATCH', `/api/hotel/properties/${prop.id}`, { version: prop.version, currency: 'CHF' }), 200, 'no reservations yet');
      assert.equal(renamed.currency, 'CHF');
      await book(t, p);
      assertProblem(await t.req('PATCH', `/api/hotel/properties/${prop.id}`, { version: renamed.version, currency: 'EUR' }), 409, 'currency_in_use');
      const now = await ok(t.req('GET', `/api/hotel/properties/${prop.id}`), 200, 'property');
      assert.equal(now.currency, 'CHF');
      await ok(t.req('PATCH', `/api/hotel/properties/${prop.id}`, { version: now.version, name: 'Renamed' }), 200, 'other fields still change');
    });

    test('delete rules: a room with reservations or a type with rooms answers 409', async () => {
      const p = await setupProperty(t, { rooms: 2 });
      await book(t, p, { room_id: p.rooms[0].id });
      assertProblem(await t.req('DELETE', `/api/hotel/rooms/${p.rooms[0].id}`), 409, 'room_in_use');
      assertProblem(await t.req('DELETE', `/api/hotel/room-types/${p.roomType.id}`), 409, 'room_type_in_use');
      assertStatus(await t.req('DELETE', `/api/hotel/rooms/${p.rooms[1].id}`), 204, 'a room without reservations');
    });
  });
});
