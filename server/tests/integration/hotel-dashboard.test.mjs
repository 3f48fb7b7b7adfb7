// The hotel dashboard on a scenario computed by hand: 10 rooms, 1 out of
// order (9 available); on day D three rooms are sold (10000 + 12000 + 15500),
// so occupancy 3/9, ADR 37500 / 3 = 12500, RevPAR 37500 / 9 = 4166.67 ->
// 4167 minor units. Arrivals, departures, in-house and open incidents are
// counted from stays in every status, of which only the listed ones count.
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem } from './lib/api.mjs';
import { addDays, assert, book, dateIn, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel dashboard', () => {
  let server;
  let t;
  let s;
  let D; // today at the property: stays in house today can check in

  const act = (id, action) => ok(t.req('POST', `/api/hotel/reservations/${id}/${action}`), 200, action);
  const dashboard = (q) => ok(t.req('GET', `/api/hotel/dashboard?${q}`), 200, `dashboard ${q}`);

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(t, { rooms: 10, timezone: 'Europe/Lisbon', currency: 'EUR', rate: 10000 });
    await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[9].id}/status`, { status: 'out_of_order' }), 200, 'out of order');
    D = dateIn('Europe/Lisbon', 0);
    const stay = (from, to, rate) => book(t, s, { check_in_date: addDays(D, from), check_out_date: addDays(D, to), rate_minor: rate });

    // A: in house since yesterday, leaves tomorrow.
    const a = await stay(-1, 1, 10000);
    await act(a.id, 'confirm');
    await act(a.id, 'check-in');
    // B: arrives today, checked in, two nights.
    const b = await stay(0, 2, 12000);
    await act(b.id, 'confirm');
    await act(b.id, 'check-in');
    // C: confirmed over today, not checked in (sold all the same).
    const c = await stay(-2, 3, 15500);
    await act(c.id, 'confirm');
    // E: stayed two nights, left this morning: a departure.
    const e = await stay(-2, 0, 9000);
    await act(e.id, 'confirm');
    await act(e.id, 'check-in');
    await ok(
      t.req('POST', `/api/hotel/reservations/${e.id}/check-out`, { reason: 'paid at the bar' }),
      200,
      'check out with the balance left open',
    );
    // F: pending arrival today (expected, not sold). G: cancelled. H: no-show.
    await stay(0, 1, 11000);
    const g = await stay(0, 1, 50000);
    await act(g.id, 'cancel');
    const h = await stay(-1, 1, 70000);
    await act(h.id, 'confirm');
    await act(h.id, 'no-show');

    const incident = (status, property) =>
      ok(t.req('POST', '/api/hotel/incidents', { title: `Incident ${status}`, category: 'maintenance', severity: 'low', status, property_id: property }), 201, 'incident');
    await incident('open', s.property.id);
    await incident('in_progress', s.property.id);
    await incident('resolved', s.property.id);
    await incident('closed', s.property.id);
    const elsewhere = await setupProperty(t, { rooms: 1, currency: 'USD' });
    await incident('open', elsewhere.property.id);
  });
  after(async () => {
    await server?.stop();
  });

  test('day D: arrivals, departures, in-house, occupancy 3/9, ADR and RevPAR exact', async () => {
    const d = await dashboard(`property_id=${s.property.id}&date=${D}`);
    assert.equal(d.date, D);
    assert.equal(d.arrivals, 2, 'B and the pending F');
    assert.equal(d.departures, 1, 'E');
    assert.equal(d.in_house, 2, 'A and B');
    assert.equal(d.rooms_available, 9);
    assert.equal(d.rooms_sold, 3, 'A, B and C');
    assert.ok(Math.abs(d.occupancy - 3 / 9) < 1e-4, `occupancy ${d.occupancy}`);
    assert.deepEqual(d.room_revenue, { amount_minor: 37500, currency: 'EUR' });
    assert.deepEqual(d.adr, { amount_minor: 12500, currency: 'EUR' });
    assert.deepEqual(d.revpar, { amount_minor: 4167, currency: 'EUR' });
    assert.equal(d.open_incidents, 2, 'open and in progress, of this property');
  });

  test('day D+1: two sold (27500): ADR 13750, RevPAR 3056', async () => {
    const d = await dashboard(`property_id=${s.property.id}&date=${addDays(D, 1)}`);
    assert.equal(d.arrivals, 0);
    assert.equal(d.departures, 2, 'A and F');
    assert.equal(d.in_house, 1, 'B');
    assert.equal(d.rooms_sold, 2, 'B and C');
    assert.deepEqual(d.room_revenue, { amount_minor: 27500, currency: 'EUR' });
    assert.deepEqual(d.adr, { amount_minor: 13750, currency: 'EUR' });
    assert.deepEqual(d.revpar, { amount_minor: 3056, currency: 'EUR' });
  });

  test('a day with nothing sold: zeros, not a division by zero', async () => {
    const d = await dashboard(`property_id=${s.property.id}&date=${addDays(D, 30)}`);
    assert.equal(d.rooms_sold, 0);
    assert.equal(d.occupancy, 0);
    assert.deepEqual(d.adr, { amount_minor: 0, currency: 'EUR' });
    assert.deepEqual(d.revpar, { amount_minor: 0, currency: 'EUR' });
  });

  test('putting another room out of order lowers the rooms available', async () => {
    const room = await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[8].id}/status`, { status: 'out_of_order' }), 200, 'ooo');
    try {
      const d = await dashboard(`property_id=${s.property.id}&date=${D}`);
      assert.equal(d.rooms_available, 8);
      assert.deepEqual(d.revpar, { amount_minor: Math.round(37500 / 8), currency: 'EUR' });
    } finally {
      await ok(t.req('POST', `/api/hotel/rooms/${room.id}/status`, { status: 'clean' }), 200, 'back in order');
    }
  });

  test("without a date: today in the property's time zone", async () => {
    const d = await dashboard(`property_id=${s.property.id}`);
    assert.ok([D, addDays(D, 1)].includes(d.date), `date ${d.date}`);
  });

  test('the whole tenant, two currencies: counts add up, money is not mixed', async () => {
    const d = await dashboard(`date=${D}`);
    assert.equal(d.rooms_available, 10);
    assert.equal(d.rooms_sold, 3);
    assert.equal(d.open_incidents, 3);
    assert.equal(d.adr, null);
  });

  test('bad parameters: 400; an unknown property: 404', async () => {
    assertProblem(await t.req('GET', `/api/hotel/dashboard?property_id=${s.property.id}&date=2026-02-30`), 400);
    assertProblem(await t.req('GET', `/api/hotel/dashboard?property_id=${s.property.id}&date=today`), 400);
    assertProblem(await t.req('GET', '/api/hotel/dashboard?property_id=123'), 400);
    assertProblem(await t.req('GET', '/api/hotel/dashboard?property_id=01890000-0000-7000-8000-000000000000'), 404);
  });
});
