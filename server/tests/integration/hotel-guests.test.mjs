// Guests through HTTP: search by name, email and phone; validation; the
// export of everything held on a guest; erasure that anonymises the personal
// fields everywhere in the database but keeps reservations and payments, and
// answers 409 when repeated (API.md: an illegal state change); delete only
// without reservations.
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { adminToken, assertProblem, assertStatus, randomId } from './lib/api.mjs';
import { assert, book, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';

describe('hotel guests', () => {
  let server;
  let t;
  let s;
  const tag = randomId(3); // keeps this file's names apart
  const people = [
    { first_name: 'Ana', last_name: `Souza${tag}`, email: `ana.souza.${tag}@mail.test`, phone: '+351 912 345 678' },
    { first_name: 'Bjørn', last_name: `Ødegård${tag}`, email: `bjorn.${tag}@fjord.test`, phone: '+47 22 33 44 55' },
    { first_name: 'Wei', last_name: `Chen${tag}`, email: `wei.chen.${tag}@mail.test`, phone: '+86 10 8888 7777' },
    { first_name: 'Anabel', last_name: `Ortiz${tag}`, email: null, phone: null },
  ];
  const created = {};

  const search = async (q) =>
    (await ok(t.req('GET', `/api/hotel/guests?q=${encodeURIComponent(q)}&limit=100`), 200, `search ${q}`)).items.map(
      (g) => g.first_name,
    );

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(t, { rooms: 3 });
    for (const p of people) created[p.first_name] = await ok(t.req('POST', '/api/hotel/guests', p), 201, p.first_name);
  });
  after(async () => {
    await server?.stop();
  });

  describe('search', () => {
    const cases = [
      ['a first name', 'Ana', ['Ana', 'Anabel']],
      ['a last name, any case', `souza${tag}`.toUpperCase(), ['Ana']],
      ['"first last"', `wei chen${tag}`, ['Wei']],
      ['"last first"', `Chen${tag} Wei`, ['Wei']],
      ['part of a name with non-ASCII letters', `Ødegård${tag}`, ['Bjørn']],
      ['part of an email', `souza.${tag}@`, ['Ana']],
      ['an email in upper case', `WEI.CHEN.${tag}@MAIL.TEST`, ['Wei']],
      ['a phone number as written', '+351 912 345 678', ['Ana']],
      ['a phone number without spaces', '912345678', ['Ana']],
      ['the end of a phone number', '7777', ['Wei']],
      ['nothing that matches', `zz${tag}zz`, []],
      ['a literal % (no wildcard)', '%', []],
      ['a literal _ (no wildcard)', '_', []],
      ['a backslash', '\\', []],
    ];
    for (const [name, q, expected] of cases) {
      test(`by ${name}`, async () => {
        assert.deepEqual((await search(q)).sort(), expected.sort());
      });
    }

    test('a search that is not UTF-8 is 400, never a server error', async () => {
      for (const path of ['guests', 'reservations', 'rooms', 'properties', 'room-types', 'incidents']) {
        assertProblem(await t.req('GET', `/api/hotel/${path}?q=%FF%FE`), 400);
      }
    });

    test('pagination and sort', async () => {
      const page = await ok(t.req('GET', `/api/hotel/guests?q=${tag}&limit=2&page=2&sort=first_name`), 200, 'page 2');
      assert.equal(page.total, 4);
      assert.deepEqual(page.items.map((g) => g.first_name), ['Bjørn', 'Wei']);
      const desc = await ok(t.req('GET', `/api/hotel/guests?q=${tag}&limit=1&sort=-first_name`), 200, 'desc');
      assert.equal(desc.items[0].first_name, 'Wei');
      assertProblem(await t.req('GET', '/api/hotel/guests?sort=id_number'), 400);
    });
  });

  test('validation: names required, a valid email, bounded lengths', async () => {
    for (const [body, field] of [
      [{ last_name: 'X' }, 'first_name'],
      [{ first_name: 'X' }, 'last_name'],
      [{ first_name: '', last_name: 'X' }, 'first_name'],
      [{ first_name: 'X', last_name: 'Y', email: 'not-an-email' }, 'email'],
      [{ first_name: 'X', last_name: 'Y', phone: 'x'.repeat(41) }, 'phone'],
      [{ first_name: 42, last_name: 'Y' }, 'first_name'],
    ]) {
      const problem = assertProblem(await t.req('POST', '/api/hotel/guests', body), 422, 'validation_failed');
      assert.ok(problem.errors[field], `${JSON.stringify(body)}: ${JSON.stringify(problem.errors)}`);
    }
  });

  describe('export and erasure', () => {
    let guest;
    let stays;
    let payment;
    let incident;
    const secret = {
      first_name: 'Hedda',
      last_name: `Gabler${randomId(4)}`,
      email: `hedda.${randomId(4)}@private.test`,
      phone: `+47 9${Math.floor(1e6 + Math.random() * 8e6)}`,
      id_type: 'passport',
      id_number: `P${randomId(4).toUpperCase()}`,
      nationality: 'NO',
      notes: 'prefers a quiet room',
    };

    before(async () => {
      guest = await ok(t.req('POST', '/api/hotel/guests', secret), 201, 'guest');
      stays = [
        await book(t, s, { guest_id: guest.id, check_in_date: '2031-01-10', check_out_date: '2031-01-12' }),
        await book(t, s, { guest_id: guest.id, check_in_date: '2031-02-10', check_out_date: '2031-02-13' }, { 'idempotency-key': `g-${randomId(4)}` }),
      ];
      payment = await ok(
        t.req('POST', `/api/hotel/reservations/${stays[0].id}/payments`, { amount_minor: 15000, method: 'card' }),
        201,
        'payment',
      );
      await ok(t.req('POST', `/api/hotel/payments/${payment.id}/refund`, { amount_minor: 2000 }), 201, 'refund');
      await ok(t.req('POST', `/api/hotel/reservations/${stays[1].id}/payments`, { amount_minor: 100, method: 'cash' }), 201, 'payment 2');
      incident = await ok(
        t.req('POST', '/api/hotel/incidents', { title: 'Lost key card', category: 'security', severity: 'medium', guest_id: guest.id }),
        201,
        'incident',
      );
    });

    test('the export holds the guest, every reservation, payment and refund, and linked incidents', async () => {
      const out = await ok(t.req('GET', `/api/hotel/guests/${guest.id}/export`), 200, 'export');
      for (const [k, v] of Object.entries(secret)) assert.equal(out.guest[k], v, k);
      assert.deepEqual(out.reservations.map((r) => r.id).sort(), stays.map((r) => r.id).sort());
      assert.equal(out.payments.length, 3);
      assert.deepEqual(out.payments.map((p) => p.kind).sort(), ['payment', 'payment', 'refund']);
      assert.deepEqual((out.incidents ?? []).map((i) => i.id), [incident.id]);
      const exported = await ok(t.req('GET', `/api/hotel/audit-logs?action=guest.exported&resource_id=${guest.id}`), 200, 'audit');
      assert.equal(exported.total, 1, 'exporting personal data is audited');
    });

    test('erasure anonymises the guest everywhere and keeps reservations and payments', async () => {
      const before = await Promise.all(stays.map((r) => ok(t.req('GET', `/api/hotel/reservations/${r.id}`), 200, 'stay')));
      const erased = await ok(t.req('POST', `/api/hotel/guests/${guest.id}/erase`, {}), 200, 'erase');
      assert.equal(erased.erased, true);
      assert.ok(erased.erased_at);
      for (const k of ['email', 'phone', 'id_type', 'id_number', 'nationality', 'notes']) assert.equal(erased[k], null, k);
      assert.notEqual(erased.first_name, secret.first_name);
      assert.notEqual(erased.last_name, secret.last_name);

      // Reservations and money stay as they were.
      for (const b of before) {
        const now = await ok(t.req('GET', `/api/hotel/reservations/${b.id}`), 200, 'stay after erasure');
        assert.equal(now.guest_id, guest.id);
        assert.deepEqual([now.total, now.paid, now.balance, now.status], [b.total, b.paid, b.balance, b.status]);
        assert.ok(!JSON.stringify(now).includes(secret.last_name));
      }
      const pays = await ok(t.req('GET', `/api/hotel/reservations/${stays[0].id}/payments`), 200, 'payments');
      assert.equal(pays.items.length, 2);
      assert.deepEqual(pays.paid, { amount_minor: 13000, currency: 'EUR' });

      // Nobody finds the guest by what was erased.
      for (const q of [secret.last_name, secret.email, secret.phone]) assert.deepEqual(await search(q), [], q);
      const exp = await ok(t.req('GET', `/api/hotel/guests/${guest.id}/export`), 200, 'export after erasure');
      assert.equal(exp.reservations.length, 2);
      assert.equal(exp.payments.length, 3);

      // Nor does anyone reading the database: no table still holds the values.
      const dump = await databaseText();
      const leaks = [secret.last_name, secret.email, secret.phone, secret.id_number].filter((v) => dump.includes(v));
      assert.deepEqual(leaks, [], 'personal data left in the database after erasure');
      assert.ok(dump.includes(guest.id), 'the dump is real (it holds the guest id)');
    });

    test('erasing again is 409 and writes nothing; an erased guest cannot be edited', async () => {
      const g = await ok(t.req('GET', `/api/hotel/guests/${guest.id}`), 200, 'guest');
      assertProblem(await t.req('POST', `/api/hotel/guests/${guest.id}/erase`, {}), 409, 'guest_erased');
      assertProblem(await t.req('PATCH', `/api/hotel/guests/${guest.id}`, { version: g.version, first_name: 'Back' }), 409, 'guest_erased');
      const same = await ok(t.req('GET', `/api/hotel/guests/${guest.id}`), 200, 'guest');
      assert.equal(same.version, g.version);
      const audit = await ok(t.req('GET', `/api/hotel/audit-logs?action=guest.erased&resource_id=${guest.id}`), 200, 'audit');
      assert.equal(audit.total, 1, 'one erasure, one audit entry');
    });

    test('a guest with reservations cannot be deleted; one without can', async () => {
      assertProblem(await t.req('DELETE', `/api/hotel/guests/${guest.id}`), 409, 'guest_has_reservations');
      const lone = await ok(t.req('POST', '/api/hotel/guests', { first_name: 'Solo', last_name: 'Walker' }), 201, 'lone');
      assertStatus(await t.req('DELETE', `/api/hotel/guests/${lone.id}`), 204, 'delete');
      assertProblem(await t.req('GET', `/api/hotel/guests/${lone.id}`), 404);
    });
  });

  // Every row of every table as text (SQLite .dump; PostgreSQL pg_dump --data-only).
  async function databaseText() {
    if (!IS_POSTGRES) return server.sql('.dump');
    const { execFile } = await import('node:child_process');
    return new Promise((resolve, reject) =>
      execFile('pg_dump', ['--data-only', '-d', server.databaseUrl], { maxBuffer: 256 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`pg_dump: ${stderr || err.message}`)) : resolve(stdout),
      ),
    );
  }
});
