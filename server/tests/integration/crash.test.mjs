// Crash durability: four clients write guests, reservations and payments; the
// server is SIGKILLed while requests are in flight and started again on the
// same database and data dir. Every write that got a 2xx answer must be there
// afterwards, every acknowledged Idempotency-Key must replay its first answer,
// a request that died with the server must apply at most once when retried
// with its key, and the audit chain must verify. Runs on the backend that
// KEYCARD_TEST_BACKEND names (lib/server.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, randomId, startServer } from './lib/server.mjs';
import { adminToken, assertStatus } from './lib/api.mjs';
import { addDays, dateIn, hotelTenant, ok, setupProperty } from './lib/hotel.mjs';
import { keycardCli } from './lib/platform.mjs';

const CLIENTS = 4;
// The load's bounds: a client stops after MAX_OPS write requests, and the kill
// fires at the first answer after every client has MIN_ACKS acknowledged
// writes or LOAD_MS have passed, whichever comes first. The load therefore
// ends with the kill, about LOAD_MS in at the latest.
const MAX_OPS = 600;
const MIN_ACKS = 100;
const LOAD_MS = 3000;
const READ_PARALLEL = 4;

// Runs fn over items, `width` at a time.
async function eachLimited(items, width, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

// Every page of a list route (limit 100).
async function listAll(req, route) {
  const items = [];
  for (let page = 1; ; page++) {
    const sep = route.includes('?') ? '&' : '?';
    const body = await ok(req('GET', `${route}${sep}limit=100&page=${page}`), 200, `list ${route}`);
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return { items, total: body.total };
  }
}

describe('crash durability (kill -9 mid-load)', () => {
  let server; // the first process, SIGKILLed
  let again; // the process started on the same database afterwards
  let t; // the tenant: {hotel, token, req}
  let s; // its property, room type and rooms
  let firstNight;

  // What the load saw. `acked`: writes answered 2xx, with what is needed to
  // read them back and to replay their key. `lost`: writes whose request was
  // sent but never answered because the server died.
  const acked = { guests: [], reservations: [], payments: [] };
  const lost = { guests: [], reservations: [], payments: [] };
  const refused = []; // non-2xx answers or errors before the kill: none expected
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killedAfterMs = -1;
  let killed; // the kill's promise, set once

  const request = (method, path, body, headers) => t.req(method, path, body, headers);
  const againReq = (method, path, body, headers = {}) =>
    again.request(method, path, { token: t.token, body, headers });

  before(async () => {
    server = await startServer();
    t = await hotelTenant(server, await adminToken(server));
    s = await setupProperty(t, { rooms: 1, rate: 12000 });
    firstNight = dateIn(s.property.timezone, 10);
  });
  after(async () => {
    await server?.stop();
  });

  // One client: guest, then a reservation of that guest with an
  // Idempotency-Key, then a payment on it with another key, until the server
  // dies or MAX_OPS writes were sent. Each reservation books its own night of
  // the one-room type, so none is refused for availability.
  async function client(c, startedAt, ackCount) {
    let ops = 0;
    const write = async (kind, path, body, key) => {
      ops++;
      const headers = key ? { 'idempotency-key': key } : {};
      const sent = { path, body, key };
      inFlight++;
      let res;
      try {
        res = await request('POST', path, body, headers);
      } catch (e) {
        if (killed) {
          lost[kind].push(sent);
          return null;
        }
        refused.push(`${kind} ${path}: ${e.message}`);
        return null;
      } finally {
        inFlight--;
      }
      if (res.status !== 201) {
        refused.push(`${kind} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
        return null;
      }
      acked[kind].push({ ...sent, status: res.status, answer: res.json });
      ackCount[c]++;
      // Decided right after an answer: the other clients' requests are out.
      if (
        !killed &&
        inFlight > 0 &&
        (ackCount.every((n) => n >= MIN_ACKS) || Date.now() - startedAt >= LOAD_MS)
      ) {
        inFlightAtKill = inFlight;
        killedAfterMs = Date.now() - startedAt;
        killed = server.kill();
      }
      return res.json;
    };
    for (let i = 0; ops < MAX_OPS && !killed && refused.length === 0; i++) {
      const tag = `c${c}-${i}-${randomId(3)}`;
      const guest = await write('guests', '/api/hotel/guests', {
        first_name: 'Crash',
        last_name: `Guest ${tag}`,
        email: `crash-${tag}@guest.test`,
      });
      if (!guest) break;
      const night = addDays(firstNight, i * CLIENTS + c);
      const reservation = await write(
        'reservations',
        '/api/hotel/reservations',
        {
          property_id: s.property.id,
          room_type_id: s.roomType.id,
          guest_id: guest.id,
          check_in_date: night,
          check_out_date: addDays(night, 1),
          adults: 1,
        },
        `crash-res-${tag}`,
      );
      if (!reservation) break;
      const payment = await write(
        'payments',
        `/api/hotel/reservations/${reservation.id}/payments`,
        { amount_minor: 1000 + i, method: 'card', reference: `crash ${tag}` },
        `crash-pay-${tag}`,
      );
      if (!payment) break;
    }
  }

  test('SIGKILL under load from 4 clients; a new process on the same database starts with no manual step', async (ctx) => {
    const startedAt = Date.now();
    const ackCount = new Array(CLIENTS).fill(0);
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c, startedAt, ackCount)));
    assert.deepEqual(refused, [], 'every write before the kill is answered 201');
    assert.ok(killed, `the kill fired during the load (acks per client: ${ackCount.join(', ')})`);
    const exit = await killed;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(inFlightAtKill >= 1, 'requests were in flight at the kill');
    assert.ok(ackCount.every((n) => n >= 1), `every client got writes acknowledged: ${ackCount.join(', ')}`);

    if (!IS_POSTGRES) {
      // The crash left a write-ahead log behind: the restart below recovers it.
      const file = server.databaseUrl.replace(/^sqlite:/, '');
      assert.ok(fs.statSync(`${file}-wal`).size > 0, 'the SQLite WAL file is left by the crash');
    }

    // The audit chain verifies on the crashed database itself, before any
    // server touched it again.
    const cli = await keycardCli(server, ['audit', 'verify']);
    assert.equal(cli.code, 0, `keycard audit verify after the crash: ${cli.stdout}${cli.stderr}`);
    assert.match(cli.stdout, /audit trail intact/);

    // startAnother waits for /readyz 200 on the same database and data dir.
    again = await server.startAnother();
    const ready = await again.request('GET', '/readyz');
    assert.equal(ready.status, 200, `readyz after the crash: ${ready.text}`);
    assertStatus(await again.request('GET', '/healthz'), 200, 'healthz');

    const n = (o) => Object.values(o).reduce((sum, list) => sum + list.length, 0);
    ctx.diagnostic(
      `killed after ${killedAfterMs} ms with ${inFlightAtKill} requests in flight; acknowledged ${n(acked)} ` +
        `(guests ${acked.guests.length}, reservations ${acked.reservations.length}, ` +
        `payments ${acked.payments.length}); unanswered ${n(lost)}`,
    );
  });

  test('every acknowledged write reads back as it was answered', async () => {
    assert.ok(again, 'the server was started again');
    await eachLimited(acked.guests, READ_PARALLEL, async (g) => {
      const got = await ok(againReq('GET', `/api/hotel/guests/${g.answer.id}`), 200, `guest ${g.answer.id}`);
      for (const k of ['id', 'first_name', 'last_name', 'email']) assert.equal(got[k], g.answer[k], `guest ${k}`);
    });
    await eachLimited(acked.reservations, READ_PARALLEL, async (r) => {
      const got = await ok(againReq('GET', `/api/hotel/reservations/${r.answer.id}`), 200, `reservation ${r.answer.id}`);
      for (const k of ['id', 'confirmation_number', 'guest_id', 'room_type_id', 'check_in_date', 'check_out_date']) {
        assert.deepEqual(got[k], r.answer[k], `reservation ${k}`);
      }
    });
    const byReservation = new Map();
    for (const p of acked.payments) byReservation.set(p.path, p);
    await eachLimited([...byReservation.values()], READ_PARALLEL, async (p) => {
      const got = await ok(againReq('GET', p.path), 200, `payments of ${p.path}`);
      assert.ok(Array.isArray(got.items), `payments list of ${p.path}: ${JSON.stringify(got).slice(0, 300)}`);
      const row = got.items.find((x) => x.id === p.answer.id);
      assert.ok(row, `payment ${p.answer.id} is listed on its reservation`);
      assert.equal(row.amount_minor, p.body.amount_minor);
    });
    // Nothing acknowledged is missing from the lists either.
    const guests = await listAll(againReq, '/api/hotel/guests');
    const listedGuests = new Set(guests.items.map((g) => g.id));
    for (const g of acked.guests) assert.ok(listedGuests.has(g.answer.id), `guest ${g.answer.id} is listed`);
    // At most the unanswered guest creations came on top (plus the setup's one guest).
    assert.ok(guests.total >= acked.guests.length + 1);
    assert.ok(guests.total <= acked.guests.length + lost.guests.length + 1, `guests total ${guests.total}`);
  });

  test('every acknowledged Idempotency-Key replays its first answer after the restart', async () => {
    const keyed = [...acked.reservations, ...acked.payments];
    assert.ok(keyed.length > 0);
    await eachLimited(keyed, READ_PARALLEL, async (w) => {
      const res = await againReq('POST', w.path, w.body, { 'idempotency-key': w.key });
      assert.equal(res.status, w.status, `replay of ${w.key}: ${res.status} ${res.text.slice(0, 300)}`);
      assert.deepEqual(res.json, w.answer, `replay of ${w.key} answers the first body`);
    });
  });

  test('a keyed write that died with the server applies exactly once when retried', async () => {
    const keyedLost = [...lost.reservations, ...lost.payments];
    await eachLimited(keyedLost, READ_PARALLEL, async (w) => {
      const first = await againReq('POST', w.path, w.body, { 'idempotency-key': w.key });
      assert.equal(first.status, 201, `retry of ${w.key}: ${first.status} ${first.text.slice(0, 300)}`);
      const second = await againReq('POST', w.path, w.body, { 'idempotency-key': w.key });
      assert.equal(second.status, 201);
      assert.deepEqual(second.json, first.json, `second retry of ${w.key} replays`);
    });
    // Committed before the kill or created by the retry, never both: the
    // counts are exactly the acknowledged writes plus the retried ones.
    const reservations = await listAll(againReq, '/api/hotel/reservations');
    assert.equal(reservations.total, acked.reservations.length + lost.reservations.length, 'reservations total');
    const payments = await listAll(againReq, '/api/hotel/payments?kind=payment');
    assert.equal(payments.total, acked.payments.length + lost.payments.length, 'payments total');
  });

  test('keycard audit verify reports an intact chain covering every acknowledged write', async () => {
    const cli = await keycardCli(again, ['audit', 'verify']);
    assert.equal(cli.code, 0, `keycard audit verify: ${cli.stdout}${cli.stderr}`);
    const m = /audit trail intact: (\d+) entries checked/.exec(cli.stdout);
    assert.ok(m, cli.stdout);
    // One entry per acknowledged write at least (plus the setup's and the retries').
    const writes = acked.guests.length + acked.reservations.length + acked.payments.length;
    assert.ok(Number(m[1]) >= writes, `${m[1]} entries checked for ${writes} acknowledged writes`);
  });
});
