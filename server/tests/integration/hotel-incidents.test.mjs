// Incidents through HTTP: category, the four severities and statuses, links
// to property, room, guest, reservation and assignee (each checked to be of
// this tenant and to fit together), resolved_at, filters and pagination, and
// links cleared (never the tenant) when what they point at is deleted.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { assert, book, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel incidents', () => {
  let server;
  let t;
  let other;
  let me;
  let s;
  let s2;
  let r;

  const create = (body) => t.req('POST', '/api/hotel/incidents', { title: 'Noise', category: 'complaint', severity: 'low', ...body });

  before(async () => {
    server = await startServer();
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
    me = await ok(t.req('GET', '/api/auth/me'), 200, 'me');
    s = await setupProperty(t, { rooms: 2 });
    s2 = await setupProperty(t, { rooms: 1 });
    r = await book(t, s);
  });
  after(async () => {
    await server?.stop();
  });

  test('links to property, room, guest, reservation and assignee', async () => {
    const i = assertStatus(
      await create({
        title: 'Water leak',
        category: 'maintenance',
        severity: 'critical',
        property_id: s.property.id,
        room_id: s.rooms[0].id,
        guest_id: s.guest.id,
        reservation_id: r.id,
        assigned_to: me.id,
        description: 'Ceiling drips above the bed',
      }),
      201,
      'create',
    );
    assert.deepEqual(
      [i.property_id, i.room_id, i.guest_id, i.reservation_id, i.assigned_to, i.status, i.severity, i.category],
      [s.property.id, s.rooms[0].id, s.guest.id, r.id, me.id, 'open', 'critical', 'maintenance'],
    );
    assert.equal(i.reported_by, me.id);
    assert.equal(i.resolved_at, null);
  });

  test('a room alone implies its property', async () => {
    const i = assertStatus(await create({ room_id: s2.rooms[0].id }), 201, 'create');
    assert.equal(i.property_id, s2.property.id);
  });

  test('links that do not exist, do not fit, or belong to another tenant are 422', async () => {
    const theirs = await setupProperty(other, { rooms: 1 });
    const theirMe = await ok(other.req('GET', '/api/auth/me'), 200, 'me');
    const cases = [
      [{ property_id: s.property.id, room_id: s2.rooms[0].id }, 'room_id'],
      [{ room_id: randomUUID() }, 'room_id'],
      [{ property_id: randomUUID() }, 'property_id'],
      [{ guest_id: randomUUID() }, 'guest_id'],
      [{ reservation_id: randomUUID() }, 'reservation_id'],
      [{ assigned_to: randomUUID() }, 'assigned_to'],
      [{ property_id: theirs.property.id }, 'property_id'],
      [{ room_id: theirs.rooms[0].id }, 'room_id'],
      [{ guest_id: theirs.guest.id }, 'guest_id'],
      [{ assigned_to: theirMe.id }, 'assigned_to'],
      [{ room_id: 'room 12' }, 'room_id'],
    ];
    for (const [body, field] of cases) {
      const problem = assertProblem(await create(body), 422, 'validation_failed');
      assert.ok(problem.errors[field], `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`);
    }
  });

  test('title, category and severity are required; severity and status are closed lists', async () => {
    const cases = [
      [{ title: undefined }, 'title'],
      [{ category: undefined }, 'category'],
      [{ severity: undefined }, 'severity'],
      [{ severity: 'urgent' }, 'severity'],
      [{ severity: 'LOW' }, 'severity'],
      [{ status: 'done' }, 'status'],
      [{ title: 'x'.repeat(201) }, 'title'],
    ];
    for (const [body, field] of cases) {
      const problem = assertProblem(await create(body), 422, 'validation_failed');
      assert.ok(problem.errors[field], `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`);
    }
    for (const severity of ['low', 'medium', 'high', 'critical']) assertStatus(await create({ severity }), 201, severity);
  });

  test('status: open -> in_progress -> resolved sets resolved_at; reopening clears it; closed', async () => {
    let i = assertStatus(await create({}), 201, 'create');
    const patch = async (body) => ok(t.req('PATCH', `/api/hotel/incidents/${i.id}`, { version: i.version, ...body }), 200, JSON.stringify(body));
    i = await patch({ status: 'in_progress' });
    assert.equal(i.resolved_at, null);
    i = await patch({ status: 'resolved' });
    assert.ok(i.resolved_at);
    i = await patch({ status: 'open' });
    assert.equal(i.resolved_at, null);
    i = await patch({ status: 'closed', assigned_to: me.id });
    assert.ok(i.resolved_at);
    assert.equal(i.assigned_to, me.id);
    i = await patch({ assigned_to: null });
    assert.equal(i.assigned_to, null);
  });

  test('filters (status, severity, property, q) and pagination', async () => {
    const p = await setupProperty(t, { rooms: 1 });
    const mk = (severity, status, title) => create({ property_id: p.property.id, severity, status, title });
    await mk('low', 'open', 'Dripping tap');
    await mk('high', 'open', 'Broken window');
    await mk('high', 'in_progress', 'Broken heater');
    await mk('critical', 'resolved', 'Fire alarm fault');
    await mk('medium', 'closed', 'Lost umbrella');
    const list = (q) => ok(t.req('GET', `/api/hotel/incidents?property_id=${p.property.id}&${q}`), 200, q);
    assert.equal((await list('')).total, 5);
    assert.equal((await list('status=open')).total, 2);
    assert.equal((await list('severity=high')).total, 2);
    assert.equal((await list('severity=high&status=open')).total, 1);
    assert.equal((await list('q=broken')).total, 2);
    assert.equal((await list('q=_')).total, 0, '_ is no wildcard');
    assert.equal((await list('open=true')).total, 3);
    const page = await list('limit=2&page=3&sort=created_at');
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].title, 'Lost umbrella');
    assertProblem(await t.req('GET', '/api/hotel/incidents?severity=urgent'), 400);
    assertProblem(await t.req('GET', '/api/hotel/incidents?status=done'), 400);
  });

  test('deleting a linked room or guest clears only that link', async () => {
    const room = await ok(t.req('POST', '/api/hotel/rooms', { property_id: s.property.id, room_type_id: s.roomType.id, room_number: 'TMP1' }), 201, 'room');
    const guest = await ok(t.req('POST', '/api/hotel/guests', { first_name: 'Tem', last_name: 'Porary' }), 201, 'guest');
    const i = assertStatus(await create({ room_id: room.id, guest_id: guest.id }), 201, 'create');
    await ok(t.req('DELETE', `/api/hotel/rooms/${room.id}`), 204, 'delete room');
    await ok(t.req('DELETE', `/api/hotel/guests/${guest.id}`), 204, 'delete guest');
    const now = await ok(t.req('GET', `/api/hotel/incidents/${i.id}`), 200, 'incident');
    assert.equal(now.room_id, null);
    assert.equal(now.guest_id, null);
    assert.equal(now.property_id, s.property.id, 'the implied property stays');
    assert.equal(now.tenant_id, t.hotel.id, 'the tenant is never cleared');
  });
});
