// Reservations through HTTP: the status machine of API.md as a table (every
// from -> action pair), the arrival-date rule in the property's time zone,
// nights as [check_in, check_out) over back-to-back stays, a leap day and
// DST changes, capacity of a room type, room assignment, the room's
// housekeeping state on check-in and check-out, confirmation numbers,
// Idempotency-Key replays, bad input, and list filters and pagination.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import {
  addDays,
  assert,
  book,
  dateIn,
  hotelTenant,
  ok,
  reservationBody,
  settle,
  setupProperty,
} from './lib/hotel.mjs';

const STATUSES = ['pending', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'];
const ACTIONS = ['confirm', 'check-in', 'check-out', 'cancel', 'no-show'];
// API.md: pending -> confirmed -> checked_in -> checked_out,
// pending|confirmed -> cancelled, confirmed -> no_show; nothing else.
const LEGAL = {
  pending: { confirm: 'confirmed', cancel: 'cancelled' },
  confirmed: { 'check-in': 'checked_in', cancel: 'cancelled', 'no-show': 'no_show' },
  checked_in: { 'check-out': 'checked_out' },
  checked_out: {},
  cancelled: {},
  no_show: {},
};
// How to reach each status from a new (pending) reservation.
const PATH = {
  pending: [],
  confirmed: ['confirm'],
  checked_in: ['confirm', 'check-in'],
  checked_out: ['confirm', 'check-in', 'check-out'],
  cancelled: ['cancel'],
  no_show: ['confirm', 'no-show'],
};

describe('hotel reservations', () => {
  let server;
  let t; // tenant A
  let other; // tenant B
  let s; // tenant A's property (Europe/Berlin, 3 rooms, rate 10000)

  // A checked-in stay pays its balance before it checks out (a balance other
  // than zero refuses check-out: hotel-folio.test.mjs).
  const act = async (id, action, body) => {
    if (action === 'check-out') await settle(t, id);
    return t.req('POST', `/api/hotel/reservations/${id}/${action}`, body);
  };
  const get = async (id) => ok(t.req('GET', `/api/hotel/reservations/${id}`), 200, 'get reservation');

  before(async () => {
    server = await startServer();
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
    s = await setupProperty(t, { rooms: 3 });
  });
  after(async () => {
    await server?.stop();
  });

  describe('status machine', () => {
    // In house since yesterday, so check-in is allowed whatever the hour.
    const stay = () => {
      const checkIn = dateIn(s.property.timezone, -1);
      return { check_in_date: checkIn, check_out_date: addDays(checkIn, 3) };
    };

    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        const to = LEGAL[from][action];
        test(`${from} --${action}--> ${to ?? '409'}`, async () => {
          const r0 = await book(t, s, stay());
          for (const step of PATH[from]) await ok(act(r0.id, step), 200, `${step} on the way to ${from}`);
          const before = await get(r0.id);
          assert.equal(before.status, from);
          const res = await act(r0.id, action, action === 'cancel' ? { reason: 'table test' } : undefined);
          if (to) {
            const after = assertStatus(res, 200, `${from} -> ${action}`);
            assert.equal(after.status, to);
            assert.equal(after.version, before.version + 1);
            const history = (await get(r0.id)).status_history;
            const expected = ['pending'];
            for (const step of PATH[from]) expected.push(LEGAL[expected.at(-1)][step]);
            assert.deepEqual(history.map((h) => h.to_status), [...expected, to]);
            assert.equal(history.at(-1).from_status, from);
            assert.equal(history.at(-1).to_status, to);
          } else {
            assertProblem(res, 409);
            const unchanged = await get(r0.id);
            assert.equal(unchanged.status, from, 'a refused change leaves the status');
            assert.equal(unchanged.version, before.version, 'a refused change leaves the version');
            assert.equal(unchanged.status_history.length, before.status_history.length);
          }
          // Leave no active stay behind: the next case needs the rooms.
          const now = await get(r0.id);
          if (now.status === 'pending' || now.status === 'confirmed') await ok(act(r0.id, 'cancel'), 200, 'cleanup');
          if (now.status === 'checked_in') await ok(act(r0.id, 'check-out'), 200, 'cleanup');
        });
      }
    }

    test('a stale version on a status action is 409 and changes nothing', async () => {
      const r = await book(t, s);
      const res = await act(r.id, 'confirm', { version: r.version + 5 });
      assertProblem(res, 409, 'stale_version');
      assert.equal((await get(r.id)).status, 'pending');
      await ok(act(r.id, 'confirm', { version: r.version }), 200, 'confirm with the current version');
      await ok(act(r.id, 'cancel'), 200, 'cleanup');
    });
  });

  describe("arrival date in the property's time zone", () => {
    // UTC+14 and UTC-11: 25 hours apart, so their calendar dates always differ.
    let east;
    let west;
    before(async () => {
      east = await setupProperty(t, { rooms: 1, timezone: 'Pacific/Kiritimati' });
      west = await setupProperty(t, { rooms: 1, timezone: 'Pacific/Pago_Pago' });
    });

    test('a stay starting today at the property can check in', async () => {
      const today = dateIn('Pacific/Kiritimati', 0);
      const r = await book(t, east, { check_in_date: today, check_out_date: addDays(today, 1), status: 'confirmed' });
      const res = await ok(act(r.id, 'check-in'), 200, 'check in on the arrival date (UTC+14)');
      assert.equal(res.status, 'checked_in');
      await ok(act(r.id, 'check-out'), 200, 'check out');
    });

    test('the same calendar date is still tomorrow in a zone behind: 409, nothing changes', async () => {
      // "Tomorrow" turns into "today" at the zone's midnight (11:00 UTC). If
      // that passes between reading the date and the server's check, the
      // answer says nothing about the rule: cancel and ask again with the
      // new date (midnight cannot come twice within one attempt).
      let r;
      let tomorrowWest;
      let answer;
      for (let attempt = 1; ; attempt++) {
        const todayWest = dateIn('Pacific/Pago_Pago', 0);
        tomorrowWest = addDays(todayWest, 1);
        r = await book(t, west, {
          check_in_date: tomorrowWest,
          check_out_date: addDays(tomorrowWest, 1),
          status: 'confirmed',
        });
        answer = await act(r.id, 'check-in');
        if (dateIn('Pacific/Pago_Pago', 0) === todayWest || attempt === 2) break;
        if (answer.status === 200) await ok(act(r.id, 'check-out'), 200, 'undo the check-in across midnight');
        else await ok(act(r.id, 'cancel'), 200, 'cancel the stay tried across midnight');
      }
      assertProblem(answer, 409, 'check_in_too_early');
      const now = await get(r.id);
      assert.equal(now.status, 'confirmed');
      assert.equal(now.room_id, null);
      // ...and that date has already begun in Kiritimati.
      const r2 = await book(t, east, {
        check_in_date: tomorrowWest,
        check_out_date: addDays(tomorrowWest, 1),
        status: 'confirmed',
      });
      await ok(act(r2.id, 'check-in'), 200, 'the same date is today or past at UTC+14');
      await ok(act(r2.id, 'check-out'), 200, 'check out');
      await ok(act(r.id, 'cancel'), 200, 'cleanup');
    });

    test('a future stay cannot check in', async () => {
      const r = await book(t, s, { status: 'confirmed' });
      assertProblem(await act(r.id, 'check-in'), 409, 'check_in_too_early');
      await ok(act(r.id, 'cancel'), 200, 'cleanup');
    });
  });

  describe('nights and money over calendar edges', () => {
    const cases = [
      ['a leap day', 'Europe/Berlin', '2028-02-28', '2028-03-01', 2],
      ['the leap day alone', 'Europe/Berlin', '2028-02-29', '2028-03-01', 1],
      ['Lisbon spring forward (2026-03-29)', 'Europe/Lisbon', '2026-03-28', '2026-03-30', 2],
      ['Lisbon fall back (2026-10-25)', 'Europe/Lisbon', '2026-10-24', '2026-10-27', 3],
      ['New York spring forward (2026-03-08)', 'America/New_York', '2026-03-07', '2026-03-09', 2],
      ['New York fall back (2026-11-01)', 'America/New_York', '2026-11-01', '2026-11-02', 1],
      ['a year end', 'Asia/Kolkata', '2026-12-31', '2027-01-02', 2],
    ];
    const props = {};
    for (const [name, zone, checkIn, checkOut, nights] of cases) {
      test(`${name}: ${checkIn} -> ${checkOut} is ${nights} night(s)`, async () => {
        props[zone] ??= await setupProperty(t, { rooms: 1, timezone: zone, currency: 'USD', rate: 12345 });
        const p = props[zone];
        const r = await book(t, p, { check_in_date: checkIn, check_out_date: checkOut, room_id: p.rooms[0].id });
        assert.equal(r.nights, nights);
        assert.deepEqual(r.total, { amount_minor: nights * 12345, currency: 'USD' });
        assert.deepEqual(r.paid, { amount_minor: 0, currency: 'USD' });
        assert.deepEqual(r.balance, { amount_minor: nights * 12345, currency: 'USD' });
        // Availability sees the room taken on exactly those nights.
        const during = await ok(
          t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${addDays(checkOut, -1)}&check_out=${checkOut}`),
          200,
          'availability on the last night',
        );
        assert.equal(during.room_types[0].available, 0);
        const afterwards = await ok(
          t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${checkOut}&check_out=${addDays(checkOut, 1)}`),
          200,
          'availability on the departure night',
        );
        assert.equal(afterwards.room_types[0].available, 1);
        await ok(act(r.id, 'cancel'), 200, 'cleanup');
      });
    }
  });

  describe('one room, nights [check_in, check_out)', () => {
    let p;
    let room;
    const D = '2030-06-10';
    before(async () => {
      p = await setupProperty(t, { rooms: 2 });
      room = p.rooms[0].id;
      await book(t, p, { room_id: room, check_in_date: D, check_out_date: addDays(D, 3) });
    });

    test('back-to-back stays share a turnover day', async () => {
      const next = await book(t, p, { room_id: room, check_in_date: addDays(D, 3), check_out_date: addDays(D, 5) });
      const previous = await book(t, p, { room_id: room, check_in_date: addDays(D, -2), check_out_date: D });
      assert.equal(next.room_id, room);
      assert.equal(previous.room_id, room);
    });

    const overlapping = [
      ['the same nights', 0, 3],
      ['the first night', -1, 1],
      ['the last night', 2, 4],
      ['inside', 1, 2],
      ['around', -1, 6],
    ];
    for (const [name, a, b] of overlapping) {
      test(`an overlapping stay (${name}) in the same room is 409 room_unavailable`, async () => {
        const res = await t.req('POST', '/api/hotel/reservations', reservationBody(p, {
          room_id: room,
          check_in_date: addDays(D, a),
          check_out_date: addDays(D, b),
        }));
        assertProblem(res, 409, 'room_unavailable');
      });
    }

    test('a cancelled stay frees its nights', async () => {
      const d = addDays(D, 20);
      const first = await book(t, p, { room_id: room, check_in_date: d, check_out_date: addDays(d, 2) });
      assertProblem(
        await t.req('POST', '/api/hotel/reservations', reservationBody(p, { room_id: room, check_in_date: d, check_out_date: addDays(d, 1) })),
        409,
        'room_unavailable',
      );
      await ok(act(first.id, 'cancel', { reason: 'plans changed' }), 200, 'cancel');
      await book(t, p, { room_id: room, check_in_date: d, check_out_date: addDays(d, 1) });
    });

    test('moving a stay onto taken nights by PATCH is 409 and changes nothing', async () => {
      const d = addDays(D, 40);
      const a = await book(t, p, { room_id: room, check_in_date: d, check_out_date: addDays(d, 2) });
      const b = await book(t, p, { room_id: room, check_in_date: addDays(d, 2), check_out_date: addDays(d, 4) });
      const res = await t.req('PATCH', `/api/hotel/reservations/${b.id}`, { version: b.version, check_in_date: addDays(d, 1) });
      assertProblem(res, 409);
      const now = await get(b.id);
      assert.equal(now.check_in_date, addDays(d, 2));
      assert.equal(now.version, b.version);
      // Extending into free nights works and reprices the stay.
      const longer = await ok(
        t.req('PATCH', `/api/hotel/reservations/${a.id}`, { version: a.version, check_in_date: addDays(d, -1) }),
        200,
        'extend backwards',
      );
      assert.equal(longer.nights, 3);
      assert.equal(longer.total.amount_minor, 3 * 10000);
    });
  });

  describe('room type capacity and room assignment', () => {
    let p;
    const D = '2031-03-01';
    before(async () => {
      p = await setupProperty(t, { rooms: 3 });
      // One of the three rooms is out of order: two can be sold.
      await ok(t.req('POST', `/api/hotel/rooms/${p.rooms[2].id}/status`, { status: 'out_of_order' }), 200, 'out of order');
    });

    test('bookings without a room never exceed the rooms that are not out of order', async () => {
      const nights = { check_in_date: D, check_out_date: addDays(D, 2) };
      await book(t, p, nights);
      await book(t, p, { check_in_date: addDays(D, 1), check_out_date: addDays(D, 3) });
      assertProblem(await t.req('POST', '/api/hotel/reservations', reservationBody(p, nights)), 409, 'no_availability');
      assertProblem(
        await t.req('POST', '/api/hotel/reservations', reservationBody(p, { check_in_date: addDays(D, 1), check_out_date: addDays(D, 2) })),
        409,
        'no_availability',
      );
      // The first night has one left over (the second stay starts a night later).
      await book(t, p, { check_in_date: D, check_out_date: addDays(D, 1) });
      const avail = await ok(
        t.req('GET', `/api/hotel/availability?property_id=${p.property.id}&check_in=${D}&check_out=${addDays(D, 2)}`),
        200,
        'availability',
      );
      assert.equal(avail.room_types[0].total, 2);
      assert.equal(avail.room_types[0].booked, 2);
      assert.equal(avail.room_types[0].available, 0);
    });

    test('an out-of-order room cannot be booked or assigned', async () => {
      const d = addDays(D, 10);
      assertProblem(
        await t.req('POST', '/api/hotel/reservations', reservationBody(p, { room_id: p.rooms[2].id, check_in_date: d, check_out_date: addDays(d, 1) })),
        409,
        'room_out_of_order',
      );
      const r = await book(t, p, { check_in_date: d, check_out_date: addDays(d, 1) });
      assertProblem(await act(r.id, 'assign-room', { room_id: p.rooms[2].id }), 409, 'room_out_of_order');
    });

    test('assign-room: a free room is assigned, a held one is 409, a room of another type or tenant is 422', async () => {
      const d = addDays(D, 20);
      const a = await book(t, p, { check_in_date: d, check_out_date: addDays(d, 2) });
      const b = await book(t, p, { check_in_date: addDays(d, 1), check_out_date: addDays(d, 3) });
      const assigned = await ok(act(a.id, 'assign-room', { room_id: p.rooms[0].id }), 200, 'assign');
      assert.equal(assigned.room_id, p.rooms[0].id);
      assert.equal(assigned.version, a.version + 1);
      assertProblem(await act(b.id, 'assign-room', { room_id: p.rooms[0].id }), 409, 'room_unavailable');
      assert.equal((await get(b.id)).room_id, null);
      await ok(act(b.id, 'assign-room', { room_id: p.rooms[1].id }), 200, 'assign the other room');
      // A room of another property's type, and a room of another tenant.
      const foreignType = await setupProperty(t, { rooms: 1 });
      const res = await act(b.id, 'assign-room', { room_id: foreignType.rooms[0].id });
      assert.ok(assertProblem(res, 422).errors.room_id);
      const theirs = await setupProperty(other, { rooms: 1 });
      const res2 = await act(b.id, 'assign-room', { room_id: theirs.rooms[0].id });
      assert.ok(assertProblem(res2, 422).errors.room_id);
      assert.equal((await get(b.id)).room_id, p.rooms[1].id);
    });
  });

  describe('housekeeping on arrival and departure', () => {
    test('check-in marks the room occupied; check-out frees it and marks it dirty', async () => {
      const p = await setupProperty(t, { rooms: 1 });
      const roomUrl = `/api/hotel/rooms/${p.rooms[0].id}`;
      const yesterday = dateIn(p.property.timezone, -1);
      const r = await book(t, p, { check_in_date: yesterday, check_out_date: addDays(yesterday, 2), status: 'confirmed' });
      assert.equal((await ok(t.req('GET', roomUrl), 200, 'room')).occupied, false);
      const inHouse = await ok(act(r.id, 'check-in'), 200, 'check in');
      assert.equal(inHouse.room_id, p.rooms[0].id, 'check-in assigns a free room of the type');
      assert.ok(inHouse.checked_in_at);
      const occupied = await ok(t.req('GET', roomUrl), 200, 'room');
      assert.equal(occupied.occupied, true);
      assert.equal(occupied.status, 'clean');
      const out = await ok(act(r.id, 'check-out'), 200, 'check out');
      assert.ok(out.checked_out_at);
      const after = await ok(t.req('GET', roomUrl), 200, 'room');
      assert.equal(after.occupied, false);
      assert.equal(after.status, 'dirty');
    });

    test('same-day turnover: the arrival waits until the departure in the room checks out', async () => {
      const p = await setupProperty(t, { rooms: 1 });
      const room = p.rooms[0].id;
      const today = dateIn(p.property.timezone, 0);
      const leaving = await book(t, p, { room_id: room, check_in_date: addDays(today, -2), check_out_date: today, status: 'confirmed' });
      const arriving = await book(t, p, { room_id: room, check_in_date: today, check_out_date: addDays(today, 2), status: 'confirmed' });
      await ok(act(leaving.id, 'check-in'), 200, 'the departure checked in two days ago');
      assertProblem(await act(arriving.id, 'check-in'), 409, 'room_occupied');
      assert.equal((await get(arriving.id)).status, 'confirmed');
      await ok(act(leaving.id, 'check-out'), 200, 'departure');
      const arrived = await ok(act(arriving.id, 'check-in'), 200, 'arrival after the departure');
      assert.equal(arrived.room_id, room);
      const r = await ok(t.req('GET', `/api/hotel/rooms/${room}`), 200, 'room');
      assert.equal(r.occupied, true, 'the arrival holds the room');
    });

    test('check-in without a free room of the type is 409 and changes nothing', async () => {
      const p = await setupProperty(t, { rooms: 1 });
      const yesterday = dateIn(p.property.timezone, -1);
      await ok(t.req('POST', `/api/hotel/rooms/${p.rooms[0].id}/status`, { status: 'out_of_service' }), 200, 'out of service');
      const r = await book(t, p, { check_in_date: yesterday, check_out_date: addDays(yesterday, 2), status: 'confirmed' });
      assertProblem(await act(r.id, 'check-in'), 409, 'no_room_available');
      const now = await get(r.id);
      assert.equal(now.status, 'confirmed');
      assert.equal(now.room_id, null);
    });
  });

  describe('confirmation numbers', () => {
    test('are readable, unique within the tenant, and found by q', async () => {
      const p = await setupProperty(t, { rooms: 1 });
      const seen = new Set();
      for (let i = 0; i < 25; i++) {
        const d = addDays('2032-01-01', i * 2);
        const r = await book(t, p, { room_id: p.rooms[0].id, check_in_date: d, check_out_date: addDays(d, 1) });
        assert.match(r.confirmation_number, /^[A-Z0-9]{3}-[2-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
        assert.ok(r.confirmation_number.startsWith(p.property.code.slice(0, 3)));
        seen.add(r.confirmation_number);
      }
      assert.equal(seen.size, 25);
      const one = [...seen][7];
      const found = await ok(t.req('GET', `/api/hotel/reservations?q=${one.toLowerCase()}`), 200, 'search');
      assert.equal(found.total, 1);
      assert.equal(found.items[0].confirmation_number, one);
    });
  });

  describe('Idempotency-Key on POST /api/hotel/reservations', () => {
    test('the same key and body answer the first reservation and create nothing new', async () => {
      const p = await setupProperty(t, { rooms: 2 });
      const body = reservationBody(p, { check_in_date: '2033-05-01', check_out_date: '2033-05-04' });
      const key = { 'idempotency-key': `res-${randomUUID()}` };
      const first = assertStatus(await t.req('POST', '/api/hotel/reservations', body, key), 201, 'first');
      // The same JSON with other whitespace and key order is the same body.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const again = await server.request('POST', '/api/hotel/reservations', {
        token: t.token,
        rawBody: JSON.stringify(reordered, null, 2),
        headers: { ...key, 'content-type': 'application/json' },
      });
      const second = await t.req('POST', '/api/hotel/reservations', body, key);
      const replay = assertStatus(second, 201, 'replay');
      assert.deepEqual(replay, first, 'the replay is the first answer');
      assert.equal(assertStatus(again, 201, 'replay of the reordered body').id, first.id);
      const list = await ok(t.req('GET', `/api/hotel/reservations?property_id=${p.property.id}`), 200, 'list');
      assert.equal(list.total, 1, 'one reservation, however often the key was sent');
      const audit = await ok(
        t.req('GET', `/api/hotel/audit-logs?resource_type=reservation&resource_id=${first.id}`),
        200,
        'audit',
      );
      assert.equal(audit.items.filter((e) => e.action === 'reservation.created').length, 1);
    });

    test('the same key with another body is 409 and creates nothing', async () => {
      const p = await setupProperty(t, { rooms: 2 });
      const key = { 'idempotency-key': `res-${randomUUID()}` };
      const body = reservationBody(p, { check_in_date: '2033-06-01', check_out_date: '2033-06-03' });
      await ok(t.req('POST', '/api/hotel/reservations', body, key), 201, 'first');
      const res = await t.req('POST', '/api/hotel/reservations', { ...body, adults: 1 }, key);
      assertProblem(res, 409, 'idempotency_key_reused');
      const list = await ok(t.req('GET', `/api/hotel/reservations?property_id=${p.property.id}`), 200, 'list');
      assert.equal(list.total, 1);
    });

    test("keys are per tenant: another tenant's identical key creates its own reservation", async () => {
      const key = { 'idempotency-key': `shared-${randomUUID()}` };
      const mine = await setupProperty(t, { rooms: 1 });
      const theirs = await setupProperty(other, { rooms: 1 });
      const a = assertStatus(await t.req('POST', '/api/hotel/reservations', reservationBody(mine), key), 201, 'A');
      const b = assertStatus(await other.req('POST', '/api/hotel/reservations', reservationBody(theirs), key), 201, 'B');
      assert.notEqual(a.id, b.id);
      assert.equal(b.tenant_id, other.hotel.id);
    });

    test('a malformed key is 400', async () => {
      const res = await t.req('POST', '/api/hotel/reservations', reservationBody(s), { 'idempotency-key': 'x'.repeat(300) });
      assertProblem(res, 400);
    });
  });

  describe('bad input', () => {
    const D = '2034-01-10';
    const cases = [
      ['zero nights', { check_in_date: D, check_out_date: D }, 'check_out_date'],
      ['negative nights', { check_in_date: D, check_out_date: addDays(D, -3) }, 'check_out_date'],
      ['more than 365 nights', { check_in_date: D, check_out_date: addDays(D, 366) }, 'check_out_date'],
      ['0 adults', { adults: 0 }, 'adults'],
      ['-1 adults', { adults: -1 }, 'adults'],
      ['adults as text', { adults: 'two' }, 'adults'],
      ['negative children', { children: -1 }, 'children'],
      ['negative rate', { rate_minor: -1 }, 'rate_minor'],
      ['fractional rate', { rate_minor: 10.5 }, 'rate_minor'],
      ['2026-02-30', { check_in_date: '2026-02-30', check_out_date: '2026-03-02' }, 'check_in_date'],
      ['2027-02-29 (not a leap year)', { check_in_date: '2027-02-28', check_out_date: '2027-02-29' }, 'check_out_date'],
      ['"tomorrow"', { check_in_date: 'tomorrow' }, 'check_in_date'],
      ['2026-13-01', { check_in_date: '2026-13-01' }, 'check_in_date'],
      ['a time instead of a date', { check_in_date: '2034-01-10T12:00:00Z' }, 'check_in_date'],
      ['a number as date', { check_out_date: 20340112 }, 'check_out_date'],
      ['a missing check-out', { check_out_date: undefined }, 'check_out_date'],
      ['an unknown room type', { room_type_id: randomUUID() }, 'room_type_id'],
      ['a room type that is not a UUID', { room_type_id: 'double' }, 'room_type_id'],
      ['an unknown guest', { guest_id: randomUUID() }, 'guest_id'],
      ['an unknown property', { property_id: randomUUID() }, 'property_id'],
      ['an unknown room', { room_id: randomUUID() }, 'room_id'],
    ];
    for (const [name, override, field] of cases) {
      test(`${name} -> 422 naming ${field}`, async () => {
        const body = reservationBody(s, { check_in_date: D, check_out_date: addDays(D, 2), ...override });
        const before = (await ok(t.req('GET', '/api/hotel/reservations?limit=1'), 200, 'count')).total;
        const res = await t.req('POST', '/api/hotel/reservations', JSON.parse(JSON.stringify(body)));
        const problem = assertProblem(res, 422, 'validation_failed');
        assert.equal(typeof problem.errors?.[field], 'string', `errors: ${JSON.stringify(problem.errors)}`);
        const after = (await ok(t.req('GET', '/api/hotel/reservations?limit=1'), 200, 'count')).total;
        assert.equal(after, before, 'nothing was created');
      });
    }

    test("another tenant's room type, guest or room -> 422", async () => {
      const theirs = await setupProperty(other, { rooms: 1 });
      for (const [field, id] of [
        ['room_type_id', theirs.roomType.id],
        ['guest_id', theirs.guest.id],
        ['property_id', theirs.property.id],
        ['room_id', theirs.rooms[0].id],
      ]) {
        const res = await t.req('POST', '/api/hotel/reservations', reservationBody(s, { [field]: id }));
        const problem = assertProblem(res, 422);
        assert.ok(problem.errors?.[field] || problem.errors?.room_type_id, `${field}: ${JSON.stringify(problem.errors)}`);
      }
    });

    test("more guests than the room type's capacity -> 422, on create and on PATCH", async () => {
      // s's room type sleeps 2.
      for (const [body, field] of [
        [{ adults: 3 }, 'adults'],
        [{ adults: 2, children: 1 }, 'adults'],
      ]) {
        const res = await t.req('POST', '/api/hotel/reservations', reservationBody(s, { check_in_date: D, check_out_date: addDays(D, 1), ...body }));
        assert.ok(assertProblem(res, 422).errors[field], `${JSON.stringify(body)}: ${res.text}`);
      }
      const r = await book(t, s, { check_in_date: addDays(D, 5), check_out_date: addDays(D, 6), adults: 1, children: 1 });
      const res = await t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version, adults: 2 });
      assert.ok(assertProblem(res, 422).errors.adults, res.text);
      assert.equal((await get(r.id)).adults, 1);
    });

    test("a room type of another property of the tenant -> 422", async () => {
      const p2 = await setupProperty(t, { rooms: 1 });
      const res = await t.req('POST', '/api/hotel/reservations', reservationBody(s, { room_type_id: p2.roomType.id }));
      assert.ok(assertProblem(res, 422).errors.room_type_id);
    });

    test('malformed JSON -> 400; a body that is not an object -> 400 or 422', async () => {
      const res = await server.request('POST', '/api/hotel/reservations', {
        token: t.token,
        rawBody: '{"property_id": ',
        headers: { 'content-type': 'application/json' },
      });
      assertProblem(res, 400);
      const arr = await t.req('POST', '/api/hotel/reservations', [reservationBody(s)]);
      assertProblem(arr, [400, 422]);
    });

    test('PATCH: bad dates, zero nights and frozen fields -> 422, nothing changes', async () => {
      const r = await book(t, s, { check_in_date: D, check_out_date: addDays(D, 2) });
      for (const [patch, field] of [
        [{ check_out_date: D }, 'check_out_date'],
        [{ check_in_date: '2034-02-31' }, 'check_in_date'],
        [{ adults: 0 }, 'adults'],
        [{ status: 'checked_out' }, 'status'],
        [{ room_type_id: randomUUID() }, 'room_type_id'],
      ]) {
        const res = await t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version, ...patch });
        assert.ok(assertProblem(res, 422).errors[field], `${JSON.stringify(patch)}: ${res.text}`);
      }
      const now = await get(r.id);
      assert.equal(now.version, r.version);
      assert.equal(now.check_out_date, addDays(D, 2));
    });

    test('availability: impossible or reversed dates -> 400', async () => {
      for (const q of [
        `check_in=2026-02-30&check_out=2026-03-02`,
        `check_in=tomorrow&check_out=2026-03-02`,
        `check_in=2026-03-05&check_out=2026-03-02`,
        `check_in=2026-03-05&check_out=2026-03-05`,
      ]) {
        assertProblem(await t.req('GET', `/api/hotel/availability?property_id=${s.property.id}&${q}`), 400);
      }
    });
  });

  describe('lists', () => {
    let p;
    let guest2;
    const D = '2035-04-01';
    before(async () => {
      p = await setupProperty(t, { rooms: 4 });
      guest2 = await ok(
        t.req('POST', '/api/hotel/guests', { first_name: 'Zacharias', last_name: 'Quill' }),
        201,
        'guest 2',
      );
      // 7 stays, one a week, the third and sixth for guest 2; the last cancelled.
      for (let i = 0; i < 7; i++) {
        const d = addDays(D, i * 7);
        const r = await book(t, p, {
          check_in_date: d,
          check_out_date: addDays(d, 2),
          guest_id: i === 2 || i === 5 ? guest2.id : p.guest.id,
        });
        if (i === 6) await ok(act(r.id, 'cancel'), 200, 'cancel');
      }
    });
    const list = async (q) => ok(t.req('GET', `/api/hotel/reservations?property_id=${p.property.id}&${q}`), 200, q);

    test('pagination: limit, page and total', async () => {
      const page1 = await list('limit=3&page=1&sort=check_in_date');
      const page3 = await list('limit=3&page=3&sort=check_in_date');
      assert.equal(page1.total, 7);
      assert.equal(page1.items.length, 3);
      assert.equal(page1.limit, 3);
      assert.equal(page3.page, 3);
      assert.equal(page3.items.length, 1);
      assert.equal(page1.items[0].check_in_date, D);
      assert.equal(page3.items[0].check_in_date, addDays(D, 42));
      const past = await list('limit=3&page=9&sort=check_in_date');
      assert.equal(past.total, 7, 'a page past the end still counts every match');
      assert.equal(past.items.length, 0);
      const desc = await list('limit=1&sort=-check_in_date');
      assert.equal(desc.items[0].check_in_date, addDays(D, 42));
      assertProblem(await t.req('GET', '/api/hotel/reservations?limit=101'), 400);
      assertProblem(await t.req('GET', '/api/hotel/reservations?page=0'), 400);
      assertProblem(await t.req('GET', '/api/hotel/reservations?sort=password'), 400);
    });

    test('filters: status, guest, dates (overlap of [from, to)), q by guest name', async () => {
      assert.equal((await list('status=cancelled')).total, 1);
      assert.equal((await list('status=pending')).total, 6);
      assert.equal((await list(`guest_id=${guest2.id}`)).total, 2);
      // [D+7, D+8) overlaps only the second stay; [D+2, D+7) overlaps none.
      const second = await list(`from=${addDays(D, 7)}&to=${addDays(D, 8)}`);
      assert.deepEqual(second.items.map((r) => r.check_in_date), [addDays(D, 7)]);
      assert.equal((await list(`from=${addDays(D, 2)}&to=${addDays(D, 7)}`)).total, 0);
      assert.equal((await list('q=quill')).total, 2);
      assert.equal((await list('q=ZACHARIAS')).total, 2);
      assert.equal((await list('q=%25')).total, 0, '% is no wildcard');
      assert.equal((await list('q=_')).total, 0, '_ is no wildcard');
      assertProblem(await t.req('GET', '/api/hotel/reservations?status=lost'), 400);
      assertProblem(await t.req('GET', '/api/hotel/reservations?from=2035-02-30'), 400);
      assertProblem(await t.req('GET', '/api/hotel/reservations?guest_id=nope'), 400);
    });
  });
});
