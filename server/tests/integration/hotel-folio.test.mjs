// The folio of a reservation (issue 13, spec13 "Folio"): extras posted as
// charge lines (amount = quantity x unit price, Idempotency-Key replays),
// corrections instead of edits (full, partial, never more than is left, not
// of payments, not twice), no route that changes or removes a line, the
// totals on a hand-computed example with payments and refunds from the
// /payments routes shown as lines, a never-audited stay priced as rate x
// nights, a cancelled or no-show stay owing only what was posted, check-out
// posting the pending room nights and refusing an open balance unless a
// Hotel Manager overrides it with a reason, permissions, a closed folio, and
// tenant isolation.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { hotelStaff, listAll } from './lib/platform.mjs';
import {
  addDays,
  assert,
  assertLineShape,
  assertTotalsConsistent,
  charge,
  correctLine,
  dateIn,
  folioUrl,
  frontOfficeProperty,
  getFolio,
  getProperty,
  getReservation,
  inHouse,
  money,
  NO_SCHEDULER,
  ok,
  pay,
  postCharge,
  roomLines,
  stay,
} from './lib/front-office.mjs';

const ZONE = 'Europe/Lisbon';
const RATE = 10000;

describe('hotel folio', () => {
  let server;
  let t; // tenant A (its manager)
  let other; // tenant B
  let s; // A's property: 12 rooms at 10000 EUR, opened today
  let today; // the property's local date when the suite started
  let businessDate; // the property's business date (never audited here: it stays put)

  // A stay in house since yesterday, two nights [today-1, today+1).
  const guestInHouse = (opts = {}) => inHouse(t, s, { check_in_date: addDays(today, -1), nights: 2, ...opts });
  let future = 0;
  // A stay far ahead, each its own nights.
  const futureStay = (opts = {}) => {
    const d = addDays('2031-03-01', 5 * future++);
    return stay(t, s, { check_in_date: d, nights: 3, ...opts });
  };

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
    today = dateIn(ZONE, 0);
    s = await frontOfficeProperty(t, { rooms: 12, timezone: ZONE, rate: RATE });
    businessDate = s.property.business_date;
    assert.match(String(businessDate), /^\d{4}-\d\d-\d\d$/, `a new property has a business date: ${JSON.stringify(s.property)}`);
    // Opened at its local date (the day may have turned since `today` was read).
    assert.ok([today, addDays(today, 1)].includes(businessDate), `business_date ${businessDate}, local date ${today}`);
    assert.equal(s.property.last_audit_date, null);
  });
  after(async () => {
    await server?.stop();
  });

  describe('posting extras', () => {
    test('201 with the line (amount = quantity x unit price) and the totals; the folio and the reservation agree', async () => {
      const r = await guestInHouse();
      const res = await charge(t, r.id, {
        charge_type: 'minibar',
        description: 'Two colas and a beer',
        quantity: 3,
        unit_price_minor: 450,
      });
      const { line, totals } = res;
      assertLineShape(line);
      assert.equal(line.kind, 'charge');
      assert.equal(line.charge_type, 'minibar');
      assert.equal(line.description, 'Two colas and a beer');
      assert.equal(line.quantity, 3);
      assert.deepEqual(line.unit_price, money(450));
      assert.deepEqual(line.amount, money(1350));
      assert.equal(line.currency, 'EUR');
      assert.equal(line.business_date, businessDate, "a charge carries the property's business date");
      assert.equal(line.room_night, null);
      assert.equal(line.corrects, null);
      assert.deepEqual(line.corrected, money(0));
      assert.equal(line.reason, null);
      assert.equal(line.method, null);
      assert.equal(line.posted_by, t.managerId);
      assert.deepEqual(totals, {
        charges: money(1350),
        corrections: money(0),
        payments: money(0),
        refunds: money(0),
        posted_balance: money(1350),
        pending_room_nights: 2,
        pending_room_charges: money(2 * RATE),
        total: money(2 * RATE + 1350),
        paid: money(0),
        balance: money(2 * RATE + 1350),
      });

      const folio = await getFolio(t, r.id);
      assert.equal(folio.reservation_id, r.id);
      assert.equal(folio.currency, 'EUR');
      assert.equal(folio.business_date, businessDate);
      assert.deepEqual(folio.lines, [line]);
      assert.deepEqual(folio.totals, totals);

      const now = await getReservation(t, r.id);
      assert.deepEqual(now.total, money(2 * RATE + 1350));
      assert.deepEqual(now.paid, money(0));
      assert.deepEqual(now.balance, money(2 * RATE + 1350));

      // quantity defaults to 1.
      const parking = await charge(t, r.id, { charge_type: 'parking', unit_price_minor: 1500 });
      assert.equal(parking.line.quantity, 1);
      assert.deepEqual(parking.line.amount, money(1500));
      assert.deepEqual(parking.totals.charges, money(2850));
      assertTotalsConsistent(parking.totals, RATE);
      assert.equal((await getFolio(t, r.id)).lines.length, 2);
    });

    test('every extra type is accepted; room, unknown types and bad amounts are 422 and post nothing', async () => {
      const r = await guestInHouse();
      for (const charge_type of ['minibar', 'parking', 'breakfast', 'late_checkout', 'cancellation_fee', 'other']) {
        const { line } = await charge(t, r.id, { charge_type, description: `a ${charge_type}`, unit_price_minor: 100 });
        assert.equal(line.charge_type, charge_type);
      }
      const posted = (await getFolio(t, r.id)).lines.length;
      assert.equal(posted, 6);
      for (const body of [
        { charge_type: 'room', unit_price_minor: 100 },
        { charge_type: 'spa', unit_price_minor: 100 },
        { charge_type: 'MINIBAR', unit_price_minor: 100 },
        { unit_price_minor: 100 },
        { charge_type: 'other', unit_price_minor: 100 },
        { charge_type: 'minibar', quantity: 0, unit_price_minor: 100 },
        { charge_type: 'minibar', quantity: 1000, unit_price_minor: 100 },
        { charge_type: 'minibar', quantity: 1.5, unit_price_minor: 100 },
        { charge_type: 'minibar', quantity: '2', unit_price_minor: 100 },
        { charge_type: 'minibar', unit_price_minor: 0 },
        { charge_type: 'minibar', unit_price_minor: -100 },
        { charge_type: 'minibar', unit_price_minor: 10.5 },
        { charge_type: 'minibar', unit_price_minor: '100' },
        { charge_type: 'minibar' },
      ]) {
        assertProblem(await postCharge(t, r.id, body), 422);
      }
      const folio = await getFolio(t, r.id);
      assert.equal(folio.lines.length, posted, 'the refused charges posted nothing');
      assert.deepEqual(folio.totals.charges, money(600));
    });

    test('Idempotency-Key: the same key and body replay the line and post it once; another body is 409', async () => {
      const r = await guestInHouse();
      const key = { 'idempotency-key': `charge-${randomUUID()}` };
      const body = { charge_type: 'breakfast', description: 'Breakfast for two', quantity: 2, unit_price_minor: 1800 };
      const first = assertStatus(await postCharge(t, r.id, body, key), 201, 'first');
      const replay = assertStatus(await postCharge(t, r.id, { ...body }, key), 201, 'replay');
      assert.equal(replay.line.id, first.line.id);
      assert.deepEqual(replay.line, first.line);
      assertProblem(await postCharge(t, r.id, { ...body, quantity: 3 }, key), 409, 'idempotency_key_reused');
      // Concurrent duplicates of another key: one line.
      const key2 = { 'idempotency-key': `charge-${randomUUID()}` };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => postCharge(t, r.id, { charge_type: 'parking', unit_price_minor: 1200 }, key2)),
      );
      const ids = new Set(answers.map((a) => assertStatus(a, 201, 'concurrent duplicate').line.id));
      assert.equal(ids.size, 1, 'every concurrent duplicate answers the one line');
      const folio = await getFolio(t, r.id);
      assert.equal(folio.lines.length, 2, `two lines: ${JSON.stringify(folio.lines.map((l) => l.charge_type))}`);
      assert.deepEqual(folio.totals.charges, money(3600 + 1200));
    });
  });

  describe('corrections', () => {
    test('full and partial corrections, over-correction 422, payment lines 409 not_correctable, twice 409 already_corrected', async () => {
      const r = await guestInHouse();
      const c1 = (await charge(t, r.id, { charge_type: 'minibar', unit_price_minor: 1000 })).line;
      const c2 = (await charge(t, r.id, { charge_type: 'parking', quantity: 2, unit_price_minor: 1500 })).line;

      // Full: the default amount is what is left of the charge.
      const full = assertStatus(await correctLine(t, r.id, c1.id, { reason: 'not consumed' }), 201, 'full correction');
      assertLineShape(full.line);
      assert.equal(full.line.kind, 'correction');
      assert.equal(full.line.corrects, c1.id);
      assert.deepEqual(full.line.amount, money(-1000));
      assert.equal(full.line.reason, 'not consumed');
      assert.equal(full.line.posted_by, t.managerId);
      assert.equal(full.line.business_date, businessDate);
      assert.deepEqual(full.totals.corrections, money(-1000));
      assertTotalsConsistent(full.totals, RATE);
      assertProblem(await correctLine(t, r.id, c1.id, { reason: 'again' }), 409, 'already_corrected');
      assertProblem(await correctLine(t, r.id, c1.id, { reason: 'again', amount_minor: 1 }), 409, 'already_corrected');

      // Partial, then more than is left, then the rest.
      const part = assertStatus(
        await correctLine(t, r.id, c2.id, { reason: 'one night parked', amount_minor: 1000 }),
        201,
        'partial correction',
      );
      assert.deepEqual(part.line.amount, money(-1000));
      assert.equal(part.line.corrects, c2.id);
      let folio = await getFolio(t, r.id);
      assert.deepEqual(folio.lines.find((l) => l.id === c2.id).corrected, money(1000));
      assert.deepEqual(folio.lines.find((l) => l.id === c1.id).corrected, money(1000));
      assert.deepEqual(folio.lines.find((l) => l.id === c2.id).amount, money(3000), 'the charge itself never changes');
      assertProblem(await correctLine(t, r.id, c2.id, { reason: 'too much', amount_minor: 2001 }), 422);
      const rest = assertStatus(await correctLine(t, r.id, c2.id, { reason: 'the rest' }), 201, 'the rest');
      assert.deepEqual(rest.line.amount, money(-2000));
      assertProblem(await correctLine(t, r.id, c2.id, { reason: 'once more' }), 409, 'already_corrected');

      // Corrections, payments and refunds are no charges.
      assertProblem(await correctLine(t, r.id, full.line.id, { reason: 'undo the undo' }), 409, 'not_correctable');
      const p = await pay(t, r.id, 500);
      const refund = await ok(t.req('POST', `/api/hotel/payments/${p.id}/refund`, { amount_minor: 200, reason: 'change' }), 201, 'refund');
      assertProblem(await correctLine(t, r.id, p.id, { reason: 'wrong' }), 409, 'not_correctable');
      assertProblem(await correctLine(t, r.id, refund.id, { reason: 'wrong' }), 409, 'not_correctable');

      // Bad bodies and unknown lines.
      const c3 = (await charge(t, r.id, { charge_type: 'breakfast', unit_price_minor: 900 })).line;
      for (const body of [{}, { reason: '' }, { reason: 'x', amount_minor: 0 }, { reason: 'x', amount_minor: -5 }, { reason: 'x', amount_minor: 1.5 }]) {
        assertProblem(await correctLine(t, r.id, c3.id, body), 422);
      }
      assertProblem(await correctLine(t, r.id, randomUUID(), { reason: 'no such line' }), 404);

      folio = await getFolio(t, r.id);
      assert.deepEqual(folio.lines.find((l) => l.id === c3.id).corrected, money(0), 'the refused corrections changed nothing');
      assert.deepEqual(folio.lines.find((l) => l.id === c2.id).corrected, money(3000));
      assert.equal(folio.lines.filter((l) => l.kind === 'correction').length, 3);
      assert.deepEqual(folio.totals, {
        charges: money(1000 + 3000 + 900),
        corrections: money(-4000),
        payments: money(500),
        refunds: money(200),
        posted_balance: money(4900 - 4000 - 500 + 200),
        pending_room_nights: 2,
        pending_room_charges: money(2 * RATE),
        total: money(900 + 2 * RATE),
        paid: money(300),
        balance: money(900 + 2 * RATE - 300),
      });
    });

    test('lines are never changed or removed: no PATCH, PUT or DELETE on a line', async () => {
      const r = await guestInHouse();
      const { line } = await charge(t, r.id, { charge_type: 'minibar', unit_price_minor: 700 });
      const before = await getFolio(t, r.id);
      for (const method of ['PATCH', 'PUT', 'DELETE']) {
        const res = await t.req(method, `${folioUrl(r.id)}/lines/${line.id}`, method === 'DELETE' ? undefined : { unit_price_minor: 1 });
        assert.ok([404, 405].includes(res.status), `${method} a line: ${res.status} ${res.text.slice(0, 200)}`);
      }
      const res = await t.req('DELETE', `${folioUrl(r.id)}/charges/${line.id}`);
      assert.ok([404, 405].includes(res.status), `DELETE a charge: ${res.status}`);
      assert.deepEqual(await getFolio(t, r.id), before);
    });
  });

  describe('totals', () => {
    test('a hand-computed folio: extras, a correction, payments and a refund from /payments', async () => {
      const r = await guestInHouse({ check_out_date: addDays(today, 2) }); // 3 nights at 10000
      assert.equal(r.nights, 3);
      const minibar = (await charge(t, r.id, { charge_type: 'minibar', quantity: 3, unit_price_minor: 450 })).line; // 1350
      const parking = (await charge(t, r.id, { charge_type: 'parking', quantity: 2, unit_price_minor: 1500 })).line; // 3000
      const breakfast = (await charge(t, r.id, { charge_type: 'breakfast', unit_price_minor: 1800 })).line; // 1800
      await ok(correctLine(t, r.id, parking.id, { reason: 'one day free', amount_minor: 1500 }), 201, 'correct');
      const cash = await pay(t, r.id, 10000, 'cash');
      const card = await pay(t, r.id, 5000, 'card');
      const refund = await ok(t.req('POST', `/api/hotel/payments/${cash.id}/refund`, { amount_minor: 2000, reason: 'deposit back' }), 201, 'refund');

      const folio = await getFolio(t, r.id);
      for (const l of folio.lines) assertLineShape(l);
      assert.equal(folio.lines.length, 7);
      // Payments and refunds are the reservation's payments, with the same ids.
      const byId = (id) => folio.lines.find((l) => l.id === id);
      for (const [p, kind, amount, method] of [
        [cash, 'payment', -10000, 'cash'],
        [card, 'payment', -5000, 'card'],
        [refund, 'refund', 2000, 'cash'],
      ]) {
        const l = byId(p.id);
        assert.ok(l, `the ${kind} ${p.id} is a line of the folio`);
        assert.equal(l.kind, kind);
        assert.deepEqual(l.amount, money(amount));
        assert.equal(l.method, method);
        assert.equal(l.charge_type, null);
        assert.equal(l.corrects, null);
        assert.deepEqual(l.corrected, money(0));
      }
      assert.deepEqual(byId(minibar.id).amount, money(1350));
      assert.deepEqual(byId(breakfast.id).amount, money(1800));
      const expected = {
        charges: money(6150),
        corrections: money(-1500),
        payments: money(15000),
        refunds: money(2000),
        posted_balance: money(6150 - 1500 - 15000 + 2000), // -8350
        pending_room_nights: 3,
        pending_room_charges: money(30000),
        total: money(6150 - 1500 + 30000), // 34650
        paid: money(13000),
        balance: money(34650 - 13000), // 21650
      };
      assert.deepEqual(folio.totals, expected);
      assertTotalsConsistent(folio.totals, RATE);
      assert.equal(
        folio.lines.reduce((sum, l) => sum + l.amount.amount_minor, 0),
        expected.posted_balance.amount_minor,
        'the signed line amounts add up to the posted balance',
      );
      const now = await getReservation(t, r.id);
      assert.deepEqual([now.total, now.paid, now.balance], [expected.total, expected.paid, expected.balance]);
      const payments = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/payments`), 200, 'payments');
      assert.deepEqual(payments.paid, expected.paid);
      assert.deepEqual(payments.balance, expected.balance);
    });

    test('a never-audited confirmed (or pending) stay keeps total = rate x nights', async () => {
      for (const status of ['confirmed', 'pending']) {
        const r = await futureStay({ rate_minor: 9999, status });
        assert.deepEqual(r.total, money(3 * 9999));
        const folio = await getFolio(t, r.id);
        assert.deepEqual(folio.lines, []);
        assert.deepEqual(folio.totals, {
          charges: money(0),
          corrections: money(0),
          payments: money(0),
          refunds: money(0),
          posted_balance: money(0),
          pending_room_nights: 3,
          pending_room_charges: money(3 * 9999),
          total: money(3 * 9999),
          paid: money(0),
          balance: money(3 * 9999),
        });
        const now = await getReservation(t, r.id);
        assert.deepEqual([now.total, now.paid, now.balance], [money(29997), money(0), money(29997)]);
      }
    });

    test('a cancelled stay owes only its posted fees; a no-show without fees owes nothing', async () => {
      const r = await futureStay();
      await charge(t, r.id, { charge_type: 'cancellation_fee', description: 'Late cancellation', unit_price_minor: 5000 });
      await ok(t.req('POST', `/api/hotel/reservations/${r.id}/cancel`, { reason: 'plans changed' }), 200, 'cancel');
      const folio = await getFolio(t, r.id);
      assert.equal(folio.totals.pending_room_nights, 0);
      assert.deepEqual(folio.totals.pending_room_charges, money(0));
      assert.deepEqual(folio.totals.charges, money(5000));
      assert.deepEqual(folio.totals.total, money(5000));
      assert.deepEqual(folio.totals.balance, money(5000));
      assertTotalsConsistent(folio.totals, RATE);
      const now = await getReservation(t, r.id);
      assert.equal(now.status, 'cancelled');
      assert.deepEqual([now.total, now.paid, now.balance], [money(5000), money(0), money(5000)]);
      await pay(t, r.id, 5000, 'card');
      assert.deepEqual((await getReservation(t, r.id)).balance, money(0));

      const ns = await stay(t, s, { check_in_date: addDays(today, -1), nights: 2 });
      await ok(t.req('POST', `/api/hotel/reservations/${ns.id}/no-show`), 200, 'no-show');
      const nsFolio = await getFolio(t, ns.id);
      assert.equal(nsFolio.totals.pending_room_nights, 0);
      assert.deepEqual(nsFolio.totals.total, money(0));
      assert.deepEqual((await getReservation(t, ns.id)).total, money(0));
    });
  });

  describe('check-out', () => {
    test('posts every pending room night at the rate; a settled folio checks out; the closed folio refuses charges (409 folio_closed)', async () => {
      const r = await guestInHouse(); // nights today-1 and today
      const before = await getFolio(t, r.id);
      assert.equal(before.totals.pending_room_nights, 2);
      assert.deepEqual(before.totals.balance, money(2 * RATE));
      await pay(t, r.id, 2 * RATE, 'card');
      const out = await ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-out`), 200, 'check out a settled stay');
      assert.equal(out.status, 'checked_out');
      assert.deepEqual([out.total, out.paid, out.balance], [money(2 * RATE), money(2 * RATE), money(0)]);

      const folio = await getFolio(t, r.id);
      const rooms = roomLines(folio);
      assert.deepEqual(rooms.map((l) => l.room_night), [addDays(today, -1), today]);
      for (const l of rooms) {
        assertLineShape(l);
        assert.equal(l.quantity, 1);
        assert.deepEqual(l.unit_price, money(RATE));
        assert.deepEqual(l.amount, money(RATE));
        assert.equal(l.business_date, businessDate, "room nights posted at check-out carry the property's business date");
        assert.equal(l.posted_by, t.managerId, 'posted by the user who checked the guest out');
        assert.equal(l.corrects, null);
      }
      assert.deepEqual(folio.totals, {
        charges: money(2 * RATE),
        corrections: money(0),
        payments: money(2 * RATE),
        refunds: money(0),
        posted_balance: money(0),
        pending_room_nights: 0,
        pending_room_charges: money(0),
        total: money(2 * RATE),
        paid: money(2 * RATE),
        balance: money(0),
      });

      assertProblem(await postCharge(t, r.id, { charge_type: 'minibar', unit_price_minor: 300 }), 409, 'folio_closed');
      assert.deepEqual(await getFolio(t, r.id), folio, 'the refused charge posted nothing');
    });

    test('an open balance: 409 balance_outstanding; Front Desk cannot override; a Hotel Manager can with a reason (audited)', async () => {
      const desk = await hotelStaff(server, t.token, ['front-desk']);
      const asDesk = (method, path, body) => server.request(method, path, { token: desk.token, body });
      const r = await guestInHouse();
      await charge(t, r.id, { charge_type: 'minibar', unit_price_minor: 700 });
      const url = `/api/hotel/reservations/${r.id}/check-out`;

      const refused = assertProblem(await t.req('POST', url), 409, 'balance_outstanding');
      assert.deepEqual(refused.balance, money(2 * RATE + 700));
      assert.equal((await getReservation(t, r.id)).status, 'checked_in');

      const deskRefused = assertProblem(await asDesk('POST', url, { reason: 'pays by transfer next week' }), 409, 'balance_outstanding');
      assert.deepEqual(deskRefused.balance, money(2 * RATE + 700));
      assert.equal((await getReservation(t, r.id)).status, 'checked_in', 'Front Desk holds no hotel:folios:correct');

      await pay(t, r.id, 700, 'cash');
      const stillOpen = assertProblem(await t.req('POST', url, {}), 409, 'balance_outstanding');
      assert.deepEqual(stillOpen.balance, money(2 * RATE));

      const reason = `Company account ${randomUUID().slice(0, 8)} pays by invoice`;
      const out = await ok(t.req('POST', url, { reason }), 200, 'manager override');
      assert.equal(out.status, 'checked_out');
      assert.deepEqual(out.balance, money(2 * RATE));
      const folio = await getFolio(t, r.id);
      assert.equal(roomLines(folio).length, 2, 'each night posted once, however often check-out was tried');
      assert.deepEqual(folio.totals.balance, money(2 * RATE));
      assert.equal(folio.totals.pending_room_nights, 0);

      // The override is audited: an entry of the reservation carries the reason, by the manager.
      const entries = await listAll(server, t.token, '/api/hotel/audit-logs', { resource_id: r.id });
      const override = entries.filter((e) => JSON.stringify(e.changes).includes(reason));
      assert.ok(override.length >= 1, `an audit entry carries the override reason: ${JSON.stringify(entries.map((e) => [e.action, e.changes]))}`);
      for (const e of override) assert.equal(e.actor_user_id, t.managerId);
      assert.ok(!entries.some((e) => JSON.stringify(e.changes).includes('pays by transfer next week')), "the refused override changed nothing");
    });

    test('an empty or blank reason is no override', async () => {
      const r = await guestInHouse();
      const url = `/api/hotel/reservations/${r.id}/check-out`;
      for (const reason of ['', '  ']) {
        const res = await t.req('POST', url, { reason });
        assertProblem(res, [409, 422]);
        if (res.status === 409) assert.equal(res.json.code, 'balance_outstanding');
      }
      assert.equal((await getReservation(t, r.id)).status, 'checked_in');
    });

    test('an overpaid folio is not settled either: 409 with the negative balance', async () => {
      const r = await guestInHouse();
      const url = `/api/hotel/reservations/${r.id}/check-out`;
      const p = await pay(t, r.id, 2 * RATE + 500, 'cash');
      const over = assertProblem(await t.req('POST', url), 409, 'balance_outstanding');
      assert.deepEqual(over.balance, money(-500));
      assert.equal((await getReservation(t, r.id)).status, 'checked_in');
      await ok(t.req('POST', `/api/hotel/payments/${p.id}/refund`, { amount_minor: 500, reason: 'change' }), 201, 'refund the change');
      const out = await ok(t.req('POST', url), 200, 'settled');
      assert.equal(out.status, 'checked_out');
      assert.deepEqual(out.balance, money(0));
    });
  });

  describe('permissions and isolation', () => {
    test('Housekeeping: 403; Front Desk reads and posts but cannot correct; Accountant corrects', async () => {
      const desk = await hotelStaff(server, t.token, ['front-desk']);
      const housekeeping = await hotelStaff(server, t.token, ['housekeeping']);
      const accountant = await hotelStaff(server, t.token, ['accountant']);
      const as = (who) => ({ req: (method, path, body, headers) => server.request(method, path, { token: who.token, body, headers }) });
      const r = await guestInHouse();
      const mine = (await charge(t, r.id, { charge_type: 'minibar', unit_price_minor: 400 })).line;

      assertProblem(await as(housekeeping).req('GET', folioUrl(r.id)), 403, 'missing_permission');
      assertProblem(await postCharge(as(housekeeping), r.id, { charge_type: 'minibar', unit_price_minor: 1 }), 403, 'missing_permission');
      assertProblem(await correctLine(as(housekeeping), r.id, mine.id, { reason: 'x' }), 403, 'missing_permission');

      const seen = await ok(as(desk).req('GET', folioUrl(r.id)), 200, 'Front Desk reads the folio');
      assert.equal(seen.lines.length, 1);
      const deskLine = assertStatus(await postCharge(as(desk), r.id, { charge_type: 'breakfast', unit_price_minor: 1600 }), 201, 'Front Desk posts');
      assert.equal(deskLine.line.posted_by, desk.user.id);
      assertProblem(await correctLine(as(desk), r.id, mine.id, { reason: 'not mine to undo' }), 403, 'missing_permission');

      const fixed = assertStatus(await correctLine(as(accountant), r.id, mine.id, { reason: 'disputed' }), 201, 'Accountant corrects');
      assert.equal(fixed.line.posted_by, accountant.user.id);
      const folio = await getFolio(t, r.id);
      assert.equal(folio.lines.length, 3);
      assert.deepEqual(folio.totals.charges, money(2000));
      assert.deepEqual(folio.totals.corrections, money(-400));
    });

    test("another tenant's reservation answers 404 on every folio route, and nothing is posted", async () => {
      const r = await guestInHouse();
      const { line } = await charge(t, r.id, { charge_type: 'minibar', unit_price_minor: 400 });
      const before = await getFolio(t, r.id);
      assertProblem(await other.req('GET', folioUrl(r.id)), 404);
      assertProblem(await postCharge(other, r.id, { charge_type: 'minibar', unit_price_minor: 1 }), 404);
      assertProblem(await correctLine(other, r.id, line.id, { reason: 'theirs' }), 404);
      // A line is corrected only through its own folio: not through another stay of the tenant, nor another tenant's.
      const mineToo = await futureStay();
      assertProblem(await correctLine(t, mineToo.id, line.id, { reason: 'wrong folio' }), 404);
      const theirs = await frontOfficeProperty(other, { rooms: 1, timezone: ZONE });
      const theirStay = await stay(other, theirs, { check_in_date: '2031-01-10', nights: 1 });
      assertProblem(await correctLine(other, theirStay.id, line.id, { reason: 'not ours' }), 404);
      assert.deepEqual(await getFolio(t, r.id), before);
      assert.deepEqual((await getFolio(other, theirStay.id)).lines, []);
      // And unknown ids are 404 too.
      assertProblem(await t.req('GET', folioUrl(randomUUID())), 404);
      assertProblem(await postCharge(t, randomUUID(), { charge_type: 'minibar', unit_price_minor: 1 }), 404);
    });

    test("a property opens at its local business date with the defaults; a business date after the local date is 422", async () => {
      const p = await getProperty(t, s.property.id);
      assert.equal(p.business_date, businessDate);
      assert.equal(p.night_audit_time, '03:00');
      assert.equal(p.vat_rate_bp, 0);
      // A business date after the local date cannot open a property.
      const res = await t.req('POST', '/api/hotel/properties', {
        name: 'Too early',
        code: `X${randomUUID().slice(0, 4).toUpperCase()}`,
        timezone: ZONE,
        currency: 'EUR',
        business_date: addDays(dateIn(ZONE, 0), 2),
      });
      assertProblem(res, 422);
      // night_audit_time and vat_rate_bp are settable; the business date is not.
      const q = (await frontOfficeProperty(t, { rooms: 0, timezone: ZONE, extra: { night_audit_time: '02:30', vat_rate_bp: 700 } })).property;
      assert.equal(q.night_audit_time, '02:30');
      assert.equal(q.vat_rate_bp, 700);
      const patched = await ok(
        t.req('PATCH', `/api/hotel/properties/${q.id}`, { night_audit_time: '04:15', vat_rate_bp: 1000, version: q.version }),
        200,
        'patch',
      );
      assert.equal(patched.night_audit_time, '04:15');
      assert.equal(patched.vat_rate_bp, 1000);
      for (const body of [{ night_audit_time: '24:00' }, { night_audit_time: '3am' }, { vat_rate_bp: -1 }, { vat_rate_bp: 10.5 }]) {
        assertProblem(await t.req('PATCH', `/api/hotel/properties/${q.id}`, { ...body, version: patched.version }), 422);
      }
      const moved = await t.req('PATCH', `/api/hotel/properties/${q.id}`, { business_date: addDays(q.business_date, -1), version: patched.version });
      assert.ok([200, 422].includes(moved.status), `PATCH business_date: ${moved.status} ${moved.text.slice(0, 200)}`);
      assert.equal((await getProperty(t, q.id)).business_date, q.business_date, 'the business date is read-only');
    });
  });
});
