// The night-audit report (issue 13), the manager's report of one closed
// business date, on a hand-computed day: 4 rooms, one of them out of order;
// two stays in house at 100.00 and 80.00, a minibar of 12.00 corrected by
// 2.00, a card payment of 50.00 and a cash refund of 10.00 of it, a guest
// who never came (a no-show) and a cancellation. Also as CSV and PDF, and
// before the date is closed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import {
  addDays,
  assert,
  charge,
  correctLine,
  dateIn,
  frontOfficeProperty,
  inHouse,
  NO_SCHEDULER,
  ok,
  pay,
  stay,
} from './lib/front-office.mjs';

const ZONE = 'Asia/Tokyo';

describe('the night-audit report', () => {
  let server;
  let t;
  let s;
  let D;
  const report = (format, parameters) =>
    t.req('POST', '/api/hotel/reports/night-audit', { format, parameters });

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    t = await hotelTenant(server, await adminToken(server));
    D = addDays(dateIn(ZONE, 0), -1);
    s = await frontOfficeProperty(t, { rooms: 4, timezone: ZONE, rate: 10000, business_date: D });
    await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[3].id}/status`, { status: 'out_of_order' }), 200, 'out of order');
    const a = await inHouse(t, s, { check_in_date: D, nights: 2 });
    await inHouse(t, s, { check_in_date: D, nights: 3, rate_minor: 8000 });
    const minibar = await charge(t, a.id, { charge_type: 'minibar', quantity: 3, unit_price_minor: 400 });
    assertStatus(await correctLine(t, a.id, minibar.line.id, { reason: 'one was not used', amount_minor: 200 }), 201, 'correct');
    const payment = await pay(t, a.id, 5000, 'card');
    await ok(t.req('POST', `/api/hotel/payments/${payment.id}/refund`, { amount_minor: 1000, reason: 'goodwill' }), 201, 'refund');
    await stay(t, s, { check_in_date: D, nights: 1 }); // never arrives: a no-show
    const later = await stay(t, s, { check_in_date: addDays(D, 10), nights: 1 });
    await ok(t.req('POST', `/api/hotel/reservations/${later.id}/cancel`, { reason: 'plans changed' }), 200, 'cancel');
  });
  after(async () => {
    await server?.stop();
  });

  test('before the audit the day says so; after it, the figures, movements, revenue and payments', async () => {
    const open = assertStatus(await report('json', { property_id: s.property.id, date: D }), 200, 'before the audit');
    assert.deepEqual(open.rows[0].slice(0, 2), ['Day', 'Not closed by the night audit yet']);

    assertStatus(await t.req('POST', `/api/hotel/properties/${s.property.id}/night-audit`, { business_date: D }), 201, 'audit');
    const body = assertStatus(await report('json', { property_id: s.property.id, date: D }), 200, 'after the audit');
    assert.deepEqual(body.columns.map((c) => c.name), ['section', 'item', 'count', 'percent', 'amount', 'currency']);
    const rows = body.rows.filter((r) => !String(r[1]).startsWith('Closed '));
    assert.ok(body.rows.some((r) => r[0] === 'Day' && /^Closed .* by /.test(r[1])), 'who closed the day');
    // 3 rooms in service, 2 sold: 66.7 %; 180.00 of room revenue, ADR 90.00, RevPAR 60.00.
    assert.deepEqual(rows, [
      ['Day', 'Rooms available', 3, null, null, null],
      ['Day', 'Rooms sold', 2, null, null, null],
      ['Day', 'Occupancy', null, '66.7', null, null],
      ['Day', 'Room revenue', 2, null, '180.00', 'EUR'],
      ['Day', 'ADR', null, null, '90.00', 'EUR'],
      ['Day', 'RevPAR', null, null, '60.00', 'EUR'],
      ['Movements', 'Arrivals', 2, null, null, null],
      ['Movements', 'Departures', 0, null, null, null],
      ['Movements', 'No-shows', 1, null, null, null],
      ['Movements', 'Cancellations', 1, null, null, null],
      // The minibar net of its correction, and the two room nights the audit posted.
      ['Revenue by charge type', 'minibar', 2, null, '10.00', 'EUR'],
      ['Revenue by charge type', 'room', 2, null, '180.00', 'EUR'],
      ['Payments by method', 'card', 2, null, '40.00', 'EUR'],
    ]);
    assert.deepEqual(body.totals, [
      ['Total', 'Revenue posted', null, null, '190.00', 'EUR'],
      ['Total', 'Payments taken', null, null, '40.00', 'EUR'],
    ]);
  });

  test('as CSV and as a PDF, and its parameters are checked', async () => {
    const csv = await report('csv', { property_id: s.property.id, date: D });
    assertStatus(csv, 200, 'csv');
    assert.match(csv.text, /^\uFEFF?section,item,count,percent,amount,currency\r\n/);
    assert.match(csv.text, /Revenue by charge type,room,2,,180\.00,EUR/);
    const pdf = await report('pdf', { property_id: s.property.id, date: D });
    assertStatus(pdf, 200, 'pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-audit-')), 'r.pdf');
    fs.writeFileSync(file, pdf.bytes);
    const text = await new Promise((resolve, reject) =>
      execFile('pdftotext', ['-layout', file, '-'], (err, out) => (err ? reject(err) : resolve(out))),
    );
    assert.match(text, /Night audit/);
    assert.match(text, /Rooms sold/);
    assert.match(text, /Payments by method/);
    assertProblem(await report('json', { date: D }), 422, 'validation_failed');
    assertProblem(await report('json', { property_id: s.property.id }), 422, 'validation_failed');
  });
});
