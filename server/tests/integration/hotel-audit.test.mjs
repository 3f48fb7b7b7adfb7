// Every state-changing hotel request writes exactly one audit entry, read
// back through GET /api/hotel/audit-logs: its action, resource, actor,
// tenant, and the fields that changed with their before and after values
// (guests: the names of the fields only). Refused requests write none, and
// the tenant's hash chain verifies afterwards.
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem } from './lib/api.mjs';
import { addDays, assert, book, dateIn, hotelTenant, ok, reservationBody, settle, setupProperty } from './lib/hotel.mjs';

describe('hotel audit trail', () => {
  let server;
  let admin;
  let t;
  let me;
  let s;

  before(async () => {
    server = await startServer();
    admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    me = await ok(t.req('GET', '/api/auth/me'), 200, 'me');
    s = await setupProperty(t, { rooms: 3 });
  });
  after(async () => {
    await server?.stop();
  });

  // The one entry of `action` on `id`; checks who and where.
  async function entry(action, id) {
    const res = await ok(t.req('GET', `/api/hotel/audit-logs?action=${action}&resource_id=${id}&limit=100`), 200, 'audit');
    assert.equal(res.total, 1, `${action} on ${id}: ${res.total} entries`);
    const e = res.items[0];
    assert.equal(e.resource_id, id);
    assert.equal(e.tenant_id, t.hotel.id);
    assert.equal(e.actor_user_id, me.id);
    return e.changes;
  }
  const change = (changes, field, before, after) =>
    assert.deepEqual(changes[field], { before, after }, `${field}: ${JSON.stringify(changes)}`);
  const total = async () => (await ok(t.req('GET', '/api/hotel/audit-logs?limit=1'), 200, 'audit')).total;

  test('properties: created, updated, deleted', async () => {
    const p = await ok(t.req('POST', '/api/hotel/properties', { name: 'Audit Inn', code: 'AUD1', timezone: 'Europe/Rome', currency: 'EUR' }), 201, 'create');
    change(await entry('property.created', p.id), 'name', null, 'Audit Inn');
    const u = await ok(t.req('PATCH', `/api/hotel/properties/${p.id}`, { version: p.version, name: 'Audit Hotel', check_in_time: '14:00' }), 200, 'update');
    const c = await entry('property.updated', p.id);
    change(c, 'name', 'Audit Inn', 'Audit Hotel');
    change(c, 'check_in_time', '15:00', '14:00');
    assert.equal(c.version, undefined, 'bookkeeping fields are not changes');
    assert.equal(c.timezone, undefined, 'unchanged fields are not listed');
    await ok(t.req('DELETE', `/api/hotel/properties/${p.id}`, undefined, { 'if-match': String(u.version) }), 204, 'delete');
    change(await entry('property.deleted', p.id), 'name', 'Audit Hotel', null);
  });

  test('room types and rooms: created, updated, status changed, deleted', async () => {
    const rt = await ok(t.req('POST', '/api/hotel/room-types', { property_id: s.property.id, code: 'AUD', name: 'Audit', capacity: 3, base_rate_minor: 5000 }), 201, 'type');
    change(await entry('room_type.created', rt.id), 'base_rate_minor', null, 5000);
    const rt2 = await ok(t.req('PATCH', `/api/hotel/room-types/${rt.id}`, { version: rt.version, base_rate_minor: 6500 }), 200, 'type update');
    change(await entry('room_type.updated', rt.id), 'base_rate_minor', 5000, 6500);

    const room = await ok(t.req('POST', '/api/hotel/rooms', { property_id: s.property.id, room_type_id: rt.id, room_number: '901', floor: 9 }), 201, 'room');
    change(await entry('room.created', room.id), 'room_number', null, '901');
    const r2 = await ok(t.req('PATCH', `/api/hotel/rooms/${room.id}`, { version: room.version, floor: 10 }), 200, 'room update');
    change(await entry('room.updated', room.id), 'floor', 9, 10);
    const r3 = await ok(t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status: 'inspected' }), 200, 'status');
    change(await entry('room.status_changed', room.id), 'status', 'clean', 'inspected');
    await ok(t.req('DELETE', `/api/hotel/rooms/${room.id}`, undefined, { 'if-match': String(r3.version) }), 204, 'room delete');
    change(await entry('room.deleted', room.id), 'room_number', '901', null);
    await ok(t.req('DELETE', `/api/hotel/room-types/${rt.id}`, undefined, { 'if-match': String(rt2.version) }), 204, 'type delete');
    change(await entry('room_type.deleted', rt.id), 'code', 'AUD', null);
    assert.equal(r2.version + 1, r3.version);
  });

  test('guests: the names of the changed fields, never their values', async () => {
    const g = await ok(t.req('POST', '/api/hotel/guests', { first_name: 'Iris', last_name: 'Private', email: 'iris@private.test' }), 201, 'guest');
    const created = await entry('guest.created', g.id);
    assert.ok(created.fields.includes('email'));
    assert.ok(!JSON.stringify(created).includes('iris@private.test'));
    const g2 = await ok(t.req('PATCH', `/api/hotel/guests/${g.id}`, { version: g.version, phone: '+30 210 000 0000' }), 200, 'update');
    assert.deepEqual((await entry('guest.updated', g.id)).fields, ['phone']);
    await ok(t.req('GET', `/api/hotel/guests/${g.id}/export`), 200, 'export');
    await entry('guest.exported', g.id);
    await ok(t.req('POST', `/api/hotel/guests/${g.id}/erase`, { version: g2.version }), 200, 'erase');
    const erased = await entry('guest.erased', g.id);
    assert.ok(erased.fields.includes('last_name'));
    assert.ok(!JSON.stringify(erased).includes('Private'));
    const lone = await ok(t.req('POST', '/api/hotel/guests', { first_name: 'Gone', last_name: 'Soon' }), 201, 'guest');
    await ok(t.req('DELETE', `/api/hotel/guests/${lone.id}`), 204, 'delete');
    await entry('guest.deleted', lone.id);
  });

  test('reservations: each step of the stay with its before and after', async () => {
    const yesterday = dateIn(s.property.timezone, -1);
    const r = await book(t, s, { check_in_date: yesterday, check_out_date: addDays(yesterday, 3) });
    const created = await entry('reservation.created', r.id);
    change(created, 'status', null, 'pending');
    change(created, 'check_in_date', null, yesterday);
    assert.equal(created.guest_name, undefined, "the guest's name stays out of the append-only log");
    const u = await ok(t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version, adults: 1, notes: 'late arrival' }), 200, 'update');
    const updated = await entry('reservation.updated', r.id);
    change(updated, 'adults', 2, 1);
    change(updated, 'notes', null, 'late arrival');
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/confirm`, { version: u.version }), 200, 'confirm');
    change(await entry('reservation.confirmed', r.id), 'status', 'pending', 'confirmed');
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/assign-room`, { room_id: s.rooms[1].id }), 200, 'assign');
    change(await entry('reservation.room_assigned', r.id), 'room_id', null, s.rooms[1].id);
    // One entry per request: the room's housekeeping change is part of it.
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-in`), 200, 'check in');
    const checkedIn = await entry('reservation.checked_in', r.id);
    change(checkedIn, 'status', 'confirmed', 'checked_in');
    assert.equal(checkedIn.room.id, s.rooms[1].id);
    assert.deepEqual(checkedIn.room.occupied, { before: false, after: true });
    await settle(t, r.id);
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-out`), 200, 'check out');
    const checkedOut = await entry('reservation.checked_out', r.id);
    change(checkedOut, 'status', 'checked_in', 'checked_out');
    assert.deepEqual(checkedOut.room.status, { before: 'clean', after: 'dirty' });
    assert.deepEqual(checkedOut.room.occupied, { before: true, after: false });

    const c = await book(t, s);
    await ok(t.req('POST', `/api/hotel/reservations/${c.id}/cancel`, { reason: 'flight cancelled' }), 200, 'cancel');
    const cancelled = await entry('reservation.cancelled', c.id);
    change(cancelled, 'status', 'pending', 'cancelled');
    assert.equal(cancelled.reason, 'flight cancelled');
    const n = await book(t, s, { status: 'confirmed' });
    await ok(t.req('POST', `/api/hotel/reservations/${n.id}/no-show`), 200, 'no-show');
    change(await entry('reservation.no_show', n.id), 'status', 'confirmed', 'no_show');
  });

  test('payments and refunds', async () => {
    const r = await book(t, s);
    const p = await ok(t.req('POST', `/api/hotel/reservations/${r.id}/payments`, { amount_minor: 4200, method: 'bank_transfer' }), 201, 'pay');
    const paid = await entry('payment.created', p.id);
    change(paid, 'amount_minor', null, 4200);
    change(paid, 'method', null, 'bank_transfer');
    change(paid, 'reservation_id', null, r.id);
    change(paid, 'reservation_paid_minor', 0, 4200);
    const rf = await ok(t.req('POST', `/api/hotel/payments/${p.id}/refund`, { amount_minor: 200, reason: 'goodwill' }), 201, 'refund');
    const refunded = await entry('payment.refunded', rf.id);
    change(refunded, 'amount_minor', null, 200);
    change(refunded, 'refund_of', null, p.id);
    change(refunded, 'reason', null, 'goodwill');
    change(refunded, 'payment_refunded_minor', 0, 200);
    change(refunded, 'reservation_paid_minor', 4200, 4000);
  });

  test('incidents: created, updated, deleted', async () => {
    const i = await ok(t.req('POST', '/api/hotel/incidents', { title: 'Broken lift', category: 'maintenance', severity: 'high', property_id: s.property.id }), 201, 'incident');
    change(await entry('incident.created', i.id), 'severity', null, 'high');
    const u = await ok(t.req('PATCH', `/api/hotel/incidents/${i.id}`, { version: i.version, status: 'in_progress', assigned_to: me.id }), 200, 'update');
    const c = await entry('incident.updated', i.id);
    change(c, 'status', 'open', 'in_progress');
    change(c, 'assigned_to', null, me.id);
    await ok(t.req('DELETE', `/api/hotel/incidents/${i.id}`, undefined, { 'if-match': String(u.version) }), 204, 'delete');
    change(await entry('incident.deleted', i.id), 'title', 'Broken lift', null);
  });

  test('refused requests write no audit entry', async () => {
    const r = await book(t, s);
    const before = await total();
    assertProblem(await t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version + 1, adults: 1 }), 409);
    assertProblem(await t.req('POST', `/api/hotel/reservations/${r.id}/check-out`), 409);
    assertProblem(await t.req('POST', `/api/hotel/reservations/${r.id}/payments`, { amount_minor: -1, method: 'cash' }), 422);
    assertProblem(await t.req('POST', '/api/hotel/reservations', reservationBody(s, { check_out_date: r.check_in_date, check_in_date: r.check_in_date })), 422);
    assertProblem(await t.req('POST', '/api/hotel/properties', { name: 'X', code: s.property.code, timezone: 'UTC', currency: 'EUR' }), 409);
    assert.equal(await total(), before);
  });

  test("the tenant's audit chain verifies", async () => {
    const v = await ok(server.request('GET', `/api/admin/audit-logs/verify?tenant_id=${t.hotel.id}`, { token: admin }), 200, 'verify');
    assert.equal(v.ok, true);
    assert.ok(v.checked > 30, `checked ${v.checked}`);
  });
});
