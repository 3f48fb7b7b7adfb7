// Invoices (issue 13): an invoice of a settled stay computed by hand (room
// nights posted at check-out, an extra, VAT included at the property's
// rate), numbers per property and year without gaps, also under 20
// concurrent requests, credit notes, the refusals, the PDFs read back with
// pdftotext (a Cyrillic guest name), and who may issue them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { hotelStaff } from './lib/platform.mjs';
import {
  addDays,
  assert,
  charge,
  dateIn,
  frontOfficeProperty,
  inHouse,
  money,
  NO_SCHEDULER,
  ok,
  pay,
  stay,
} from './lib/front-office.mjs';

const ZONE = 'Europe/Madrid';

function pdftotext(bytes) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-invoice-')), 'doc.pdf');
  fs.writeFileSync(file, bytes);
  return new Promise((resolve, reject) => {
    execFile('pdftotext', ['-layout', file, '-'], (err, stdout, stderr) => {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      if (err) reject(new Error(`pdftotext failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('invoices', () => {
  let server;
  let t;
  const issue = (id) => t.req('POST', `/api/hotel/reservations/${id}/invoice`);
  const credit = (id, reason = 'billed to the company instead') =>
    t.req('POST', `/api/hotel/invoices/${id}/credit-note`, { reason });

  before(async () => {
    server = await startServer({ env: NO_SCHEDULER });
    t = await hotelTenant(server, await adminToken(server));
  });
  after(async () => {
    await server?.stop();
  });

  // A property at 10 % VAT, opened two days ago; a two-night stay at 110.00
  // in house since then, a minibar of 2 x 5.50, settled and checked out.
  async function settledStay() {
    const D = addDays(dateIn(ZONE, 0), -2);
    const s = await frontOfficeProperty(t, {
      rooms: 2,
      timezone: ZONE,
      rate: 11000,
      business_date: D,
      extra: { vat_rate_bp: 1000, address: 'Calle Mayor 1, Madrid' },
    });
    const guest = await ok(
      t.req('POST', '/api/hotel/guests', { first_name: 'Иван', last_name: 'Петров', email: 'ivan@example.test' }),
      201,
      'guest',
    );
    const r = await inHouse(t, { ...s, guest }, { check_in_date: D, nights: 2 });
    await charge(t, r.id, { charge_type: 'minibar', quantity: 2, unit_price_minor: 550 });
    await pay(t, r.id, 23100, 'card');
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-out`), 200, 'check out');
    return { s, r, D, guest };
  }

  test('an invoice of a settled stay: its lines, VAT included, number 1 of the property and year', async () => {
    const { s, r, D } = await settledStay();
    const invoice = assertStatus(await issue(r.id), 201, 'issue');
    const year = D.slice(0, 4);
    assert.equal(invoice.kind, 'invoice');
    assert.equal(invoice.number, `${s.property.code}-${year}-000001`);
    assert.equal(invoice.reservation_id, r.id);
    assert.equal(invoice.confirmation_number, r.confirmation_number);
    assert.deepEqual(invoice.seller, { name: s.property.name, address: 'Calle Mayor 1, Madrid' });
    assert.deepEqual(invoice.buyer, { name: 'Иван Петров', email: 'ivan@example.test' });
    assert.equal(invoice.credit_of, null);
    assert.equal(invoice.credited_by, null);
    // The minibar, then the two room nights posted at check-out, in the order they were posted.
    assert.deepEqual(
      invoice.lines.map((l) => [l.description.startsWith('Room ') ? 'room' : l.description, l.quantity, l.amount.amount_minor]),
      [
        ['Minibar', 2, 1100],
        ['room', 1, 11000],
        ['room', 1, 11000],
      ],
    );
    // 231.00 gross at 10 % included: 21.00 VAT, 210.00 net; paid in full.
    assert.equal(invoice.vat_rate_bp, 1000);
    assert.deepEqual(invoice.gross, money(23100));
    assert.deepEqual(invoice.tax, money(2100));
    assert.deepEqual(invoice.net, money(21000));
    assert.deepEqual(invoice.paid, money(23100));
    assert.deepEqual(invoice.balance, money(0));
    // Read back, alone and in the reservation's list.
    assert.deepEqual(await ok(t.req('GET', `/api/hotel/invoices/${invoice.id}`), 200, 'get'), invoice);
    const list = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/invoices`), 200, 'list');
    assert.deepEqual(list.items, [invoice]);
  });

  test('one open invoice per folio; a credit note reverses it, in the same sequence; then a new invoice', async () => {
    const { s, r, D } = await settledStay();
    const year = D.slice(0, 4);
    const first = assertStatus(await issue(r.id), 201, 'issue');
    assertProblem(await issue(r.id), 409, 'invoice_exists');
    const note = assertStatus(await credit(first.id), 201, 'credit note');
    assert.equal(note.kind, 'credit_note');
    assert.equal(note.number, `${s.property.code}-${year}-000002`);
    assert.equal(note.credit_of, first.id);
    assert.equal(note.reason, 'billed to the company instead');
    assert.deepEqual(note.gross, money(-23100));
    assert.deepEqual(note.tax, money(-2100));
    assert.deepEqual(note.net, money(-21000));
    assert.deepEqual(
      note.lines.map((l) => l.amount.amount_minor),
      first.lines.map((l) => -l.amount.amount_minor),
    );
    const reversed = await ok(t.req('GET', `/api/hotel/invoices/${first.id}`), 200, 'the invoice again');
    assert.equal(reversed.credited_by, note.id);
    assertProblem(await credit(first.id), 409, 'already_credited');
    assertProblem(await credit(note.id), 409, 'not_creditable');
    const again = assertStatus(await issue(r.id), 201, 'a new invoice after the credit note');
    assert.equal(again.number, `${s.property.code}-${year}-000003`);
    const list = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/invoices`), 200, 'list');
    assert.deepEqual(
      list.items.map((i) => [i.kind, i.number]),
      [
        ['invoice', first.number],
        ['credit_note', note.number],
        ['invoice', again.number],
      ],
    );
    // Immutable: no route changes or removes an invoice.
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      assertProblem(await t.req(method, `/api/hotel/invoices/${first.id}`, {}), 405);
    }
  });

  test('nothing posted yet: 409 nothing_to_invoice; an unknown reservation or invoice: 404', async () => {
    const s = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE });
    const r = await stay(t, s, { check_in_date: addDays(dateIn(ZONE, 0), 10) });
    assertProblem(await issue(r.id), 409, 'nothing_to_invoice');
    assertProblem(await issue('01890000-0000-7000-8000-000000000000'), 404);
    assertProblem(await t.req('GET', '/api/hotel/invoices/01890000-0000-7000-8000-000000000000'), 404);
    assertProblem(await t.req('GET', '/api/hotel/invoices/01890000-0000-7000-8000-000000000000.pdf'), 404);
    assertProblem(await credit('01890000-0000-7000-8000-000000000000'), 404);
    assertProblem(await t.req('POST', `/api/hotel/invoices/01890000-0000-7000-8000-000000000000/credit-note`, {}), 422);
  });

  test('20 concurrent invoices of one property are numbered 1 to 20, without a gap or a repeat', async () => {
    const today = dateIn(ZONE, 0);
    const s = await frontOfficeProperty(t, { rooms: 1, timezone: ZONE, rate: 5000 });
    const stays = [];
    for (let i = 0; i < 20; i++) {
      const r = await stay(t, s, { check_in_date: addDays(today, 1 + i), nights: 1 });
      await charge(t, r.id, { charge_type: 'parking', unit_price_minor: 1000 + i });
      stays.push(r);
    }
    const answers = await Promise.all(stays.map((r) => issue(r.id)));
    const numbers = answers.map((res) => assertStatus(res, 201, 'concurrent issue').number).sort();
    const year = s.property.business_date.slice(0, 4);
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => `${s.property.code}-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    // And each reservation got exactly one.
    for (const r of stays) {
      const list = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/invoices`), 200, 'list');
      assert.equal(list.items.length, 1);
    }
  });

  test('the invoice and the registration card as PDFs, read back by pdftotext', async () => {
    const { s, r } = await settledStay();
    const invoice = assertStatus(await issue(r.id), 201, 'issue');
    const res = await t.req('GET', `/api/hotel/invoices/${invoice.id}.pdf`);
    assertStatus(res, 200, 'invoice pdf');
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="${invoice.number}.pdf"`);
    const text = await pdftotext(res.bytes);
    for (const expected of [invoice.number, 'Иван Петров', s.property.name, r.confirmation_number, 'Minibar', '231.00', '21.00', '210.00', 'VAT 10 %']) {
      assert.ok(text.includes(expected), `the invoice shows ${expected}:\n${text}`);
    }
    // The same document renders to the same bytes.
    const twice = await t.req('GET', `/api/hotel/invoices/${invoice.id}.pdf`);
    assert.ok(Buffer.compare(res.bytes, twice.bytes) === 0, 'the PDF is stable');

    const card = await t.req('GET', `/api/hotel/reservations/${r.id}/registration-card.pdf`);
    assertStatus(card, 200, 'registration card');
    assert.equal(card.headers.get('content-type'), 'application/pdf');
    const cardText = await pdftotext(card.bytes);
    for (const expected of ['Registration card', 'Иван Петров', r.confirmation_number, r.check_in_date, r.check_out_date, "Guest's signature"]) {
      assert.ok(cardText.includes(expected), `the card shows ${expected}:\n${cardText}`);
    }
  });

  test('Front Desk and the Accountant issue and read invoices; Housekeeping may not', async () => {
    const { r } = await settledStay();
    const desk = await hotelStaff(server, t.token, ['front-desk']);
    const accountant = await hotelStaff(server, t.token, ['accountant']);
    const housekeeping = await hotelStaff(server, t.token, ['housekeeping']);
    const as = (who) => (method, p, body) => server.request(method, p, { token: who.token, body });
    const url = `/api/hotel/reservations/${r.id}`;
    assertProblem(await as(housekeeping)('POST', `${url}/invoice`), 403, 'missing_permission');
    assertProblem(await as(housekeeping)('GET', `${url}/invoices`), 403, 'missing_permission');
    const invoice = assertStatus(await as(desk)('POST', `${url}/invoice`), 201, 'front desk issues');
    assertStatus(await as(accountant)('GET', `/api/hotel/invoices/${invoice.id}.pdf`), 200, 'accountant reads the pdf');
    assertStatus(await as(accountant)('POST', `/api/hotel/invoices/${invoice.id}/credit-note`, { reason: 'wrong company' }), 201, 'accountant credits');
  });
});
