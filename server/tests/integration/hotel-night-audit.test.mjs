// The night audit (issue 13, spec13 "Night audit") on a hand-computed
// fixture: a property opened three days ago (business date = its local date
// - 3) with five rooms; two stays in house, an arrival that never came, a
// booking never confirmed, a stay arriving the next day and one well ahead.
// Closing the date posts one room charge per in-house stay, marks the
// no-show, cancels the pending booking (history and audit trail say it was
// the audit), reports the figures, moves the business date on and locks the
// closed one. A second run of a closed date answers its stored summary and
// posts nothing; guests past their departure stop the audit unless forced
// with a reason; a date that has not ended yet, or is not the property's,
// is refused; concurrent runs close a date once; permissions and tenants.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus, waitFor } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { hotelStaff, listAll } from './lib/platform.mjs';
import {
  addDays,
  assert,
  assertLineShape,
  assertMembers,
  assertTotalsConsistent,
  charge,
  correctLine,
  dateIn,
  frontOfficeProperty,
  getFolio,
  getProperty,
  getReservation,
  inHouse,
  money,
  NO_SCHEDULER,
  ok,
  roomLines,
  stay,
} from './lib/front-office.mjs';

const ZONE = 'Europe/Helsinki';
const ROOMS = 5;

const SUMMARY_KEYS = [
  'id',
  'property_id',
  'business_date_closed',
  'room_charges_posted',
  'amount_posted',
  'no_shows',
  'cancelled',
  'rooms_available',
  'rooms_sold',
  'occupancy',
  'adr',
  'revpar',
  'forced',
  'reason',
  'run_by',
  'created_at',
].sort();

describe('hotel night audit', () => {
  let server;
  let t; // tenant A (its manager)
  let other; // tenant B
  let today; // the property's local date when the suite started
  let D; // the date closed first: today - 3, the property's opening business date
  let s; // the fixture's property
  // The fixture's stays:
  let A; // in house [D, D+2) at 12000
  let B; // in house [D-1, D+1) at 9000: due out on D+1
  let C; // confirmed [D, D+2), never arrives -> no_show when D closes
  let P; // pending [D, D+1) -> cancelled when D closes
  let N1; // confirmed [D+1, D+3): untouched by D, a no-show when D+1 closes
  let F; // confirmed [D+5, D+7): untouched
  let F2; // pending [D+6, D+7): untouched
  let first; // the summary of closing D

  const audit = (tenant, propertyId, body) => tenant.req('POST', `/api/hotel/properties/${propertyId}/night-audit`, body);
  const audits = (tenant, propertyId, q = '') => tenant.req('GET', `/api/hotel/properties/${propertyId}/night-audits${q}`);

  function assertSummary(summary, expected) {
    assertMembers(summary, SUMMARY_KEYS, 'summary');
    const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, summary[k]]));
    assert.deepEqual(picked, expected, `summary ${JSON.stringify(summary)}`);
    assert.match(summary.created_at, /^\d{4}-\d\d-\d\dT/);
  }

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    const admin = await adminToken(server);
    t = await hotelTenant(server, admin);
    other = await hotelTenant(server, admin);
    today = dateIn(ZONE, 0);
    D = addDays(today, -3);
    s = await frontOfficeProperty(t, { rooms: ROOMS, timezone: ZONE, rate: 10000, business_date: D });
    assert.equal(s.property.business_date, D, 'the property opens on the business date it was given');
    assert.equal(s.property.last_audit_date, null);
    // Check-in needs the local date on or after the arrival: true for past dates.
    A = await inHouse(t, s, { check_in_date: D, nights: 2, rate_minor: 12000 });
    B = await inHouse(t, s, { check_in_date: addDays(D, -1), nights: 2, rate_minor: 9000 });
    C = await stay(t, s, { check_in_date: D, nights: 2 });
    P = await stay(t, s, { check_in_date: D, nights: 1, status: 'pending' });
    N1 = await stay(t, s, { check_in_date: addDays(D, 1), nights: 2 });
    F = await stay(t, s, { check_in_date: addDays(D, 5), nights: 2 });
    F2 = await stay(t, s, { check_in_date: addDays(D, 6), nights: 1, status: 'pending' });
    assert.equal(A.status, 'checked_in');
    assert.equal(B.status, 'checked_in');
    assert.equal(P.status, 'pending');
  });
  after(async () => {
    await server?.stop();
  });

  describe('closing the business date D', () => {
    test('201 with the summary computed by hand', async () => {
      const res = await audit(t, s.property.id, { business_date: D });
      first = assertStatus(res, 201, 'close D');
      // Two room nights: 12000 + 9000; 2 of 5 rooms sold.
      assertSummary(first, {
        property_id: s.property.id,
        business_date_closed: D,
        room_charges_posted: 2,
        amount_posted: money(21000),
        no_shows: 1,
        cancelled: 1,
        rooms_sold: 2,
        rooms_available: ROOMS,
        occupancy: 0.4,
        adr: money(10500),
        revpar: money(4200),
        forced: false,
        reason: null,
        run_by: t.managerId,
      });
    });

    test('one room charge per in-house stay for the night D, at its rate', async () => {
      assert.ok(first, 'D was closed');
      for (const [r, rate, pending] of [
        [A, 12000, 1], // D+1 is still to come
        [B, 9000, 1], // D-1 was before the property's first business date: never posted
      ]) {
        const folio = await getFolio(t, r.id);
        assert.equal(folio.lines.length, 1, `one line on ${r.id}: ${JSON.stringify(folio.lines)}`);
        const [line] = roomLines(folio);
        assertLineShape(line);
        assert.equal(line.kind, 'charge');
        assert.equal(line.charge_type, 'room');
        assert.equal(line.room_night, D);
        assert.equal(line.business_date, D);
        assert.equal(line.quantity, 1);
        assert.deepEqual(line.unit_price, money(rate));
        assert.deepEqual(line.amount, money(rate));
        assert.equal(line.posted_by, t.managerId, 'posted by the user who ran the audit');
        assert.equal(folio.totals.pending_room_nights, pending);
        assert.deepEqual(folio.totals.charges, money(rate));
        assert.deepEqual(folio.totals.total, money(2 * rate), 'posted and pending nights still make rate x nights');
        assertTotalsConsistent(folio.totals, rate);
        const now = await getReservation(t, r.id);
        assert.equal(now.status, 'checked_in');
        assert.deepEqual(now.total, money(2 * rate));
      }
      for (const r of [C, P, N1, F, F2]) {
        assert.deepEqual((await getFolio(t, r.id)).lines, [], `no lines on ${r.id}`);
      }
    });

    test('the arrival that never came is a no_show, the pending booking cancelled: history and audit trail name the audit', async () => {
      assert.ok(first, 'D was closed');
      for (const [r, from, to, action] of [
        [C, 'confirmed', 'no_show', 'reservation.no_show'],
        [P, 'pending', 'cancelled', 'reservation.cancelled'],
      ]) {
        const now = await getReservation(t, r.id);
        assert.equal(now.status, to);
        const last = now.status_history.at(-1);
        assert.equal(last.from_status, from);
        assert.equal(last.to_status, to);
        assert.ok(last.reason?.startsWith(`Night audit of ${D}`), `history reason: ${last.reason}`);
        const entries = await listAll(server, t.token, '/api/hotel/audit-logs', { resource_id: r.id });
        const mine = entries.filter((e) => e.action === action);
        assert.equal(mine.length, 1, `one ${action} entry: ${JSON.stringify(entries.map((e) => e.action))}`);
        assert.equal(mine[0].changes.night_audit, D);
        // A no-show or cancelled stay owes nothing without fees.
        const folio = await getFolio(t, r.id);
        assert.equal(folio.totals.pending_room_nights, 0);
        assert.deepEqual(folio.totals.total, money(0));
      }
      for (const [r, status] of [
        [N1, 'confirmed'],
        [F, 'confirmed'],
        [F2, 'pending'],
        [A, 'checked_in'],
        [B, 'checked_in'],
      ]) {
        const now = await getReservation(t, r.id);
        assert.equal(now.status, status, `${r.check_in_date} stays ${status}`);
        assert.ok(!now.status_history.some((h) => (h.reason ?? '').startsWith('Night audit')), 'untouched by the audit');
      }
    });

    test('the business date moves to D+1 and D is the last audited date', async () => {
      assert.ok(first, 'D was closed');
      const p = await getProperty(t, s.property.id);
      assert.equal(p.business_date, addDays(D, 1));
      assert.equal(p.last_audit_date, D);
      assert.equal((await getFolio(t, A.id)).business_date, addDays(D, 1));
    });

    test('running D again answers 200 with the stored summary and posts nothing', async () => {
      assert.ok(first, 'D was closed');
      const before = await getFolio(t, A.id);
      const again = assertStatus(await audit(t, s.property.id, { business_date: D }), 200, 'close D again');
      assert.deepEqual(again, first);
      assert.deepEqual(await getFolio(t, A.id), before);
      assert.deepEqual((await getFolio(t, B.id)).lines.length, 1);
      const p = await getProperty(t, s.property.id);
      assert.equal(p.business_date, addDays(D, 1));
      assert.equal(p.last_audit_date, D);
    });

    test('D is locked: every line posted afterwards carries a later business date; a closed charge is corrected, never changed', async () => {
      assert.ok(first, 'D was closed');
      const extra = await charge(t, A.id, { charge_type: 'minibar', unit_price_minor: 800 });
      assert.equal(extra.line.business_date, addDays(D, 1));
      const [roomD] = roomLines(await getFolio(t, A.id));
      const fix = assertStatus(await correctLine(t, A.id, roomD.id, { reason: 'rate agreed lower', amount_minor: 2000 }), 201, 'correct');
      assert.equal(fix.line.business_date, addDays(D, 1));
      const folio = await getFolio(t, A.id);
      const closed = folio.lines.filter((l) => l.business_date <= D);
      assert.deepEqual(closed.map((l) => l.id), [roomD.id], 'only the audit posted on D');
      for (const l of folio.lines.filter((x) => x.id !== roomD.id)) assert.ok(l.business_date > D, `${l.kind} on ${l.business_date}`);
      assert.deepEqual(folio.lines.find((l) => l.id === roomD.id).amount, money(12000));
      assert.deepEqual(folio.totals.total, money(24000 + 800 - 2000));
    });

    test('a date that is neither the current nor a closed one: 409 audit_date_mismatch', async () => {
      assert.ok(first, 'D was closed');
      for (const date of [addDays(D, -1), addDays(D, 2)]) {
        assertProblem(await audit(t, s.property.id, { business_date: date }), 409, 'audit_date_mismatch');
      }
      assert.equal((await getProperty(t, s.property.id)).business_date, addDays(D, 1));
    });
  });

  describe('closing D+1 with a guest past departure', () => {
    test('409 departures_pending lists the stay and changes nothing', async () => {
      assert.ok(first, 'D was closed');
      const res = await audit(t, s.property.id, {});
      const problem = assertProblem(res, 409, 'departures_pending');
      const b = await getReservation(t, B.id);
      assert.deepEqual(problem.reservations, [
        { id: B.id, confirmation_number: b.confirmation_number, guest_name: b.guest_name, check_out_date: addDays(D, 1) },
      ]);
      const p = await getProperty(t, s.property.id);
      assert.equal(p.business_date, addDays(D, 1));
      assert.equal(p.last_audit_date, D);
      assert.equal((await getReservation(t, N1.id)).status, 'confirmed');
      assert.equal(roomLines(await getFolio(t, A.id)).length, 1);
      // Forcing needs a reason.
      assertProblem(await audit(t, s.property.id, { force: true }), 422);
      assert.equal((await getProperty(t, s.property.id)).business_date, addDays(D, 1));
    });

    test('forced with a reason: 201, D+1 closed, the guest stays in house', async () => {
      assert.ok(first, 'D was closed');
      const reason = 'Guest in 2xx leaves at noon, bill settled tomorrow';
      const res = await audit(t, s.property.id, { business_date: addDays(D, 1), force: true, reason });
      const summary = assertStatus(res, 201, 'forced audit');
      // Only A is in house for the night D+1 (B's stay ended); N1 never came.
      assertSummary(summary, {
        property_id: s.property.id,
        business_date_closed: addDays(D, 1),
        room_charges_posted: 1,
        amount_posted: money(12000),
        no_shows: 1,
        cancelled: 0,
        rooms_sold: 1,
        rooms_available: ROOMS,
        occupancy: 0.2,
        adr: money(12000),
        revpar: money(2400),
        forced: true,
        reason,
        run_by: t.managerId,
      });
      assert.equal((await getReservation(t, B.id)).status, 'checked_in');
      assert.equal((await getReservation(t, N1.id)).status, 'no_show');
      assert.equal((await getReservation(t, F.id)).status, 'confirmed');
      const folio = await getFolio(t, A.id);
      assert.deepEqual(roomLines(folio).map((l) => [l.room_night, l.business_date]), [
        [D, D],
        [addDays(D, 1), addDays(D, 1)],
      ]);
      assert.equal(folio.totals.pending_room_nights, 0);
      assert.equal(roomLines(await getFolio(t, B.id)).length, 1, 'no charge for a night after the departure date');
      const p = await getProperty(t, s.property.id);
      assert.equal(p.business_date, addDays(D, 2));
      assert.equal(p.last_audit_date, addDays(D, 1));
    });

    test('GET night-audits lists them newest first', async () => {
      const list = await ok(audits(t, s.property.id), 200, 'list');
      assert.equal(list.total, 2);
      assert.equal(list.page, 1);
      assert.deepEqual(list.items.map((x) => x.business_date_closed), [addDays(D, 1), D]);
      assert.deepEqual(list.items[1], first);
      const page2 = await ok(audits(t, s.property.id, '?limit=1&page=2'), 200, 'page 2');
      assert.deepEqual(page2.items, [first]);
      assert.equal(page2.total, 2);
    });
  });

  describe('refusals, races and permissions', () => {
    test("a date that has not ended at the property: 409 audit_too_early, nothing closed", async () => {
      // A new property opens at its local date. If the zone's midnight passes
      // between creating it and the answer, the attempt says nothing: again
      // with a new property (midnight cannot come twice in one attempt).
      let res;
      let p;
      for (let attempt = 1; ; attempt++) {
        const before = dateIn(ZONE, 0);
        p = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE });
        res = await audit(t, p.property.id, {});
        if (dateIn(ZONE, 0) === before || attempt === 2) break;
      }
      assertProblem(res, 409, 'audit_too_early');
      assertProblem(await audit(t, p.property.id, { business_date: p.property.business_date }), 409, 'audit_too_early');
      const now = await getProperty(t, p.property.id);
      assert.equal(now.business_date, p.property.business_date);
      assert.equal(now.last_audit_date, null);
      assert.equal((await ok(audits(t, p.property.id), 200, 'list')).total, 0);
    });

    test('forcing with an empty reason is 422 and closes nothing', async () => {
      const E = addDays(dateIn(ZONE, 0), -1);
      const p = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE, business_date: E });
      const overdue = await inHouse(t, p, { check_in_date: addDays(E, -1), nights: 1 }); // due out on E
      const pending = assertProblem(await audit(t, p.property.id, {}), 409, 'departures_pending');
      assert.deepEqual(pending.reservations.map((r) => r.id), [overdue.id]);
      for (const reason of ['', '   ']) {
        assertProblem(await audit(t, p.property.id, { force: true, reason }), 422);
      }
      const now = await getProperty(t, p.property.id);
      assert.equal(now.last_audit_date, null);
      assert.equal(now.business_date, E);
    });

    test('concurrent audits of one date close it once: one 201, the rest 200, one set of room charges', async () => {
      const E = addDays(dateIn(ZONE, 0), -1);
      const p = await frontOfficeProperty(t, { rooms: 3, timezone: ZONE, rate: 7000, business_date: E });
      const guests = [
        await inHouse(t, p, { check_in_date: E, nights: 2 }),
        await inHouse(t, p, { check_in_date: E, nights: 3 }),
      ];
      // On PostgreSQL, through two server processes on the one database.
      const second = IS_POSTGRES ? await server.startAnother({ env: NO_SCHEDULER }) : null;
      let answers;
      try {
        answers = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            (i % 2 === 1 && second ? second : server).request('POST', `/api/hotel/properties/${p.property.id}/night-audit`, {
              token: t.token,
              body: { business_date: E },
            }),
          ),
        );
      } finally {
        await second?.stop();
      }
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 201], `statuses ${statuses}: ${answers.map((a) => a.text.slice(0, 200)).join(' | ')}`);
      const created = answers.find((a) => a.status === 201).json;
      for (const a of answers) assert.deepEqual(a.json, created, 'every answer is the one summary');
      // 2 of 3 rooms: occupancy 0.6667 (4 decimals), ADR 7000, RevPAR 14000 / 3 = 4666.67 -> 4667.
      assertSummary(created, {
        business_date_closed: E,
        room_charges_posted: 2,
        amount_posted: money(14000),
        rooms_sold: 2,
        rooms_available: 3,
        occupancy: 0.6667,
        adr: money(7000),
        revpar: money(4667),
      });
      for (const g of guests) {
        const rooms = roomLines(await getFolio(t, g.id));
        assert.deepEqual(rooms.map((l) => l.room_night), [E], `one room charge on ${g.id}`);
      }
      const list = await ok(audits(t, p.property.id), 200, 'list');
      assert.equal(list.total, 1);
      const now = await getProperty(t, p.property.id);
      assert.equal(now.business_date, addDays(E, 1));
      assert.equal(now.last_audit_date, E);
    });

    test('Front Desk and Accountant cannot run it (403) but read the list; Housekeeping reads nothing', async () => {
      const desk = await hotelStaff(server, t.token, ['front-desk']);
      const accountant = await hotelStaff(server, t.token, ['accountant']);
      const housekeeping = await hotelStaff(server, t.token, ['housekeeping']);
      const as = (who) => ({ req: (method, path, body) => server.request(method, path, { token: who.token, body }) });
      const p = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE, business_date: addDays(dateIn(ZONE, 0), -2) });
      for (const who of [desk, accountant, housekeeping]) {
        assertProblem(await audit(as(who), p.property.id, {}), 403, 'missing_permission');
      }
      for (const who of [desk, accountant]) assertStatus(await audits(as(who), p.property.id), 200, 'hotel:night_audit:read');
      assertProblem(await audits(as(housekeeping), p.property.id), 403, 'missing_permission');
      const now = await getProperty(t, p.property.id);
      assert.equal(now.last_audit_date, null, 'nothing was closed');
      assert.equal(now.business_date, p.property.business_date);
    });

    test("another tenant's property answers 404 and is not audited", async () => {
      const p = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE, business_date: addDays(dateIn(ZONE, 0), -2) });
      assertProblem(await audit(other, p.property.id, {}), 404);
      assertProblem(await audits(other, p.property.id), 404);
      assertProblem(await audit(t, randomUUID(), {}), 404);
      assert.equal((await getProperty(t, p.property.id)).last_audit_date, null);
    });
  });
  // The scheduler of its own server (its own database: it would close the
  // fixture above), looking every second.
  describe('the scheduled audit', () => {
    let sched;
    let t2;
    before(async () => {
      sched = await startServer({ env: { KEYCARD_NIGHT_AUDIT_INTERVAL: '1' } });
      t2 = await hotelTenant(sched, await adminToken(sched));
    });
    after(async () => {
      await sched?.stop();
    });

    const localTime = (timeZone) =>
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());

    // A property whose business date E = local today - 1 is due once its
    // audit time has passed today. It is set up with 23:59 (not due yet),
    // then moved to 00:00 (due at once). If the zone's 23:59 or midnight
    // comes during the set-up, the scheduler may have closed E early: again
    // with a new property, after midnight (that cannot happen twice).
    async function dueProperty(setup) {
      for (let attempt = 1; ; attempt++) {
        // In the day's last minute nothing is "not due yet": wait for the next day.
        if (localTime(ZONE) >= '23:59') {
          const day = dateIn(ZONE, 0);
          await waitFor('the next day at the property', () => dateIn(ZONE, 0) !== day, 120_000);
        }
        const E = addDays(dateIn(ZONE, 0), -1);
        const p = await frontOfficeProperty(t2, { rooms: 3, timezone: ZONE, rate: 5000, business_date: E, extra: { night_audit_time: '23:59' } });
        const made = await setup(p, E);
        const now = await getProperty(t2, p.property.id);
        if (now.last_audit_date === null && dateIn(ZONE, 0) === addDays(E, 1)) {
          const moved = await ok(
            t2.req('PATCH', `/api/hotel/properties/${p.property.id}`, { night_audit_time: '00:00', version: now.version }),
            200,
            'audit time 00:00',
          );
          assert.equal(moved.night_audit_time, '00:00');
          return { p, E, made };
        }
        assert.ok(attempt < 2, 'the scheduler closed the date during set-up twice');
      }
    }

    test('closes a due date by itself: run_by and posted_by null, the no-show by the scheduler', async () => {
      const { p, E, made } = await dueProperty(async (q, E) => ({
        guest: await inHouse(t2, q, { check_in_date: E, nights: 3 }),
        absent: await stay(t2, q, { check_in_date: E, nights: 1 }),
      }));
      const closed = await waitFor('the scheduler to close E', async () => {
        const now = await getProperty(t2, p.property.id);
        return now.last_audit_date !== null && now;
      });
      const list = await ok(t2.req('GET', `/api/hotel/properties/${p.property.id}/night-audits`), 200, 'list');
      if (dateIn(ZONE, 0) === addDays(E, 1)) {
        // Unless the zone's midnight has come meanwhile, E + 1 has not ended: not closed.
        assert.equal(closed.last_audit_date, E);
        assert.equal(closed.business_date, addDays(E, 1));
        assert.equal(list.total, 1);
      }
      const summary = list.items.find((x) => x.business_date_closed === E);
      assert.ok(summary, `E is among the audits: ${JSON.stringify(list.items)}`);
      assert.equal(summary.run_by, null);
      assert.equal(summary.forced, false);
      assert.equal(summary.room_charges_posted, 1);
      assert.deepEqual(summary.amount_posted, money(5000));
      assert.equal(summary.no_shows, 1);
      const [line] = roomLines(await getFolio(t2, made.guest.id));
      assert.equal(line.room_night, E);
      assert.equal(line.posted_by, null, 'posted by the scheduler');
      const absent = await getReservation(t2, made.absent.id);
      assert.equal(absent.status, 'no_show');
      assert.equal(absent.status_history.at(-1).changed_by, null);
      const entries = await listAll(sched, t2.token, '/api/hotel/audit-logs', { resource_id: made.absent.id });
      const noShow = entries.find((e) => e.action === 'reservation.no_show');
      assert.ok(noShow, `audited: ${JSON.stringify(entries.map((e) => e.action))}`);
      assert.equal(noShow.actor_user_id, null);
      assert.equal(noShow.changes.night_audit, E);
      // A manual run of the closed date answers the scheduler's summary.
      assert.deepEqual(assertStatus(await t2.req('POST', `/api/hotel/properties/${p.property.id}/night-audit`, { business_date: E }), 200, 'again'), summary);
    });

    test('never forces: a guest past departure keeps the date open', async () => {
      const { p, E, made } = await dueProperty(async (q, E) => ({
        overdue: await inHouse(t2, q, { check_in_date: addDays(E, -1), nights: 1 }), // due out on E
      }));
      await waitFor('the scheduler to refuse the audit', () => sched.stdout.includes('night_audit_refused') && sched.stdout.split('\n').some((l) => l.includes('night_audit_refused') && l.includes(p.property.id)));
      const now = await getProperty(t2, p.property.id);
      assert.equal(now.last_audit_date, null);
      assert.equal(now.business_date, E);
      assert.equal((await getReservation(t2, made.overdue.id)).status, 'checked_in');
      assert.equal((await ok(t2.req('GET', `/api/hotel/properties/${p.property.id}/night-audits`), 200, 'list')).total, 0);
    });
  });
});
