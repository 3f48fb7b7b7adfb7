// Domain events (issue 15, the outbox): every hotel audit entry that records
// a state change writes one event in the same transaction, and
// GET /api/hotel/events?after&limit lists them oldest first, only those whose
// resource the caller may read. Checked through the API on both backends:
//  - each kind of change makes exactly one event of its type, on its
//    resource, with ids rising and occurred_at an RFC 3339 time;
//  - a refused write makes none (nothing of a rolled-back transaction);
//  - `after`/`limit` walk every event once, `next_after` stays put when
//    nothing is new, bad values are 400 invalid_query;
//  - the permission filter (housekeeping, accountant, front desk, a custom
//    role with or without hotel:events:read);
//  - a guest's events name fields, never values;
//  - tenant isolation, and an admin impersonating a tenant sees its events;
//  - parallel writes (on PostgreSQL through two instances) make one event
//    each at consecutive positions, and a poller that follows `next_after`
//    while they run misses none;
//  - every event is the event of its audit entry (same chain position,
//    resource, action and time), and every entry that changes state has one.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus, loginOk, randomId } from './lib/api.mjs';
import { hotelStaff, impersonate, listAll, qs } from './lib/platform.mjs';
import { addDays, assert, book, dateIn, hotelTenant, ok, reservationBody, setupProperty } from './lib/hotel.mjs';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PARALLEL = 20;

// The permission that reads an event (docs/architecture.md, "Domain events").
const READERS = {
  reservation: 'hotel:reservations:read',
  room: 'hotel:rooms:read',
  room_type: 'hotel:room_types:read',
  property: 'hotel:properties:read',
  guest: 'hotel:guests:read',
  payment: 'hotel:payments:read',
  folio_line: 'hotel:folios:read',
  invoice: 'hotel:invoices:read',
  incident: 'hotel:incidents:read',
  user: 'hotel:users:read',
  role: 'hotel:roles:read',
};
const readerOf = (e) => (e.data.action.startsWith('night_audit.') ? 'hotel:night_audit:read' : READERS[e.resource_type]);

// Whether an audit entry records a state change that makes an event, and its type.
function eventOf(entry) {
  const a = entry.action;
  if (/^(auth|impersonation|report)\./.test(a) || /\.(exported|viewed)$/.test(a)) return null;
  if (!a.startsWith('night_audit.') && !READERS[entry.resource_type]) return null;
  if (['confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'].some((s) => a === `reservation.${s}`)) {
    return 'reservation.status_changed';
  }
  return a === 'payment.created' ? 'payment.recorded' : a;
}

describe('hotel domain events', () => {
  let server;
  let admin;
  let A; // tenant A: {hotel, token, req, ...}
  let sA; // A's property, room type, rooms, guest

  // One page: the answer body (fails on anything but 200).
  const page = async (token, params = {}) =>
    assertStatus(await server.request('GET', `/api/hotel/events${qs(params)}`, { token }), 200, `events ${qs(params)}`);

  // Every event after `from`, page by page, checking each page's shape.
  async function walk(token, { from = 0, limit = 100 } = {}) {
    const out = [];
    let cursor = from;
    for (let i = 0; i < 10_000; i++) {
      const body = await page(token, { after: cursor, limit });
      assert.ok(body.items.length <= limit, `a page holds at most ${limit}`);
      if (body.items.length === 0) {
        assert.equal(body.next_after, cursor, 'nothing new: next_after is the after sent');
        return out;
      }
      for (const e of body.items) assert.ok(e.id > cursor, `event ${e.id} comes after ${cursor}`);
      if (body.items.length === limit) assert.equal(body.next_after, body.items.at(-1).id, 'a full page: its last id');
      // Otherwise the tenant's newest id, maybe past events of others' permissions (never before the last item).
      else assert.ok(body.next_after >= body.items.at(-1).id, 'next_after is at or past the last id of the page');
      out.push(...body.items);
      cursor = body.next_after;
    }
    throw new Error('the walk did not end');
  }
  const latest = async (token = A.token) => (await walk(token)).at(-1)?.id ?? 0;

  // The events `action` makes, as the manager sees them.
  async function eventsOf(action, token = A.token) {
    const from = await latest(token);
    const result = await action();
    return { events: await walk(token, { from }), result };
  }
  async function oneEvent(what, action) {
    const { events, result } = await eventsOf(action);
    assert.equal(events.length, 1, `${what}: one event, got ${JSON.stringify(events)}`);
    const [e] = events;
    assert.match(e.occurred_at, RFC3339, `${what}: occurred_at`);
    assert.ok(!Number.isNaN(Date.parse(e.occurred_at)), `${what}: occurred_at is a time`);
    assert.equal(typeof e.data.action, 'string');
    return { e, result };
  }

  before(async () => {
    server = await startServer();
    admin = await adminToken(server);
    A = await hotelTenant(server, admin);
    sA = await setupProperty(A, { rooms: 3 });
  });
  after(async () => {
    await server?.stop();
  });

  test('each state change makes exactly one event of its type, on its resource, ids rising', async () => {
    const seen = [];
    const room = sA.rooms[0];
    {
      const { e } = await oneEvent('room status', () =>
        ok(A.req('POST', `/api/hotel/rooms/${room.id}/status`, { status: 'dirty' }), 200, 'room status'),
      );
      assert.deepEqual([e.type, e.resource_type, e.resource_id, e.data.action], ['room.status_changed', 'room', room.id, 'room.status_changed']);
      assert.equal(typeof e.data.changes, 'object', 'a room event carries its changes');
      seen.push(e);
    }
    let pending;
    {
      const { e, result } = await oneEvent('booking', () => book(A, sA, { status: 'pending' }));
      pending = result;
      assert.deepEqual([e.type, e.resource_type, e.resource_id, e.data.action], ['reservation.created', 'reservation', pending.id, 'reservation.created']);
      seen.push(e);
    }
    {
      const { e } = await oneEvent('confirm', () =>
        ok(A.req('POST', `/api/hotel/reservations/${pending.id}/confirm`), 200, 'confirm'),
      );
      assert.deepEqual(
        [e.type, e.resource_type, e.resource_id, e.data.action],
        ['reservation.status_changed', 'reservation', pending.id, 'reservation.confirmed'],
      );
      seen.push(e);
    }
    const today = dateIn(sA.property.timezone, 0);
    const arriving = await book(A, sA, { room_id: sA.rooms[1].id, check_in_date: today, check_out_date: addDays(today, 1), status: 'confirmed' });
    {
      const { e } = await oneEvent('check-in', () =>
        ok(A.req('POST', `/api/hotel/reservations/${arriving.id}/check-in`), 200, 'check in'),
      );
      assert.deepEqual(
        [e.type, e.resource_type, e.resource_id, e.data.action],
        ['reservation.status_changed', 'reservation', arriving.id, 'reservation.checked_in'],
      );
      seen.push(e);
    }
    {
      const { e, result } = await oneEvent('payment', () =>
        ok(A.req('POST', `/api/hotel/reservations/${arriving.id}/payments`, { amount_minor: 1200, method: 'cash' }), 201, 'pay'),
      );
      assert.deepEqual([e.type, e.resource_type, e.resource_id, e.data.action], ['payment.recorded', 'payment', result.id, 'payment.created']);
      seen.push(e);
    }
    {
      const { e, result } = await oneEvent('incident', () =>
        ok(
          A.req('POST', '/api/hotel/incidents', {
            title: 'Broken lamp',
            category: 'maintenance',
            severity: 'low',
            property_id: sA.property.id,
            room_id: room.id,
          }),
          201,
          'incident',
        ),
      );
      assert.deepEqual([e.type, e.resource_type, e.resource_id, e.data.action], ['incident.created', 'incident', result.id, 'incident.created']);
      seen.push(e);
    }
    const ids = seen.map((e) => e.id);
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], `ids strictly rise: ${ids}`);
  });

  test('a refused write makes no event: the latest id stays', async () => {
    const night = dateIn(sA.property.timezone, 200);
    const stay = { room_id: sA.rooms[2].id, check_in_date: night, check_out_date: addDays(night, 1) };
    await book(A, sA, stay);
    const before = await latest();
    // The same room for the same night: 409.
    assertProblem(await A.req('POST', '/api/hotel/reservations', reservationBody(sA, stay)), 409, 'room_unavailable');
    // Bodies the validation refuses: 422.
    assertProblem(await A.req('POST', `/api/hotel/rooms/${sA.rooms[0].id}/status`, { status: 'sparkling' }), 422);
    assertProblem(await A.req('POST', '/api/hotel/incidents', { title: '', property_id: sA.property.id }), 422);
    assertProblem(await A.req('POST', `/api/hotel/reservations/${randomUUID()}/payments`, { amount_minor: 100, method: 'cash' }), 404);
    assert.equal(await latest(), before, 'no event from refused writes');

    // Simultaneous bookings of one room for one night: the losers' transactions
    // roll back, and only the one booking made has an event.
    const other = dateIn(sA.property.timezone, 210);
    const body = reservationBody(sA, { room_id: sA.rooms[2].id, check_in_date: other, check_out_date: addDays(other, 1) });
    const { events } = await eventsOf(async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => server.request('POST', '/api/hotel/reservations', { token: A.token, body })),
      );
      const made = answers.filter((r) => r.status === 201);
      assert.equal(made.length, 1, `one booking made: ${answers.map((r) => r.status)}`);
      for (const r of answers.filter((x) => x.status !== 201)) assertProblem(r, 409, 'room_unavailable');
      return made[0].json;
    });
    assert.deepEqual(events.map((e) => [e.type, e.resource_type]), [['reservation.created', 'reservation']]);
  });

  test('sign-ins, exports and reports write audit entries but no event', async () => {
    const from = await latest();
    const entriesFrom = Math.max(...(await listAll(server, A.token, '/api/hotel/audit-logs')).map((x) => x.chain_seq));
    await loginOk(server, A.manager.email, A.manager.password);
    await ok(A.req('GET', `/api/hotel/guests/${sA.guest.id}/export`), 200, 'guest export');
    const report = await A.req('POST', '/api/hotel/reports/arrivals', {
      format: 'csv',
      parameters: { property_id: sA.property.id, date: dateIn(sA.property.timezone, 0) },
    });
    assert.ok(report.status >= 200 && report.status < 300, `report: ${report.status} ${report.text.slice(0, 200)}`);
    const entries = (await listAll(server, A.token, '/api/hotel/audit-logs')).filter((x) => x.chain_seq > entriesFrom);
    const actions = entries.map((x) => x.action);
    for (const a of ['auth.login', 'guest.exported']) assert.ok(actions.includes(a), `${a} is audited: ${actions}`);
    assert.ok(actions.some((a) => a.startsWith('report.')), `the report is audited: ${actions}`);
    assert.deepEqual(await walk(A.token, { from }), [], 'and none of them is an event');
  });

  test('after and limit walk every event once; next_after stays when nothing is new', async () => {
    const all = await walk(A.token);
    assert.ok(all.length >= 10, `enough events to page: ${all.length}`);
    const ids = all.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], 'oldest first');
    for (const limit of [1, 3, 7]) {
      assert.deepEqual((await walk(A.token, { limit })).map((e) => e.id), ids, `pages of ${limit}`);
    }
    // From the middle: exactly the later ones.
    const mid = ids[Math.floor(ids.length / 2)];
    assert.deepEqual((await walk(A.token, { from: mid, limit: 2 })).map((e) => e.id), ids.filter((id) => id > mid));
    // Defaults: after = 0, limit = 100.
    const first = assertStatus(await A.req('GET', '/api/hotel/events'), 200, 'events without parameters');
    assert.deepEqual(first.items.map((e) => e.id), ids.slice(0, 100));
    // Nothing new, or a position past the end: an empty page, next_after = after.
    const last = ids.at(-1);
    assert.deepEqual(await page(A.token, { after: last }), { items: [], next_after: last });
    assert.deepEqual(await page(A.token, { after: last + 1000 }), { items: [], next_after: last + 1000 });
    // One more change: exactly it after the last position.
    await ok(A.req('POST', `/api/hotel/rooms/${sA.rooms[0].id}/status`, { status: 'clean' }), 200, 'room status');
    const next = await page(A.token, { after: last });
    assert.equal(next.items.length, 1);
    assert.equal(next.next_after, next.items[0].id);
  });

  test('bad after or limit: 400 invalid_query', async () => {
    const bad = [
      { after: -1 },
      { after: 'abc' },
      { after: '1.5' },
      { after: '1e3' },
      { after: '9007199254740992' },
      { limit: 0 },
      { limit: 101 },
      { limit: -1 },
      { limit: 'ten' },
      { limit: '5x' },
    ];
    for (const params of bad) {
      assertProblem(await A.req('GET', `/api/hotel/events${qs(params)}`), 400, 'invalid_query');
    }
    // The bounds themselves are fine.
    await page(A.token, { after: 0, limit: 1 });
    await page(A.token, { after: 9007199254740991, limit: 100 });
  });

  test('each role receives the events of what it may read', async () => {
    // One of each kind, so that every role has something to receive and to miss.
    const guest = await ok(A.req('POST', '/api/hotel/guests', { first_name: 'Rita', last_name: 'Roles' }), 201, 'guest');
    const r = await book(A, { ...sA, guest });
    await ok(A.req('POST', `/api/hotel/reservations/${r.id}/payments`, { amount_minor: 500, method: 'card' }), 201, 'payment');
    await ok(A.req('POST', `/api/hotel/rooms/${sA.rooms[1].id}/status`, { status: 'inspected' }), 200, 'room status');
    await ok(
      A.req('POST', '/api/hotel/incidents', { title: 'Squeaky door', category: 'maintenance', severity: 'low', property_id: sA.property.id }),
      201,
      'incident',
    );
    // The night audit of yesterday (its readers are the audit's), with a stay
    // in house so that it posts a room charge (a folio line).
    const yesterday = dateIn('UTC', -1);
    const audited = await setupProperty(A, { rooms: 1, timezone: 'UTC', businessDate: yesterday });
    const stay = await book(A, audited, { room_id: audited.rooms[0].id, check_in_date: yesterday, check_out_date: dateIn('UTC', 1), status: 'confirmed' });
    await ok(A.req('POST', `/api/hotel/reservations/${stay.id}/check-in`), 200, 'check in yesterday');
    await ok(A.req('POST', `/api/hotel/properties/${audited.property.id}/night-audit`, { business_date: yesterday }), 201, 'night audit');
    const custom = await ok(
      A.req('POST', '/api/hotel/roles', {
        name: `rooms-live-${randomId(2)}`,
        display_name: 'Rooms, live',
        permissions: ['hotel:rooms:read', 'hotel:events:read'],
      }),
      201,
      'role with rooms and events',
    );
    const all = await walk(A.token);
    const types = new Set(all.map((e) => e.resource_type));
    for (const t of ['room', 'incident', 'reservation', 'payment', 'guest', 'folio_line']) assert.ok(types.has(t), `the manager sees ${t} events`);
    assert.ok(all.some((e) => e.type === 'night_audit.completed'), 'the manager sees the night audit');
    const cases = [
      ['housekeeping', ['hotel:rooms:read', 'hotel:incidents:read']],
      ['accountant', ['hotel:payments:read', 'hotel:folios:read', 'hotel:invoices:read', 'hotel:night_audit:read', 'hotel:reservations:read']],
      [
        'front-desk',
        ['hotel:guests:read', 'hotel:reservations:read', 'hotel:payments:read', 'hotel:folios:read', 'hotel:night_audit:read', 'hotel:invoices:read', 'hotel:rooms:read'],
      ],
      [custom.name, ['hotel:rooms:read']],
    ];
    for (const [role, readers] of cases) {
      const { token } = await hotelStaff(server, A.token, [role]);
      const got = await walk(token, { limit: 5 });
      const want = all.filter((e) => readers.includes(readerOf(e)));
      assert.ok(want.length > 0, `${role}: something to receive`);
      assert.deepEqual(got.map((e) => e.id), want.map((e) => e.id), `${role}: exactly the events of ${readers.join(', ')}`);
      assert.deepEqual(got, want, `${role}: the same events as the manager's`);
    }
    // Housekeeping in particular: rooms and incidents, no reservation, payment or guest.
    const { token: hk } = await hotelStaff(server, A.token, ['housekeeping']);
    const hkTypes = new Set((await walk(hk)).map((e) => e.resource_type));
    assert.ok(hkTypes.has('room') && hkTypes.has('incident'), `housekeeping sees rooms and incidents: ${[...hkTypes]}`);
    for (const t of ['reservation', 'payment', 'guest']) assert.ok(!hkTypes.has(t), `housekeeping sees no ${t} event`);
    const { token: acc } = await hotelStaff(server, A.token, ['accountant']);
    const accEvents = await walk(acc);
    assert.ok(accEvents.some((e) => e.type === 'payment.recorded'), 'the accountant sees payments');
    assert.ok(accEvents.some((e) => e.type === 'night_audit.completed'), 'the accountant sees the night audit');
    assert.ok(accEvents.some((e) => e.resource_type === 'folio_line'), 'the accountant sees folio lines');
    assert.ok(!(await walk(hk)).some((e) => e.type.startsWith('night_audit.')), 'housekeeping does not see the night audit');

    // Without hotel:events:read: 403, even holding every read of the resources.
    const blind = await ok(
      A.req('POST', '/api/hotel/roles', {
        name: `no-events-${randomId(2)}`,
        display_name: 'No events',
        permissions: ['hotel:rooms:read', 'hotel:reservations:read', 'hotel:payments:read'],
      }),
      201,
      'role without events',
    );
    const { token: noEvents } = await hotelStaff(server, A.token, [blind.name]);
    assertProblem(await server.request('GET', '/api/hotel/events', { token: noEvents }), 403, 'missing_permission');
  });

  // A long value anywhere in the text; a short one (a country code) as a whole
  // JSON string, since two letters also occur inside confirmation numbers.
  const carries = (text, v) => (String(v).length >= 6 ? text.includes(v) : text.includes(JSON.stringify(v)));

  test("a guest's events name the fields that changed, never their values", async () => {
    const person = {
      first_name: `Zebulon${randomId(2)}`,
      last_name: `Quillfeather${randomId(2)}`,
      email: `zq-${randomId(3)}@guest.test`,
      phone: '+44 20 7946 0958',
      nationality: 'GB',
    };
    const values = Object.values(person);
    const hides = (e, what) => {
      const text = JSON.stringify(e);
      for (const v of values) assert.ok(!carries(text, v), `${what}: the event carries ${v}: ${text}`);
      assert.equal(e.data.changes, undefined, `${what}: no changes`);
      assert.ok(Array.isArray(e.data.fields), `${what}: fields`);
    };
    const { e: created, result: guest } = await oneEvent('guest created', () => ok(A.req('POST', '/api/hotel/guests', person), 201, 'guest'));
    assert.deepEqual([created.type, created.resource_type, created.resource_id], ['guest.created', 'guest', guest.id]);
    hides(created, 'guest.created');
    for (const f of ['first_name', 'last_name', 'email']) assert.ok(created.data.fields.includes(f), `guest.created names ${f}: ${JSON.stringify(created)}`);

    const newPhone = '+44 20 7946 0111';
    values.push(newPhone);
    const { e: updated } = await oneEvent('guest updated', () =>
      ok(A.req('PATCH', `/api/hotel/guests/${guest.id}`, { phone: newPhone, version: guest.version }), 200, 'update guest'),
    );
    assert.deepEqual([updated.type, updated.resource_id], ['guest.updated', guest.id]);
    hides(updated, 'guest.updated');
    assert.ok(updated.data.fields.includes('phone'), `guest.updated names phone: ${JSON.stringify(updated)}`);

    // An export reads: no event.
    const { events } = await eventsOf(() => ok(A.req('GET', `/api/hotel/guests/${guest.id}/export`), 200, 'export'));
    assert.deepEqual(events, [], 'an export makes no event');

    const { e: erased } = await oneEvent('guest erased', () => ok(A.req('POST', `/api/hotel/guests/${guest.id}/erase`), 200, 'erase'));
    assert.deepEqual([erased.type, erased.resource_id], ['guest.erased', guest.id]);
    hides(erased, 'guest.erased');
    // Whatever the manager can read later, no event ever held the person's data.
    for (const e of await walk(A.token)) {
      const text = JSON.stringify(e);
      for (const v of values) assert.ok(!carries(text, v), `event ${e.id} (${e.type}) carries ${v}`);
    }
  });

  test("tenants see only their own events; an admin impersonating A sees A's", async () => {
    const B = await hotelTenant(server, admin);
    const sB = await setupProperty(B, { rooms: 1 });
    const rB = await book(B, sB);
    await ok(B.req('POST', `/api/hotel/rooms/${sB.rooms[0].id}/status`, { status: 'dirty' }), 200, 'B room status');
    const bOwn = new Set([B.managerId, sB.property.id, sB.roomType.id, sB.rooms[0].id, sB.guest.id, rB.id]);

    const aEvents = await walk(A.token);
    const aResources = new Set(aEvents.map((e) => e.resource_id).filter(Boolean));
    const bEvents = await walk(B.token);
    assert.ok(bEvents.length >= 6, `B has its own events: ${bEvents.length}`);
    const foreign = bEvents.filter((e) => e.resource_id !== null && !bOwn.has(e.resource_id));
    assert.deepEqual(foreign, [], "B's events are all of B's resources");
    assert.deepEqual(bEvents.filter((e) => aResources.has(e.resource_id)), [], "none of B's events is about A's resources");
    for (const e of bEvents) {
      const text = JSON.stringify(e);
      for (const id of aResources) assert.ok(!text.includes(id), `B's event ${e.id} names A's ${id}`);
    }
    // B's ids are B's own chain positions, whatever A's are.
    const bAudit = await listAll(server, B.token, '/api/hotel/audit-logs');
    const bSeqs = new Set(bAudit.map((x) => x.chain_seq));
    assert.ok(bEvents.every((e) => bSeqs.has(e.id)), "B's event ids are positions of B's audit chain");
    // Asking B's list from A's latest position shows nothing of A's either.
    const fromA = await page(B.token, { after: aEvents.at(-1).id - 1 });
    assert.ok(fromA.items.every((e) => bOwn.has(e.resource_id) || e.resource_id === null));

    const { access_token: imp } = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: 'events: support check' });
    const asManager = await walk(A.token);
    const asAdmin = await walk(imp, { limit: 9 });
    assert.deepEqual(asAdmin, asManager, "the impersonating admin sees A's events");
    assert.ok(!asAdmin.some((e) => bOwn.has(e.resource_id)), "and none of B's");
  });

  test(`${PARALLEL} parallel room changes: ${PARALLEL} events at consecutive positions, none missed by a poller`, async () => {
    const s = await setupProperty(A, { rooms: PARALLEL });
    // On PostgreSQL half the writes (and the poller) go through a second
    // instance on the same database.
    const second = IS_POSTGRES ? await server.startAnother() : server;
    const from = await latest();
    // A poller following next_after while the writes run.
    let writing = true;
    const polled = [];
    const poller = (async () => {
      let cursor = from;
      for (let round = 0; round < 100_000; round++) {
        const stillWriting = writing;
        const res = await second.request('GET', `/api/hotel/events${qs({ after: cursor, limit: 7 })}`, { token: A.token });
        const body = assertStatus(res, 200, 'poll');
        polled.push(...body.items);
        cursor = body.next_after;
        if (!stillWriting && body.items.length === 0) return;
      }
      throw new Error('the poller did not finish');
    })();
    const answers = await Promise.all(
      s.rooms.map((room, i) =>
        (i % 2 ? second : server).request('POST', `/api/hotel/rooms/${room.id}/status`, { token: A.token, body: { status: 'out_of_service' } }),
      ),
    ).finally(() => {
      writing = false;
    });
    await poller;
    if (second !== server) await second.stop();
    for (const res of answers) assertStatus(res, 200, 'room status');

    const events = await walk(A.token, { from });
    assert.equal(events.length, PARALLEL, `one event per change: ${events.map((e) => e.type)}`);
    assert.ok(events.every((e) => e.type === 'room.status_changed' && e.resource_type === 'room'));
    assert.deepEqual(new Set(events.map((e) => e.resource_id)), new Set(s.rooms.map((r) => r.id)), 'one per room');
    const ids = events.map((e) => e.id);
    assert.equal(new Set(ids).size, PARALLEL, 'distinct ids');
    assert.equal(ids.at(-1) - ids[0], PARALLEL - 1, `consecutive positions: ${ids}`);
    // The audit entries of the same changes sit at exactly those positions.
    const entries = (await listAll(server, A.token, '/api/hotel/audit-logs')).filter((x) => x.chain_seq > from);
    assert.deepEqual(entries.map((x) => x.chain_seq).sort((x, y) => x - y), ids, 'the audit entries of the changes hold the same positions');
    assert.deepEqual(polled.map((e) => e.id), ids, 'the poller received every event once, in order');
  });

  test('every event is the event of its audit entry, and every state change of the chain has one', async () => {
    const events = await walk(A.token);
    const entries = await listAll(server, A.token, '/api/hotel/audit-logs');
    const bySeq = new Map(entries.map((x) => [x.chain_seq, x]));
    const problems = [];
    for (const e of events) {
      const x = bySeq.get(e.id);
      if (!x) {
        problems.push(`event ${e.id} (${e.type}) has no audit entry`);
        continue;
      }
      const want = [eventOf(x), x.resource_type, x.resource_id, x.action];
      const got = [e.type, e.resource_type, e.resource_id, e.data.action];
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`event ${e.id}: ${got} but its entry says ${want}`);
      if (Date.parse(e.occurred_at) !== Date.parse(x.created_at)) problems.push(`event ${e.id}: at ${e.occurred_at}, its entry at ${x.created_at}`);
    }
    const withEvent = new Set(events.map((e) => e.id));
    for (const x of entries) {
      if (eventOf(x) && !withEvent.has(x.chain_seq)) problems.push(`entry ${x.chain_seq} (${x.action}) has no event`);
      if (!eventOf(x) && withEvent.has(x.chain_seq)) problems.push(`entry ${x.chain_seq} (${x.action}) makes no event but has one`);
    }
    assert.deepEqual(problems, []);
    assert.ok(entries.some((x) => !eventOf(x)), 'the chain holds entries without events (sign-ins, exports): gaps are expected');
    // In the database, for every tenant: each event is at the position of an
    // audit entry of its own tenant, on the same resource.
    const orphans = await server.sql(`
      SELECT count(*) FROM domain_events d
       WHERE NOT EXISTS (SELECT 1 FROM audit_logs a
                          WHERE a.tenant_id = d.tenant_id AND a.chain_seq = d.seq
                            AND a.resource_type = d.resource_type
                            AND coalesce(a.resource_id, '') = coalesce(d.resource_id, ''))`);
    assert.equal(orphans, '0', 'events without their audit entry');
    const tenants = Number(await server.sql('SELECT count(DISTINCT tenant_id) FROM domain_events'));
    assert.ok(tenants >= 2, `events of several tenants checked: ${tenants}`);
  });
});
