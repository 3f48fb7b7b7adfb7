// A stay in house changes its departure (an early departure, an extension)
// but not its arrival, and check-out then charges the nights of the stay as
// it is; and check-out racing a charge or a refund never leaves a settled
// folio open: one of them waits for the other (the posting locks).
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import {
  addDays,
  assert,
  dateIn,
  frontOfficeProperty,
  getFolio,
  getReservation,
  inHouse,
  NO_SCHEDULER,
  ok,
  pay,
  postCharge,
} from './lib/front-office.mjs';

const ZONE = 'America/Sao_Paulo';

describe('stays in house: departure changes and check-out races', () => {
  let server;
  let t;
  let s;
  let today;
  const patch = (r, body) => t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version, ...body });
  const checkOut = (id) => t.req('POST', `/api/hotel/reservations/${id}/check-out`);

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    t = await hotelTenant(server, await adminToken(server));
    today = dateIn(ZONE, 0);
    // Rooms for every stay of the file at once: two long stays, six race rounds
    // (a round whose posting wins stays in house) and the registration card's.
    s = await frontOfficeProperty(t, { rooms: 10, timezone: ZONE, rate: 10000, business_date: addDays(today, -2) });
  });
  after(async () => {
    await server?.stop();
  });

  test('an early departure: the stay is shortened to today and check-out charges the nights stayed', async () => {
    const r = await inHouse(t, s, { check_in_date: addDays(today, -2), nights: 5 });
    assert.deepEqual((await getFolio(t, r.id)).totals.pending_room_charges, { amount_minor: 50000, currency: 'EUR' });
    const shorter = assertStatus(await patch(r, { check_out_date: today }), 200, 'leave today');
    assert.equal(shorter.check_out_date, today);
    assert.deepEqual(shorter.total, { amount_minor: 20000, currency: 'EUR' });
    await pay(t, r.id, 20000, 'card');
    const out = assertStatus(await checkOut(r.id), 200, 'check out');
    assert.equal(out.status, 'checked_out');
    const folio = await getFolio(t, r.id);
    assert.deepEqual(
      folio.lines.filter((l) => l.charge_type === 'room').map((l) => l.room_night),
      [addDays(today, -2), addDays(today, -1)],
    );
    assert.deepEqual(folio.totals.balance, { amount_minor: 0, currency: 'EUR' });
  });

  test('an extension charges the extra nights; the arrival of a stay in house never moves; no departure in the past', async () => {
    const r = await inHouse(t, s, { check_in_date: addDays(today, -2), nights: 3 });
    const longer = assertStatus(await patch(r, { check_out_date: addDays(today, 3) }), 200, 'stay longer');
    assert.equal(longer.nights, 5);
    assert.deepEqual(longer.total, { amount_minor: 50000, currency: 'EUR' });
    assertProblem(await patch(longer, { check_in_date: addDays(today, -1), check_out_date: addDays(today, 3) }), 409, 'reservation_closed');
    const refused = await patch(longer, { check_out_date: addDays(today, -1) });
    assertProblem(refused, 422, 'validation_failed');
    assert.match(refused.json.errors.check_out_date, /before today/);
    assert.equal((await getReservation(t, r.id)).check_out_date, addDays(today, 3), 'nothing changed');
  });

  test('check-out racing a charge or a refund: never checked out with an open balance', async () => {
    for (let round = 0; round < 6; round++) {
      const r = await inHouse(t, s, { check_in_date: today, nights: 1 });
      const payment = await pay(t, r.id, 10000, 'card');
      const other =
        round % 2 === 0
          ? postCharge(t, r.id, { charge_type: 'minibar', unit_price_minor: 900 })
          : t.req('POST', `/api/hotel/payments/${payment.id}/refund`, { amount_minor: 500, reason: 'race' });
      const [out, posted] = await Promise.all([checkOut(r.id), other]);
      const after = await getReservation(t, r.id);
      if (out.status === 200) {
        // Checked out first: the folio was settled; the charge then found it closed (a refund may still follow).
        assert.equal(after.status, 'checked_out');
        if (round % 2 === 0) assertProblem(posted, 409, 'folio_closed');
        else assert.equal(posted.status, 201);
      } else {
        // The posting came first: check-out saw the open balance and refused.
        assertProblem(out, 409, 'balance_outstanding');
        assert.equal(posted.status, 201);
        assert.equal(after.status, 'checked_in');
        assert.notEqual(after.balance.amount_minor, 0);
      }
      // Never both: a checked-out stay whose charge went through after the balance was read.
      if (after.status === 'checked_out' && round % 2 === 0) assert.equal(after.balance.amount_minor, 0);
    }
  });

  test('the registration card is a guest read: the Accountant, who may not read guests, may not print it', async () => {
    const { hotelStaff } = await import('./lib/platform.mjs');
    const r = await inHouse(t, s, { check_in_date: today, nights: 1 });
    const accountant = await hotelStaff(server, t.token, ['accountant']);
    const desk = await hotelStaff(server, t.token, ['front-desk']);
    const url = `/api/hotel/reservations/${r.id}/registration-card.pdf`;
    assertProblem(await server.request('GET', url, { token: accountant.token }), 403, 'missing_permission');
    assertStatus(await server.request('GET', url, { token: desk.token }), 200, 'front desk prints it');
    await ok(t.req('GET', url), 200, 'the manager prints it');
  });
});
