// Payments through HTTP: minor units in the reservation's currency, the four
// methods, total = nights x rate, paid and balance after payments and
// partial refunds, refunds never above what was paid (also when raced),
// currency mismatch, card data refused and never stored, Idempotency-Key
// replays, and the payment lists.
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus } from './lib/api.mjs';
import { addDays, assert, book, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel payments', () => {
  let server;
  let t;
  let s; // EUR property, base rate 10000

  const pay = (reservationId, body, headers) =>
    t.req('POST', `/api/hotel/reservations/${reservationId}/payments`, body, headers);
  const refund = (paymentId, body) => t.req('POST', `/api/hotel/payments/${paymentId}/refund`, body);
  const reservation = async (id) => ok(t.req('GET', `/api/hotel/reservations/${id}`), 200, 'reservation');
  const money = (amount_minor, currency = 'EUR') => ({ amount_minor, currency });

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(t, { rooms: 4, currency: 'EUR', rate: 10000 });
  });
  after(async () => {
    await server?.stop();
  });

  // A 3-night stay; each call its own nights.
  let n = 0;
  const stay = (overrides = {}) => {
    const d = addDays('2030-01-01', 4 * n++);
    return book(t, s, { check_in_date: d, check_out_date: addDays(d, 3), ...overrides });
  };

  test('total is nights x rate; paid and balance follow payments and partial refunds', async () => {
    const r = await stay();
    assert.equal(r.nights, 3);
    assert.deepEqual(r.total, money(30000));
    assert.deepEqual(r.balance, money(30000));

    const p1 = assertStatus(await pay(r.id, { amount_minor: 12000, method: 'cash' }), 201, 'pay 12000');
    assert.equal(p1.kind, 'payment');
    assert.deepEqual(p1.amount, money(12000));
    assert.deepEqual(p1.reservation.paid, money(12000));
    assert.deepEqual(p1.reservation.balance, money(18000));
    const p2 = assertStatus(await pay(r.id, { amount_minor: 18000, method: 'card', currency: 'EUR', reference: 'auth 8F3K' }), 201, 'pay 18000');
    assert.deepEqual(p2.reservation.balance, money(0));

    const r1 = assertStatus(await refund(p1.id, { amount_minor: 5000, reason: 'minibar disputed' }), 201, 'refund 5000');
    assert.equal(r1.kind, 'refund');
    assert.equal(r1.refund_of, p1.id);
    assert.equal(r1.method, 'cash');
    assert.deepEqual(r1.amount, money(5000));
    assert.deepEqual(r1.reservation.paid, money(25000));
    assert.deepEqual(r1.reservation.balance, money(5000));

    // 7000 of p1 remain refundable.
    assertProblem(await refund(p1.id, { amount_minor: 7001 }), [409, 422], 'refund_exceeds_payment');
    assertStatus(await refund(p1.id, { amount_minor: 7000 }), 201, 'refund the rest of p1');
    assertProblem(await refund(p1.id, { amount_minor: 1 }), [409, 422], 'refund_exceeds_payment');
    // A refund cannot be refunded.
    assertProblem(await refund(r1.id, { amount_minor: 1 }), [409, 422]);

    const now = await reservation(r.id);
    assert.deepEqual(now.total, money(30000));
    assert.deepEqual(now.paid, money(18000));
    assert.deepEqual(now.balance, money(12000));

    const list = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/payments`), 200, 'payments of the reservation');
    assert.equal(list.items.length, 4);
    assert.deepEqual(list.paid, money(18000));
    assert.deepEqual(list.balance, money(12000));
    const original = list.items.find((p) => p.id === p1.id);
    assert.deepEqual(original.refunded, money(12000));
  });

  test('a rate override prices the stay; a stay update reprices it', async () => {
    const r = await stay({ rate_minor: 9999 });
    assert.deepEqual(r.total, money(3 * 9999));
    await ok(pay(r.id, { amount_minor: 1, method: 'other' }), 201, 'pay 1');
    const longer = await ok(
      t.req('PATCH', `/api/hotel/reservations/${r.id}`, { version: r.version, check_out_date: '2040-01-01', check_in_date: '2039-12-27' }),
      200,
      'five nights',
    );
    assert.deepEqual(longer.total, money(5 * 9999));
    assert.deepEqual(longer.balance, money(5 * 9999 - 1));
  });

  test('the four methods are accepted, anything else is 422', async () => {
    const r = await stay();
    for (const method of ['cash', 'card', 'bank_transfer', 'other']) {
      assert.equal(assertStatus(await pay(r.id, { amount_minor: 100, method }), 201, method).method, method);
    }
    for (const method of ['crypto', 'CASH', '', null, 5]) {
      const problem = assertProblem(await pay(r.id, { amount_minor: 100, method }), 422, 'validation_failed');
      assert.ok(problem.errors.method, `method ${JSON.stringify(method)}`);
    }
    assert.deepEqual((await reservation(r.id)).paid, money(400));
  });

  test('amounts are positive whole minor units', async () => {
    const r = await stay();
    for (const amount_minor of [0, -100, 10.5, '100', null, 1e16]) {
      const problem = assertProblem(await pay(r.id, { amount_minor, method: 'cash' }), 422, 'validation_failed');
      assert.ok(problem.errors.amount_minor, `amount ${JSON.stringify(amount_minor)}`);
    }
    const p = assertStatus(await pay(r.id, { amount_minor: 500, method: 'cash' }), 201, 'pay');
    for (const amount_minor of [0, -1, 2.5]) {
      assert.ok(assertProblem(await refund(p.id, { amount_minor }), 422).errors.amount_minor);
    }
    assert.deepEqual((await reservation(r.id)).paid, money(500));
  });

  test('a currency other than the reservation\'s is refused and nothing is recorded', async () => {
    const r = await stay();
    for (const currency of ['USD', 'eur', 'EURO']) {
      const problem = assertProblem(await pay(r.id, { amount_minor: 100, method: 'cash', currency }), 422);
      assert.ok(problem.errors.currency, currency);
    }
    assert.deepEqual((await reservation(r.id)).paid, money(0));
    const usd = await setupProperty(t, { rooms: 1, currency: 'USD', rate: 5000 });
    const ru = await book(t, usd);
    const p = assertStatus(await pay(ru.id, { amount_minor: 100, method: 'cash' }), 201, 'USD payment');
    assert.deepEqual(p.amount, money(100, 'USD'), 'the currency defaults to the reservation\'s');
  });

  test('card numbers and security codes are refused and never stored', async () => {
    const r = await stay();
    const pan = '4111111111111111';
    for (const [body, field] of [
      [{ card_number: pan }, 'card_number'],
      [{ cvv: '123' }, 'cvv'],
      [{ cvc: '123' }, 'cvc'],
      [{ security_code: '1234' }, 'security_code'],
      [{ reference: `card ${pan}` }, 'reference'],
      [{ reference: '4111 1111 1111 1111' }, 'reference'],
      [{ reference: '4111-1111-1111-1111' }, 'reference'],
    ]) {
      const problem = assertProblem(await pay(r.id, { amount_minor: 100, method: 'card', ...body }), 422);
      assert.ok(problem.errors[field], `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`);
    }
    assert.deepEqual((await reservation(r.id)).paid, money(0));
    // No column could hold them either.
    const columns = IS_POSTGRES
      ? await server.sql(`SELECT column_name FROM information_schema.columns WHERE table_name = 'payments'`)
      : await server.sql(`SELECT name FROM pragma_table_info('payments')`);
    const bad = columns.split('\n').filter((c) => /card|pan|cvv|cvc|security|expir/i.test(c));
    assert.deepEqual(bad, []);
    // And nothing of the refused requests reached the database.
    const dump = IS_POSTGRES
      ? await server.sql(`SELECT string_agg(row_to_json(x)::text, E'\\n') FROM (
           SELECT * FROM payments) x UNION ALL SELECT string_agg(changes::text, E'\\n') FROM audit_logs`)
      : await server.sql(`SELECT group_concat(coalesce(reference, ''), ' ') FROM payments UNION ALL SELECT group_concat(coalesce(changes, ''), ' ') FROM audit_logs`);
    assert.ok(!dump.replace(/[\s-]/g, '').includes(pan), 'a card number reached the database');
  });

  test('Idempotency-Key: the same key and body replay the first payment; another body is 409', async () => {
    const r = await stay();
    const key = { 'idempotency-key': `pay-${randomUUID()}` };
    const body = { amount_minor: 2500, method: 'card', reference: 'terminal 7' };
    const first = assertStatus(await pay(r.id, body, key), 201, 'first');
    const replay = assertStatus(await pay(r.id, { reference: 'terminal 7', method: 'card', amount_minor: 2500 }, key), 201, 'replay');
    assert.equal(replay.id, first.id);
    assert.deepEqual(replay.reservation.paid, money(2500));
    assertProblem(await pay(r.id, { ...body, amount_minor: 2600 }, key), 409, 'idempotency_key_reused');
    const list = await ok(t.req('GET', `/api/hotel/reservations/${r.id}/payments`), 200, 'list');
    assert.equal(list.items.length, 1);
    assert.deepEqual(list.paid, money(2500));
  });

  test('Idempotency-Key: concurrent duplicates create one payment', async () => {
    const r = await stay();
    const key = { 'idempotency-key': `pay-${randomUUID()}` };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => pay(r.id, { amount_minor: 700, method: 'cash' }, key)),
    );
    const ids = new Set();
    for (const res of answers) ids.add(assertStatus(res, 201, 'concurrent replay').id);
    assert.equal(ids.size, 1, 'every answer is the one payment');
    assert.deepEqual((await reservation(r.id)).paid, money(700));
  });

  test('concurrent refunds never take more than was paid', async () => {
    const r = await stay();
    const p = assertStatus(await pay(r.id, { amount_minor: 10000, method: 'card' }), 201, 'pay');
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(p.id, { amount_minor: 3000 })));
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((x) => x === 201).length, 3, `statuses: ${statuses}`);
    for (const a of answers.filter((x) => x.status !== 201)) assertProblem(a, [409, 422], 'refund_exceeds_payment');
    assert.deepEqual((await reservation(r.id)).paid, money(1000));
  });

  test('payments of an unknown reservation or refunds of an unknown payment are 404', async () => {
    assertProblem(await pay(randomUUID(), { amount_minor: 100, method: 'cash' }), 404);
    assertProblem(await refund(randomUUID(), { amount_minor: 100 }), 404);
  });

  test('GET /api/hotel/payments: filters and pagination', async () => {
    const r = await stay();
    await ok(pay(r.id, { amount_minor: 100, method: 'cash' }), 201, 'a');
    await ok(pay(r.id, { amount_minor: 200, method: 'bank_transfer' }), 201, 'b');
    const c = await ok(pay(r.id, { amount_minor: 300, method: 'bank_transfer' }), 201, 'c');
    await ok(refund(c.id, { amount_minor: 50 }), 201, 'refund c');
    const list = (q) => ok(t.req('GET', `/api/hotel/payments?reservation_id=${r.id}&${q}`), 200, q);
    assert.equal((await list('')).total, 4);
    assert.equal((await list('method=bank_transfer')).total, 3);
    assert.equal((await list('kind=refund')).total, 1);
    const page = await list('limit=2&page=2&sort=amount_minor');
    assert.deepEqual(page.items.map((p) => p.amount_minor), [200, 300]);
    assert.equal(page.total, 4);
    assertProblem(await t.req('GET', '/api/hotel/payments?method=crypto'), 400);
  });
});
