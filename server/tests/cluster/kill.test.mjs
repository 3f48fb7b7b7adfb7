// kill -9 of one of three instances behind nginx while clients write: every
// write the clients had acknowledged is there exactly once, and retrying an
// unanswered write with its Idempotency-Key never makes a second one.
//
// The hard case first: a create known to be open on the instance when it
// dies. A psql session holds the row lock of a room type that a booking of
// it takes first (SELECT ... FOR UPDATE on room_types, see
// hotel/reservations/service.cpp create()); one create of that room type is
// sent through nginx, and pg_stat_activity shows the backend serving it
// waiting for that lock, its application_name naming the instance nginx
// sent it to (lib/cluster.mjs: each instance has its own). That instance is
// the one killed, while the create still waits. Then the lock is released
// and the create is sent again with its key until an instance answers.
//
// Meanwhile, the load: each client books reservations (of another property)
// one after another, each for a night of its own (so availability never
// refuses one) and with its own Idempotency-Key. A write that gets no answer
// from an instance (nginx's 502 when the instance died under it, a network
// error, or Keycard's 503) is sent again through nginx with the same key and
// body until an instance answers it. Mid-stream the instance is SIGKILLed;
// the load goes on over the other two. Afterwards the killed instance is
// started again on its port (same database and data dir) and nginx takes it
// back: all three read the same reservations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomId } from '../integration/lib/server.mjs';
import { assertStatus, loginOk } from '../integration/lib/api.mjs';
import { addDays, dateIn, hotelTenant, setupProperty } from '../integration/lib/hotel.mjs';
import { listAll } from '../integration/lib/platform.mjs';
import { waitFor } from '../integration/lib/api.mjs';
import { holdLocks, instanceOfApplication, lockWaiters, startCluster, upstreamsTried } from './lib/cluster.mjs';

const CLIENTS = 6;
const WRITES_PER_CLIENT = 25; // 150 writes in all
const KILL_AFTER_ACKS = 45; // the kill fires at the 45th acknowledged write
const MAX_TRIES = 50; // per write: an instance answers long before
// Bounds, so that nothing can hang (no step waits this long when it works).
const STATE_WAIT_MS = 30_000; // a backend to wait for the lock, to end
const OPEN_WRITE_MS = 100_000; // the open create's exchange (below nginx's proxy_read_timeout)

describe('kill -9 of one instance under load', () => {
  let cluster;
  let t; // the tenant: {hotel, token}
  let s; // its property and room type: the load
  let p; // another property: the room type whose lock is held
  let firstNight;

  // The create held open on the instance that is killed (its first try), and
  // the instance: the one whose backend waited for the lock.
  let holder; // holdLocks(): the psql session holding the room type's row lock
  let open; // {key, body, tries, waiter: {pid, application_name}, first (promise), settled}
  let victim;

  // One entry per write: its key, body, every try, and the answer it got.
  const writes = [];
  let killed; // the kill's promise
  let acks = 0;
  let killedAtAck = -1;
  let inFlightAtKill = -1;
  let inFlight = 0;

  before(async () => {
    cluster = await startCluster({ name: 'kill' });
    const admin = (await loginOk(cluster, cluster.admin.email, cluster.admin.password)).access_token;
    t = await hotelTenant(cluster, admin);
    s = await setupProperty(t, { rooms: 1, rate: 9000 });
    p = await setupProperty(t, { rooms: 1, rate: 7000 });
    firstNight = dateIn(s.property.timezone, 10);
  });
  after(async () => {
    await holder?.kill();
    await cluster?.stop();
  });

  // The SIGKILL, once the open create still waits for the lock on the
  // victim, as the only waiter (the lock is held until after the kill, so it
  // cannot have moved on between this look and the signal).
  async function killVictim() {
    const waiters = await lockWaiters(cluster.databaseUrl, holder.pid);
    assert.deepEqual(
      waiters,
      [{ ...open.waiter, wait_event_type: 'Lock' }],
      'at the kill, the open create still waits for the lock on the victim',
    );
    assert.equal(open.settled, false, 'at the kill, the open create has no answer');
    open.waitingAtKill = true;
    return cluster.instances[victim].kill();
  }

  // Sends one write through nginx until an instance answers it. Keycard's
  // answers are checked against docs/openapi.yaml; nginx's error pages are
  // not Keycard's and are only counted.
  async function write(w) {
    for (let i = 0; i < MAX_TRIES; i++) {
      const attempt = { n: w.tries.length + 1 };
      w.tries.push(attempt);
      inFlight++;
      let res;
      try {
        res = await cluster.tryRequest('POST', '/api/hotel/reservations', {
          token: t.token,
          body: w.body,
          headers: { 'idempotency-key': w.key },
        });
      } catch (e) {
        // A connection to nginx that dropped: no answer either.
        if (!/fetch failed|socket|ECONNRESET/i.test(`${e.message} ${e.cause ?? ''}`)) throw e;
        attempt.error = e.message;
        continue;
      } finally {
        inFlight--;
      }
      attempt.status = res.status;
      attempt.failover = upstreamsTried(res) > 1;
      if (res.gateway || res.status === 503) continue;
      attempt.instance = res.instance;
      return res;
    }
    throw new Error(`write ${w.key} got no answer from any instance in ${MAX_TRIES} tries: ${JSON.stringify(w.tries)}`);
  }

  async function client(c) {
    for (let i = 0; i < WRITES_PER_CLIENT; i++) {
      const night = addDays(firstNight, i * CLIENTS + c);
      const w = {
        key: `cluster-kill-${c}-${i}-${randomId(3)}`,
        night,
        body: {
          property_id: s.property.id,
          room_type_id: s.roomType.id,
          guest_id: s.guest.id,
          check_in_date: night,
          check_out_date: addDays(night, 1),
          adults: 1,
        },
        tries: [],
      };
      writes.push(w);
      const res = await write(w);
      w.answer = { status: res.status, body: res.json, instance: res.instance };
      if (res.status === 201) acks++;
      if (!killed && acks >= KILL_AFTER_ACKS) {
        killedAtAck = acks;
        inFlightAtKill = inFlight;
        killed = killVictim();
        killed.catch(() => {}); // awaited after the stream
      }
    }
  }

  test('a create waits for a lock on one instance, SIGKILLed mid-stream: every write is answered', async (ctx) => {
    holder = await holdLocks(
      cluster.databaseUrl,
      `SELECT id FROM room_types WHERE id = '${p.roomType.id}' FOR UPDATE`,
    );
    const night = dateIn(p.property.timezone, 10);
    open = {
      key: `cluster-open-${randomId(4)}`,
      body: {
        property_id: p.property.id,
        room_type_id: p.roomType.id,
        guest_id: p.guest.id,
        check_in_date: night,
        check_out_date: addDays(night, 1),
        adults: 1,
      },
      tries: [],
      settled: false,
    };
    open.first = cluster
      .tryRequest('POST', '/api/hotel/reservations', {
        token: t.token,
        body: open.body,
        headers: { 'idempotency-key': open.key },
        signal: AbortSignal.timeout(OPEN_WRITE_MS),
      })
      .then(
        (res) => ({ status: res.status, gateway: res.gateway, instance: res.instance, text: res.text }),
        (e) => ({ error: `${e.name}: ${e.message} ${e.cause ?? ''}` }),
      )
      .finally(() => {
        open.settled = true;
      });
    // Nothing else books that room type: the one backend waiting for its
    // lock serves this create, on the instance its application_name names.
    const waiters = await waitFor(
      'the create waiting for the room type lock',
      async () => {
        assert.equal(open.settled, false, 'the create waits for the lock (it got no answer)');
        const w = await lockWaiters(cluster.databaseUrl, holder.pid);
        return w.length > 0 && w.every((x) => x.wait_event_type === 'Lock') ? w : undefined;
      },
      STATE_WAIT_MS,
    );
    assert.equal(waiters.length, 1, `one backend waits for the lock: ${JSON.stringify(waiters)}`);
    open.waiter = { pid: waiters[0].pid, application_name: waiters[0].application_name };
    victim = instanceOfApplication(open.waiter.application_name);

    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    assert.ok(killed, 'the kill fired during the stream');
    assert.equal((await killed).signal, 'SIGKILL');
    assert.equal(open.waitingAtKill, true);
    for (const w of writes) {
      assert.equal(w.answer.status, 201, `write ${w.key}: ${JSON.stringify(w.answer)} after ${JSON.stringify(w.tries)}`);
    }
    // The open create died with its instance: nginx's 502 (its upstream
    // connection reset), or the client's connection dropped.
    const first = await open.first;
    open.tries.push({ n: 1, ...first });
    assert.ok(
      first.gateway ? first.status === 502 : /fetch failed|socket|ECONNRESET/i.test(first.error ?? ''),
      `the create open on the killed instance failed to the client: ${JSON.stringify(first)}`,
    );

    const retried = writes.filter((w) => w.tries.length > 1);
    const failovers = writes.flatMap((w) => w.tries).filter((a) => a.failover).length;
    const gateway = writes.flatMap((w) => w.tries).filter((a) => a.status === 502 || a.status === 504).length;
    ctx.diagnostic(
      `killed instance ${victim} (backend ${open.waiter.pid} waiting for the lock; its create got ` +
        `${first.status ?? first.error}) at ack ${killedAtAck} with ${inFlightAtKill} writes of the load in flight; ` +
        `${writes.length} writes, ${retried.length} retried by the client ` +
        `(${retried.map((w) => w.tries.length).join('/') || '-'} tries; ${gateway} gateway errors), ` +
        `${failovers} moved on by nginx to another instance`,
    );
    const answeredBy = [0, 1, 2].map((i) => writes.filter((w) => w.answer.instance === i).length);
    ctx.diagnostic(`answered by instance: ${answeredBy.join(', ')}`);
    // After the kill the two others answered.
    assert.ok(answeredBy[victim] < writes.length, 'the others answered');
  });

  test('the create open on the killed instance: its retry makes the one reservation, it left nothing', async (ctx) => {
    assert.ok(open?.waitingAtKill, 'the create was open on the killed instance');
    // Its transaction outlived the instance: PostgreSQL finds the client gone
    // only when the backend next talks to it, after the lock.
    assert.deepEqual(
      await lockWaiters(cluster.databaseUrl, holder.pid),
      [{ ...open.waiter, wait_event_type: 'Lock' }],
      "the killed instance's transaction still waits for the lock",
    );
    await holder.release();
    // Retried with its key through nginx until an instance answers: one of
    // the two alive (the victim is still down).
    const res = await write(open);
    assert.equal(res.status, 201, `the retry: ${res.status} ${res.text.slice(0, 300)}`);
    assert.notEqual(res.instance, victim);
    open.answer = { status: res.status, body: res.json, instance: res.instance };
    // The victim's backend, with the lock free, finds its client gone and
    // ends; its transaction is rolled back.
    await waitFor(
      `the killed instance's backend ${open.waiter.pid} to end`,
      async () => (await cluster.sql(`SELECT count(*) FROM pg_stat_activity WHERE pid = ${open.waiter.pid}`)) === '0',
      STATE_WAIT_MS,
    );
    const rows = await cluster.sql(
      `SELECT id, check_in_date FROM reservations WHERE room_type_id = '${p.roomType.id}'`,
    );
    assert.deepEqual(
      rows.split('\n'),
      [`${res.json.id}|${open.body.check_in_date}`],
      'the one reservation of that room type is the retry\'s',
    );
    assert.equal(
      await cluster.sql(
        `SELECT count(*) || '|' || min(status_code) FROM idempotency_keys
          WHERE tenant_id = '${t.hotel.id}' AND idempotency_key = '${open.key}'`,
      ),
      '1|201',
      'one stored answer for the key',
    );
    // No audit record of a creation that did not happen.
    assert.equal(
      await cluster.sql(
        `SELECT count(*) FROM audit_logs
          WHERE action = 'reservation.created' AND strpos(changes, '${p.roomType.id}') > 0`,
      ),
      '1',
      'one reservation.created record for that room type',
    );
    ctx.diagnostic(`retry answered by instance ${res.instance} after ${open.tries.length} tries in all`);
  });

  test('every acknowledged write exists exactly once; no retry made a second one', async () => {
    assert.equal(writes.length, CLIENTS * WRITES_PER_CLIENT);
    const ids = writes.map((w) => w.answer.body.id);
    assert.equal(new Set(ids).size, writes.length, 'one reservation per write');
    for (const w of writes) {
      assert.equal(w.answer.body.check_in_date, w.night, `${w.key} booked its own night`);
    }
    const rows = await cluster.sql(
      `SELECT id, check_in_date FROM reservations WHERE property_id = '${s.property.id}' ORDER BY check_in_date`,
    );
    const stored = rows ? rows.split('\n').map((l) => l.split('|')) : [];
    assert.equal(stored.length, writes.length, 'the database holds exactly the acknowledged writes');
    assert.deepEqual(
      stored.map(([id]) => id).sort(),
      [...ids].sort(),
      'the stored reservations are the acknowledged ones',
    );
    assert.deepEqual(stored.map(([, night]) => night), writes.map((w) => w.night).sort(), 'one per night');
    const keys = await cluster.sql(
      `SELECT count(*) FROM idempotency_keys WHERE tenant_id = '${t.hotel.id}' AND idempotency_key LIKE 'cluster-kill-%'`,
    );
    assert.equal(Number(keys), writes.length, 'one stored answer per key');
  });

  test('the killed instance starts again on its port, nginx takes it back, and all three read the same writes', async () => {
    await cluster.restart(victim);
    const { first } = await cluster.onEach('GET', `/api/hotel/reservations?property_id=${s.property.id}&limit=1`, {
      token: t.token,
    });
    for (const r of first) assert.equal(assertStatus(r, 200, 'list').total, writes.length);
    const listed = await listAll(cluster, t.token, '/api/hotel/reservations', { property_id: s.property.id });
    assert.deepEqual(listed.map((r) => r.id).sort(), writes.map((w) => w.answer.body.id).sort());
    // The audit chain the four processes wrote verifies.
    const verify = assertStatus(
      await cluster.request('GET', '/api/admin/audit-logs/verify', {
        token: (await loginOk(cluster, cluster.admin.email, cluster.admin.password)).access_token,
      }),
      200,
    );
    assert.equal(verify.ok, true, JSON.stringify(verify));
  });

  test('each key replays its first answer on any instance and creates nothing', async () => {
    const sample = [open, ...writes.filter((_, i) => i % 5 === 0 || writes[i].tries.length > 1)];
    for (const w of sample) {
      const res = await cluster.request('POST', '/api/hotel/reservations', {
        token: t.token,
        body: w.body,
        headers: { 'idempotency-key': w.key },
      });
      assert.equal(res.status, 201, `replay of ${w.key}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.deepEqual(res.json, w.answer.body, `replay of ${w.key} answers the first body`);
    }
    assert.equal(
      await cluster.sql(`SELECT count(*) FROM reservations WHERE property_id = '${s.property.id}'`),
      String(writes.length),
    );
  });
});
