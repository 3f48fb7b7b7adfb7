// The room rack (issue 13, spec13 "Room rack"): a property's rooms and the
// stays overlapping [from, to) -- assigned or not, in house or gone, never
// cancelled or no-show, none outside the window -- its validation and tenant
// isolation; and the reservations list's arrival and departure filters.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { hotelStaff } from './lib/platform.mjs';
import {
  addDays,
  assert,
  assertMembers,
  dateIn,
  frontOfficeProperty,
  getFolio,
  inHouse,
  money,
  NO_SCHEDULER,
  ok,
  pay,
  stay,
} from './lib/front-office.mjs';

const ZONE = 'Europe/Madrid';
const RATE = 8000;

describe('hotel room rack', () => {
  let server;
  let t;
  let other;
  let s; // 5 rooms at 8000
  let today;
  let from; // the window [from, to): today-1 .. today+9
  let to;
  const st = {}; // the stays by name

  const rack = (tenant, q) => tenant.req('GET', `/api/hotel/room-rack?${q}`);

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
    today = dateIn(ZONE, 0);
    from = addDays(today, -1);
    to = addDays(today, 9);
    s = await frontOfficeProperty(t, { rooms: 5, timezone: ZONE, rate: RATE });
    const [r0, r1, r2] = s.rooms;
    // Stays with a room first: the check-ins below then take any room left free.
    st.assigned = await stay(t, s, { check_in_date: addDays(today, 3), nights: 3, room_id: r0.id }); // [today+3, today+6)
    st.lastNight = await stay(t, s, { check_in_date: addDays(to, -1), nights: 3, room_id: r1.id }); // starts on the window's last night
    st.firstNight = await stay(t, s, { check_in_date: addDays(from, -3), nights: 4, room_id: r2.id }); // ends the morning after from
    st.endsAtFrom = await stay(t, s, { check_in_date: addDays(from, -2), nights: 2, room_id: r1.id }); // [from-2, from): not in the window
    st.startsAtTo = await stay(t, s, { check_in_date: to, nights: 2, room_id: r0.id }); // [to, to+2): not in the window
    const c = await stay(t, s, { check_in_date: addDays(today, 1), nights: 2, room_id: r1.id });
    st.cancelled = await ok(t.req('POST', `/api/hotel/reservations/${c.id}/cancel`, { reason: 'changed plans' }), 200, 'cancel');
    st.unassigned = await stay(t, s, { check_in_date: addDays(today, 2), nights: 2, status: 'pending' }); // [today+2, today+4)
    st.inHouse = await inHouse(t, s, { check_in_date: addDays(today, -2), nights: 4 }); // [today-2, today+2)
    const gone = await inHouse(t, s, { check_in_date: from, nights: 1 }); // [today-1, today)
    await pay(t, gone.id, (await getFolio(t, gone.id)).totals.balance.amount_minor, 'card');
    st.checkedOut = await ok(t.req('POST', `/api/hotel/reservations/${gone.id}/check-out`), 200, 'check out');
    const n = await stay(t, s, { check_in_date: from, nights: 2 });
    st.noShow = await ok(t.req('POST', `/api/hotel/reservations/${n.id}/no-show`), 200, 'no-show');
  });
  after(async () => {
    await server?.stop();
  });

  test('rooms, room types and exactly the stays overlapping [from, to)', async () => {
    const body = await ok(rack(t, `property_id=${s.property.id}&from=${from}&to=${to}`), 200, 'rack');
    assert.equal(body.property_id, s.property.id);
    assert.equal(body.from, from);
    assert.equal(body.to, to);
    assert.equal(body.business_date, s.property.business_date);
    assert.deepEqual(body.room_types, [{ id: s.roomType.id, code: 'DBL', name: 'Double' }]);

    assert.deepEqual(body.rooms.map((r) => r.id).sort(), s.rooms.map((r) => r.id).sort());
    for (const room of body.rooms) {
      assertMembers(room, ['floor', 'id', 'occupied', 'room_number', 'room_type_id', 'status'], 'rack room');
      const made = s.rooms.find((r) => r.id === room.id);
      assert.equal(room.room_number, made.room_number);
      assert.equal(room.floor, made.floor);
      assert.equal(room.room_type_id, s.roomType.id);
      assert.equal(room.occupied, room.id === st.inHouse.room_id, `room ${room.room_number} occupied`);
    }
    assert.equal(body.rooms.find((r) => r.id === st.checkedOut.room_id).status, 'dirty', 'a departure leaves its room dirty');

    const want = ['inHouse', 'checkedOut', 'assigned', 'unassigned', 'lastNight', 'firstNight'];
    const ids = body.stays.map((x) => x.reservation_id);
    assert.deepEqual(ids.slice().sort(), want.map((k) => st[k].id).sort(), `stays: ${JSON.stringify(body.stays)}`);
    for (const name of ['endsAtFrom', 'startsAtTo', 'cancelled', 'noShow']) {
      assert.ok(!ids.includes(st[name].id), `${name} is not on the rack`);
    }
    for (const name of want) {
      const r = st[name];
      const x = body.stays.find((y) => y.reservation_id === r.id);
      assertMembers(x, [
        'balance',
        'check_in_date',
        'check_out_date',
        'confirmation_number',
        'guest_name',
        'reservation_id',
        'room_id',
        'room_type_id',
        'status',
      ], 'rack stay');
      assert.equal(x.confirmation_number, r.confirmation_number);
      assert.equal(x.guest_name, r.guest_name);
      assert.equal(x.room_id, r.room_id, `${name}: room`);
      assert.equal(x.room_type_id, s.roomType.id);
      assert.equal(x.status, r.status, `${name}: status`);
      assert.equal(x.check_in_date, r.check_in_date);
      assert.equal(x.check_out_date, r.check_out_date);
    }
    const unassigned = body.stays.find((y) => y.reservation_id === st.unassigned.id);
    assert.equal(unassigned.room_id, null);
    assert.equal(unassigned.status, 'pending');
    assert.deepEqual(unassigned.balance, money(2 * RATE));
    assert.deepEqual(body.stays.find((y) => y.reservation_id === st.assigned.id).balance, money(3 * RATE));
    assert.deepEqual(body.stays.find((y) => y.reservation_id === st.checkedOut.id).balance, money(0));
    assert.equal(body.stays.find((y) => y.reservation_id === st.inHouse.id).status, 'checked_in');
    assert.equal(body.stays.find((y) => y.reservation_id === st.checkedOut.id).status, 'checked_out');
  });

  test('a one-night window shows only that night; to defaults to from + 14', async () => {
    const one = await ok(rack(t, `property_id=${s.property.id}&from=${addDays(today, 5)}&to=${addDays(today, 6)}`), 200, 'one night');
    assert.deepEqual(one.stays.map((x) => x.reservation_id), [st.assigned.id]);
    const dflt = await ok(rack(t, `property_id=${s.property.id}&from=${to}`), 200, 'default to');
    assert.equal(dflt.to, addDays(to, 14));
    const ids = dflt.stays.map((x) => x.reservation_id).sort();
    assert.deepEqual(ids, [st.lastNight.id, st.startsAtTo.id].sort());
  });

  test('assigning a room moves the stay onto it on the rack', async () => {
    const r = await stay(t, s, { check_in_date: addDays(today, 40), nights: 2 });
    const q = `property_id=${s.property.id}&from=${addDays(today, 40)}&to=${addDays(today, 42)}`;
    assert.equal((await ok(rack(t, q), 200, 'rack')).stays.find((x) => x.reservation_id === r.id).room_id, null);
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/assign-room`, { room_id: s.rooms[4].id }), 200, 'assign');
    assert.equal((await ok(rack(t, q), 200, 'rack')).stays.find((x) => x.reservation_id === r.id).room_id, s.rooms[4].id);
  });

  test('validation: 400 invalid_query', async () => {
    const p = s.property.id;
    for (const q of [
      `from=${from}&to=${to}`,
      `property_id=${p}&from=${from}&to=${addDays(from, -1)}`,
      `property_id=${p}&from=${from}&to=${from}`,
      `property_id=${p}&from=${from}&to=${addDays(from, 63)}`,
      `property_id=${p}&to=${to}`,
      `property_id=${p}&from=2030-02-30&to=2030-03-02`,
      `property_id=${p}&from=tomorrow`,
      `property_id=not-a-uuid&from=${from}`,
    ]) {
      assertProblem(await rack(t, q), 400, 'invalid_query');
    }
    assertStatus(await rack(t, `property_id=${p}&from=${from}&to=${addDays(from, 62)}`), 200, '62 days');
  });

  test("another tenant's property, or an unknown one, is 404; Housekeeping is 403, Front Desk reads it", async () => {
    assertProblem(await rack(other, `property_id=${s.property.id}&from=${from}&to=${to}`), 404);
    assertProblem(await rack(t, `property_id=${randomUUID()}&from=${from}&to=${to}`), 404);
    const housekeeping = await hotelStaff(server, t.token, ['housekeeping']);
    const desk = await hotelStaff(server, t.token, ['front-desk']);
    const q = `/api/hotel/room-rack?property_id=${s.property.id}&from=${from}&to=${to}`;
    assertProblem(await server.request('GET', q, { token: housekeeping.token }), 403, 'missing_permission');
    const seen = assertStatus(await server.request('GET', q, { token: desk.token }), 200, 'Front Desk');
    assert.equal(seen.stays.length, 6);
  });

  describe('reservations list: arrivals and departures', () => {
    const list = (q) => ok(t.req('GET', `/api/hotel/reservations?property_id=${s.property.id}&limit=100&${q}`), 200, q);
    const idsOf = (page) => page.items.map((r) => r.id).sort();

    test('check_in_date lists the arrivals of that day, check_out_date the departures', async () => {
      assert.deepEqual(idsOf(await list(`check_in_date=${from}`)), [st.checkedOut.id, st.noShow.id].sort());
      assert.deepEqual(idsOf(await list(`check_in_date=${addDays(today, 3)}`)), [st.assigned.id]);
      assert.deepEqual(idsOf(await list(`check_in_date=${from}&status=no_show`)), [st.noShow.id]);
      assert.deepEqual(idsOf(await list(`check_out_date=${from}`)), [st.endsAtFrom.id]);
      assert.deepEqual(idsOf(await list(`check_out_date=${addDays(today, 2)}`)), [st.inHouse.id]);
      assert.deepEqual(idsOf(await list(`check_out_date=${addDays(today, 2)}&status=checked_in`)), [st.inHouse.id]);
      assert.deepEqual(idsOf(await list(`check_out_date=${addDays(today, 2)}&status=confirmed`)), []);
      assert.deepEqual(idsOf(await list(`check_in_date=${addDays(today, 2)}&check_out_date=${addDays(today, 4)}`)), [st.unassigned.id]);
      assert.deepEqual(idsOf(await list('status=checked_in')), [st.inHouse.id]);
      const arrivals = await list(`check_in_date=${addDays(today, 77)}`);
      assert.equal(arrivals.total, 0);
    });

    test('a bad date in the filters is 400', async () => {
      for (const q of ['check_in_date=2030-02-30', 'check_out_date=today', 'check_in_date=20300101']) {
        assertProblem(await t.req('GET', `/api/hotel/reservations?${q}`), 400);
      }
    });
  });
});
