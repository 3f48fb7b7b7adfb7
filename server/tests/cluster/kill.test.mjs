// kill -9 of one of three instances behind nginx while clients write: every
// write the clients had acknowledged is there exactly once, and retrying an
// unanswered write with its Idempotency-Key never makes a second one.
//
// Each client books reservations one after another, each for a night of its
// own (so availability never refuses one) and with its own Idempotency-Key.
// A write that gets no answer from an instance (nginx's 502 when the
// instance died under it, a network error, or Keycard's 503) is sent again
// through nginx with the same key and body until an instance answers it.
// Mid-stream one instance is SIGKILLed; the load goes on over the other two.
// Afterwards the killed instance is started again on its port (same
// database and data dir) and nginx takes it back: all three read the same
// reservations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomId } from '../integration/lib/server.mjs';
import { assertStatus, loginOk } from '../integration/lib/api.mjs';
import { addDays, dateIn, hotelTenant, setupProperty } from '../integration/lib/hotel.mjs';
import { listAll } from '../integration/lib/platform.mjs';
import { startCluster, upstreamsTried } from './lib/cluster.mjs';

const CLIENTS = 6;
const WRITES_PER_CLIENT = 25; // 150 writes in all
const KILL_AFTER_ACKS = 45; // the kill fires at the 45th acknowledged write
const MAX_TRIES = 50; // per write: an instance answers long before
const VICTIM = 1;

describe('kill -9 of one instance under load', () => {
  let cluster;
  let t; // the tenant: {hotel, token}
  let s; // its property and room type
  let firstNight;

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
    firstNight = dateIn(s.property.timezone, 10);
  });
  after(async () => {
    await cluster?.stop();
  });

  // Sends one write through nginx until an instance answers it. Keycard's
  // answers are checked against docs/openapi.yaml; nginx's error pages are
  // not Keycard's and are only counted.
  async function write(w) {
    for (let i = 0; i < MAX_TRIES; i++) {
      const attempt = { n: i + 1 };
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
        killed = cluster.instances[VICTIM].kill();
      }
    }
  }

  test('SIGKILL of one instance mid-stream: every write is answered, each through one of the instances', async (ctx) => {
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    assert.ok(killed, 'the kill fired during the stream');
    assert.equal((await killed).signal, 'SIGKILL');
    for (const w of writes) {
      assert.equal(w.answer.status, 201, `write ${w.key}: ${JSON.stringify(w.answer)} after ${JSON.stringify(w.tries)}`);
    }
    const retried = writes.filter((w) => w.tries.length > 1);
    const failovers = writes.flatMap((w) => w.tries).filter((a) => a.failover).length;
    // The kill reached the stream: a write died with the instance (the client
    // retried it), or nginx moved a write that the dead instance refused on.
    assert.ok(retried.length + failovers > 0, 'the kill hit the stream');
    const gateway = writes.flatMap((w) => w.tries).filter((a) => a.status === 502 || a.status === 504).length;
    ctx.diagnostic(
      `killed instance ${VICTIM} at ack ${killedAtAck} with ${inFlightAtKill} writes in flight; ` +
        `${writes.length} writes, ${retried.length} retried by the client ` +
        `(${retried.map((w) => w.tries.length).join('/') || '-'} tries; ${gateway} gateway errors), ` +
        `${failovers} moved on by nginx to another instance`,
    );
    const answeredBy = [0, 1, 2].map((i) => writes.filter((w) => w.answer.instance === i).length);
    ctx.diagnostic(`answered by instance: ${answeredBy.join(', ')}`);
    // After the kill the two others answered.
    assert.ok(answeredBy[VICTIM] < writes.length, 'the others answered');
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
    await cluster.restart(VICTIM);
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
    const sample = writes.filter((_, i) => i % 5 === 0 || writes[i].tries.length > 1);
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
