// Three keycard instances behind nginx (docs/deploy/nginx.conf, round robin)
// on one PostgreSQL database, driven through nginx only (scripts/cluster-test
// starts nginx; lib/cluster.mjs the instances). What one instance does holds
// on the others from their next request: a login, a suspension, a role
// change; the database is the one queue (a report job runs once with six
// workers competing) and the one judge of a double booking; and the three
// starting together apply the migrations once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertProblem, assertStatus, loginOk, waitFor } from '../integration/lib/api.mjs';
import { addDays, dateIn, hotelTenant, ok, reservationBody, setupProperty } from '../integration/lib/hotel.mjs';
import { hotelStaff } from '../integration/lib/platform.mjs';
import { logEvents, postgresMigrationVersions, startCluster } from './lib/cluster.mjs';

describe('three instances behind nginx', () => {
  let cluster;
  let admin; // the platform admin's access token
  let h; // a hotel tenant with its logged-in manager

  before(async () => {
    cluster = await startCluster();
    admin = (await loginOk(cluster, cluster.admin.email, cluster.admin.password)).access_token;
    h = await hotelTenant(cluster, admin);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('started together on a fresh database, the three apply the migrations once', async () => {
    const versions = postgresMigrationVersions();
    assert.ok(versions.length > 0);
    const rows = await cluster.sql('SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version');
    assert.deepEqual(
      rows.split('\n').map((l) => l.split('|').map(Number)),
      versions.map((v) => [v, 1]),
      'schema_migrations holds each version once',
    );
    // Exactly one instance applied them (the others waited on the advisory lock, then found nothing to do).
    const outputs = cluster.started.map((s) => s.stdout);
    const applied = outputs.map((out) => logEvents(out, 'migrations_applied'));
    assert.equal(
      applied.filter((a) => a.length > 0).length,
      1,
      `one instance logged migrations_applied: ${JSON.stringify(applied)}`,
    );
    assert.deepEqual(applied.flat().map((e) => e.count), [versions.length]);
    // The bootstrap admin was made once, too (the others found it made).
    assert.equal(outputs.flatMap((out) => logEvents(out, 'bootstrap_admin_created')).length, 1);
    assert.equal(await cluster.sql(`SELECT count(*) FROM users WHERE email = '${cluster.admin.email}'`), '1');
    // And every instance reports the schema complete.
    const { first } = await cluster.onEach('GET', '/readyz');
    for (const r of first) {
      assert.deepEqual(assertStatus(r, 200).migrations, { applied: versions.at(-1), latest: versions.at(-1) });
    }
  });

  test('a login through one instance is a session on all three; request ids pass through nginx', async (t) => {
    const staff = await hotelStaff(cluster, h.token, ['front-desk']);
    const res = await cluster.request('POST', '/api/auth/login', { body: { email: staff.email, password: staff.password } });
    const pair = assertStatus(res, 200, 'login');
    const { answers, first } = await cluster.onEach('GET', '/api/auth/me', { token: pair.access_token });
    for (const r of answers.flat()) assert.equal(assertStatus(r, 200, 'me').id, staff.user.id);
    assert.deepEqual(
      first.map((r) => r.instance),
      [0, 1, 2],
      'the token logged in on one instance is accepted by each of the three',
    );
    t.diagnostic(`logged in on instance ${res.instance}`);
    // The refresh token too, on whichever instance gets it.
    const refreshed = await cluster.request('POST', '/api/auth/refresh', { body: { refresh_token: pair.refresh_token } });
    assertStatus(refreshed, 200, 'refresh');
    const again = await cluster.onEach('GET', '/api/hotel/reservations', { token: refreshed.json.access_token });
    for (const r of again.first) assertStatus(r, 200, 'the refreshed token on each instance');

    // X-Request-Id: the client's reaches the instance (which logs it and
    // answers with it); without one, nginx makes one.
    const rid = `cluster-${staff.user.id}`;
    const tagged = await cluster.request('GET', '/api/auth/me', { token: pair.access_token, headers: { 'x-request-id': rid } });
    assert.equal(tagged.headers.get('x-request-id'), rid);
    const logged = logEvents(cluster.instances[tagged.instance].stdout, 'request', { request_id: rid });
    assert.equal(logged.length, 1, `instance ${tagged.instance} logged request ${rid}`);
    assert.equal(logged[0].path, '/api/auth/me');
    const untagged = await cluster.request('GET', '/healthz');
    assert.match(untagged.headers.get('x-request-id') || '', /^[0-9a-f]{32}$/, "nginx's $request_id");
    // X-Forwarded-For: nginx appends the address it saw (127.0.0.1, a trusted
    // proxy here as the test client shares nginx's address), and the instance
    // records the right-most untrusted entry as the client.
    const rid2 = `${rid}-xff`;
    const forwarded = await cluster.request('GET', '/api/auth/me', {
      token: pair.access_token,
      headers: { 'x-request-id': rid2, 'x-forwarded-for': '203.0.113.9' },
    });
    assertStatus(forwarded, 200);
    const seen = logEvents(cluster.instances[forwarded.instance].stdout, 'request', { request_id: rid2 });
    assert.equal(seen[0]?.ip, '203.0.113.9', `the client address the instance logged: ${JSON.stringify(seen)}`);
    assert.equal(logged[0].ip, '127.0.0.1');
  });

  test('a hotel suspended through one instance is refused on the next request to each instance', async () => {
    const desk = await hotelStaff(cluster, h.token, ['front-desk']);
    // Each instance serves both users first (whatever it keeps is filled).
    for (const token of [h.token, desk.token]) {
      const { answers } = await cluster.onEach('GET', '/api/hotel/reservations', { token });
      for (const r of answers.flat()) assertStatus(r, 200, 'before the suspension');
    }
    const suspend = await cluster.request('POST', `/api/admin/hotels/${h.hotel.id}/status`, {
      token: admin,
      body: { status: 'SUSPENDED', reason: 'cluster test' },
    });
    assertStatus(suspend, 200, 'suspend');
    for (const token of [h.token, desk.token]) {
      const { answers, first } = await cluster.onEach('GET', '/api/hotel/reservations', { token });
      for (const r of answers.flat()) assertProblem(r, 403, 'tenant_inactive');
      assert.equal(first.length, 3);
    }
    const login = await cluster.onEach('POST', '/api/auth/login', { body: { email: desk.email, password: desk.password } });
    for (const r of login.answers.flat()) assertProblem(r, 403);

    const reactivate = await cluster.request('POST', `/api/admin/hotels/${h.hotel.id}/status`, {
      token: admin,
      body: { status: 'ACTIVE', reason: 'cluster test' },
    });
    assertStatus(reactivate, 200, 'reactivate');
    for (const token of [h.token, desk.token]) {
      const { answers } = await cluster.onEach('GET', '/api/hotel/reservations', { token });
      for (const r of answers.flat()) assertStatus(r, 200, 'after the reactivation');
    }
  });

  test("a role change through one instance holds on each instance's next request", async () => {
    const role = await ok(
      cluster.request('POST', '/api/hotel/roles', {
        token: h.token,
        body: { name: 'cluster-night', display_name: 'Night', permissions: ['hotel:guests:read', 'hotel:incidents:read'] },
      }),
      201,
      'custom role',
    );
    const member = await hotelStaff(cluster, h.token, [role.name]);
    const each = async (route, check) => {
      const { answers } = await cluster.onEach('GET', route, { token: member.token });
      for (const r of answers.flat()) check(r);
    };
    await each('/api/hotel/guests', (r) => assertStatus(r, 200, 'guests with the custom role'));
    await each('/api/hotel/incidents', (r) => assertStatus(r, 200, 'incidents with the custom role'));

    // A permission taken from the role.
    await ok(
      cluster.request('PATCH', `/api/hotel/roles/${role.id}`, {
        token: h.token,
        body: { permissions: ['hotel:incidents:read'], version: role.version },
      }),
      200,
      'take hotel:guests:read from the role',
    );
    await each('/api/hotel/guests', (r) => assertProblem(r, 403, 'missing_permission'));
    await each('/api/hotel/incidents', (r) => assertStatus(r, 200, 'incidents still'));

    // The member's roles changed.
    const current = await ok(cluster.request('GET', `/api/hotel/users/${member.user.id}`, { token: h.token }), 200, 'member');
    await ok(
      cluster.request('PATCH', `/api/hotel/users/${member.user.id}`, {
        token: h.token,
        body: { roles: ['front-desk'], version: current.version },
      }),
      200,
      'make the member Front Desk',
    );
    await each('/api/hotel/guests', (r) => assertStatus(r, 200, 'guests as Front Desk'));
    await each('/api/hotel/reservations', (r) => assertStatus(r, 200, 'reservations as Front Desk'));
  });

  test('report jobs queued through all three instances each run exactly once, six workers competing', async (t) => {
    const JOBS = 9;
    const today = dateIn('UTC');
    const queued = await Promise.all(
      Array.from({ length: JOBS }, () =>
        cluster.request('POST', '/api/hotel/reports/audit?async=true', {
          token: h.token,
          body: { format: 'csv', parameters: { from: today, to: today } },
        }),
      ),
    );
    const ids = queued.map((r) => assertStatus(r, 202, 'queue a job').job_id);
    assert.equal(new Set(ids).size, JOBS);
    assert.deepEqual([...new Set(queued.map((r) => r.instance))].sort(), [0, 1, 2], 'jobs were queued on each instance');

    const done = [];
    for (const id of ids) {
      done.push(
        await waitFor(`job ${id} done`, async () => {
          const j = assertStatus(await cluster.request('GET', `/api/hotel/reports/jobs/${id}`, { token: h.token }), 200);
          assert.notEqual(j.status, 'failed', `job ${id} failed: ${JSON.stringify(j)}`);
          return j.status === 'done' ? j : null;
        }),
      );
    }
    for (const j of done) {
      assert.equal(j.attempts, 1, `job ${j.id} was claimed once`);
      assert.ok(j.started_at && j.finished_at, `job ${j.id} has started_at and finished_at`);
    }
    // Each job was started and finished by one worker of one instance.
    const ranOn = [];
    for (const id of ids) {
      const started = cluster.started.map((s) => logEvents(s.stdout, 'report_job_started', { job_id: id }).length);
      const finished = cluster.started.map((s) => logEvents(s.stdout, 'report_job_done', { job_id: id }).length);
      assert.equal(started.reduce((a, b) => a + b), 1, `job ${id} started once over all instances: ${started}`);
      assert.equal(finished.reduce((a, b) => a + b), 1, `job ${id} done once over all instances: ${finished}`);
      ranOn.push(started.indexOf(1));
    }
    t.diagnostic(`queued on instances ${queued.map((r) => r.instance).join(',')}; ran on ${ranOn.join(',')}`);
    // One file per job in the shared data dir, none left half-written.
    const files = fs.readdirSync(path.join(cluster.dataDir, 'reports', h.hotel.id)).sort();
    assert.deepEqual(files, ids.map((id) => `${id}.csv`).sort(), 'one file per job');
    // Any instance serves any job's file.
    const { answers } = await cluster.onEach('GET', `/api/hotel/reports/jobs/${ids[0]}/file`, { token: h.token });
    const bodies = new Set(
      answers.flat().map((r) => {
        assertStatus(r, 200, 'file');
        return r.bytes.toString('base64');
      }),
    );
    assert.equal(bodies.size, 1, 'every instance serves the same file');
  });

  test('50 concurrent bookings of one room for one night, over the three instances, make one reservation', async (t) => {
    const s = await setupProperty(h, { rooms: 1 });
    const night = dateIn(s.property.timezone, 40);
    const body = reservationBody(s, { room_id: s.rooms[0].id, check_in_date: night, check_out_date: addDays(night, 1) });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => cluster.request('POST', '/api/hotel/reservations', { token: h.token, body })),
    );
    const created = answers.filter((r) => r.status === 201);
    assert.equal(created.length, 1, `one booking made: ${answers.map((r) => r.status).join(',')}`);
    for (const r of answers.filter((x) => x.status !== 201)) {
      const p = assertProblem(r, 409);
      assert.ok(['room_unavailable', 'no_availability'].includes(p.code), `409 code ${p.code}`);
    }
    assert.deepEqual([...new Set(answers.map((r) => r.instance))].sort(), [0, 1, 2], 'the bookings went to all three');
    const count = (i) => answers.filter((r) => r.instance === i).length;
    t.diagnostic(`bookings per instance: ${count(0)}, ${count(1)}, ${count(2)}; booked on ${created[0].instance}`);
    // Each instance reads the one reservation.
    const { first } = await cluster.onEach('GET', `/api/hotel/reservations?property_id=${s.property.id}`, {
      token: h.token,
    });
    for (const r of first) {
      const list = assertStatus(r, 200, 'reservations of the property');
      assert.equal(list.total, 1);
      assert.equal(list.items[0].id, created[0].json.id);
    }
    assert.equal(await cluster.sql(`SELECT count(*) FROM reservations WHERE property_id = '${s.property.id}'`), '1');
  });
});
