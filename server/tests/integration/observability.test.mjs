// What an operator watches: the API document served by the binary, the
// Prometheus metrics on their own listener (KEYCARD_METRICS_LISTEN, off by
// default), and one access-log line per request naming the request id, the
// tenant, the user, the route template, the status, the duration and the
// admin behind an impersonation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import YAML from 'yaml';
import { adminToken, assertStatus, login, waitFor } from './lib/api.mjs';
import { addDays, dateIn, hotelTenant, ok, reservationBody, setupProperty } from './lib/hotel.mjs';
import { impersonate } from './lib/platform.mjs';
import { SPEC_FILE } from './lib/openapi.mjs';
import { rawHttp, startServer } from './lib/server.mjs';

// Writes `chunks` on one connection and reads until the server closes it.
function exchange(port, chunks) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const received = [];
    sock.on('connect', () => {
      for (const c of chunks) sock.write(c);
    });
    sock.on('data', (d) => received.push(d));
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
    sock.setTimeout(15_000, () => sock.destroy(new Error('no answer within 15 s')));
  });
}

// Every JSON line the server logged.
const logLines = (server) =>
  `${server.stdout}\n${server.stderr}`
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return null;
      }
    })
    .filter(Boolean);

// The Prometheus text format, read into {name -> [{labels, value}]}; fails
// on a line that is not a comment, a blank or a sample.
function parseMetrics(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.eE+-]+|\+Inf|NaN)$/.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${line}`);
    const labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    if (!out.has(m[1])) out.set(m[1], []);
    out.get(m[1]).push({ labels, value: Number(m[3]) });
  }
  return out;
}

const sampleValue = (metrics, name, labels = {}) =>
  (metrics.get(name) ?? [])
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('the API document, served', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { KEYCARD_LOG_LEVEL: 'info' } });
  });
  after(async () => server?.stop());

  test('GET /api/openapi.yaml is docs/openapi.yaml as built, byte for byte', async () => {
    const res = await server.request('GET', '/api/openapi.yaml');
    assertStatus(res, 200);
    assert.match(res.headers.get('content-type'), /^application\/yaml/);
    assert.equal(res.text, fs.readFileSync(SPEC_FILE, 'utf8'));
  });

  test('GET /api/openapi.json is the same document as JSON (YAML 1.2 scalars)', async () => {
    const res = await server.request('GET', '/api/openapi.json');
    assertStatus(res, 200);
    assert.deepEqual(res.json, YAML.parse(fs.readFileSync(SPEC_FILE, 'utf8')));
  });

  test('GET /api/docs is the reference page, loading Swagger UI from this server', async () => {
    const res = await server.request('GET', '/api/docs');
    assertStatus(res, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const sources = [...res.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(sources.includes('/api-docs/swagger-ui-bundle.js'), sources.join(' '));
    assert.ok(sources.includes('/api-docs/init.js'));
    assert.ok(
      sources.every((s) => s.startsWith('/')),
      `nothing from another origin: ${sources.join(' ')}`,
    );
  });

  test('the metrics listener is off by default, and /metrics is not on the API listener', async () => {
    assert.ok(!logLines(server).some((l) => l.event === 'metrics_listening'));
    const res = await server.request('GET', '/metrics');
    assert.equal(res.status, 404);
  });
});

describe('metrics and the access log', () => {
  let server;
  let metricsUrl;
  let admin;
  let A;
  let s;
  const scrape = async () => {
    const res = await fetch(metricsUrl);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    return parseMetrics(await res.text());
  };

  before(async () => {
    // info: the access log is what this suite reads.
    server = await startServer({
      env: { KEYCARD_METRICS_LISTEN: '127.0.0.1:0', KEYCARD_REPORT_SYNC_ROWS: '1', KEYCARD_LOG_LEVEL: 'info' },
    });
    const line = await waitFor('the metrics listener', () => logLines(server).find((l) => l.event === 'metrics_listening'), 20_000);
    metricsUrl = line.url;
    admin = await adminToken(server);
    A = await hotelTenant(server, admin);
    s = await setupProperty(A, { rooms: 2 });
  });
  after(async () => server?.stop());

  test('requests are counted by method, route template and status, as a latency histogram', async () => {
    const route = '/api/hotel/rooms/{id}';
    const before = sampleValue(await scrape(), 'keycard_http_request_duration_seconds_count', { method: 'GET', route, status: '200' });
    for (const room of s.rooms) await ok(A.req('GET', `/api/hotel/rooms/${room.id}`), 200, 'room');
    const m = await scrape();
    assert.equal(sampleValue(m, 'keycard_http_request_duration_seconds_count', { method: 'GET', route, status: '200' }), before + 2);
    // The buckets are cumulative and end at +Inf == count.
    const buckets = m
      .get('keycard_http_request_duration_seconds_bucket')
      .filter((x) => x.labels.route === route && x.labels.method === 'GET' && x.labels.status === '200');
    assert.equal(buckets.at(-1).labels.le, '+Inf');
    assert.equal(buckets.at(-1).value, before + 2);
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative buckets');
    // A path no route has is one series, whatever the path.
    await server.request('GET', '/api/no/such/thing');
    await server.request('GET', '/api/nor/this/one');
    const counts = (await scrape()).get('keycard_http_request_duration_seconds_count');
    assert.ok(counts.some((x) => x.labels.route === 'unmatched' && x.labels.status === '404'));
    assert.ok(!counts.some((x) => /such|nor/.test(x.labels.route)), 'no series named after a path');
  });

  test('in flight, the pool, and transactions by outcome', async () => {
    const m0 = await scrape();
    await ok(A.req('POST', '/api/hotel/guests', { first_name: 'Metric', last_name: 'Counted' }), 201, 'guest');
    // A refused write is a rolled-back transaction: the second booking of one room for one night.
    const night = dateIn(s.property.timezone, 30);
    const body = reservationBody(s, { room_id: s.rooms[0].id, check_in_date: night, check_out_date: addDays(night, 1) });
    await ok(A.req('POST', '/api/hotel/reservations', body), 201, 'booking');
    assert.equal((await A.req('POST', '/api/hotel/reservations', body)).status, 409);
    // Scrapes run on the metrics listener: with the API idle, nothing is in flight or lent out.
    const m = await waitFor('the API to be idle', async () => {
      const now = await scrape();
      return sampleValue(now, 'keycard_db_pool_in_use') === 0 ? now : null;
    });
    assert.equal(sampleValue(m, 'keycard_http_requests_in_flight'), 0, 'no request in flight between scrapes');
    assert.ok(sampleValue(m, 'keycard_db_pool_size') >= 1);
    assert.ok(sampleValue(m, 'keycard_db_pool_open') >= 1);
    assert.ok(sampleValue(m, 'keycard_db_pool_open') <= sampleValue(m, 'keycard_db_pool_size'));
    assert.ok(
      sampleValue(m, 'keycard_db_transactions_total', { outcome: 'rollback' }) >
        sampleValue(m0, 'keycard_db_transactions_total', { outcome: 'rollback' }),
      'the refused booking rolled back',
    );
    assert.ok(sampleValue(m, 'keycard_db_pool_wait_seconds_count') > sampleValue(m0, 'keycard_db_pool_wait_seconds_count'));
    assert.ok(
      sampleValue(m, 'keycard_db_transactions_total', { outcome: 'commit' }) >
        sampleValue(m0, 'keycard_db_transactions_total', { outcome: 'commit' }),
    );
    for (const outcome of ['commit', 'rollback', 'retry']) {
      assert.ok(m.get('keycard_db_transactions_total').some((x) => x.labels.outcome === outcome), outcome);
    }
    assert.ok(m.get('keycard_build_info')[0].labels.version);
  });

  test('login failures and throttles are counted by reason', async () => {
    const m0 = await scrape();
    const email = A.manager.email;
    let throttled = false;
    for (let i = 0; i < 10 && !throttled; i++) {
      const res = await login(server, email, 'not-the-password-at-all');
      throttled = res.status === 429;
    }
    assert.ok(throttled, 'the account throttle answered 429');
    const m = await scrape();
    assert.ok(
      sampleValue(m, 'keycard_auth_login_failures_total', { reason: 'invalid_credentials' }) >=
        sampleValue(m0, 'keycard_auth_login_failures_total', { reason: 'invalid_credentials' }) + 1,
    );
    assert.ok(sampleValue(m, 'keycard_auth_login_throttled_total') > sampleValue(m0, 'keycard_auth_login_throttled_total'));
  });

  test('report jobs are counted by status', async () => {
    const res = await A.req('POST', '/api/hotel/reports/reservations?async=true', {
      format: 'csv',
      parameters: { from: dateIn(s.property.timezone, 0), to: dateIn(s.property.timezone, 7) },
    });
    const job = assertStatus(res, 202, 'report job');
    await waitFor('the job to finish', async () => {
      const j = assertStatus(await A.req('GET', `/api/hotel/reports/jobs/${job.job_id}`), 200);
      return ['done', 'failed'].includes(j.status) ? j : null;
    });
    // The worker counts a job right after its commit: wait for the count.
    const m = await waitFor('the job counted', async () => {
      const now = await scrape();
      return sampleValue(now, 'keycard_report_jobs_total', { status: 'succeeded' }) >= 1 ? now : null;
    });
    assert.ok(sampleValue(m, 'keycard_report_jobs_total', { status: 'started' }) >= 1);
    assert.equal(sampleValue(m, 'keycard_report_jobs_total', { status: 'failed' }), 0);
  });

  test('the metrics listener serves /metrics only; HEAD sends the head without the body', async () => {
    const base = new URL(metricsUrl).origin;
    assert.equal((await fetch(`${base}/api/auth/me`)).status, 404);
    assert.equal((await fetch(metricsUrl, { method: 'POST' })).status, 405);
    // HEAD then GET on one connection: the second answer must start right
    // after the first one's head (a body after a HEAD answer breaks the framing).
    const text = await exchange(Number(new URL(metricsUrl).port), [
      'HEAD /metrics HTTP/1.1\r\nHost: m\r\n\r\n',
      'GET /metrics HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n',
    ]);
    const headEnd = text.indexOf('\r\n\r\n');
    assert.match(text.slice(0, headEnd), /^HTTP\/1\.1 200 /);
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(text.slice(0, headEnd))[1]);
    assert.ok(length > 0, 'HEAD announces the length of the GET body');
    assert.match(text.slice(headEnd + 4), /^HTTP\/1\.1 200 /, 'the GET answer follows the HEAD head at once');
  });

  test('answers of the HTTP layer itself are counted by status', async () => {
    const m0 = await scrape();
    const res = await rawHttp(server.port, ['NOT A REQUEST\r\n\r\n']);
    assert.equal(res.status, 400);
    const m = await scrape();
    assert.equal(
      sampleValue(m, 'keycard_http_transport_refusals_total', { status: '400' }),
      sampleValue(m0, 'keycard_http_transport_refusals_total', { status: '400' }) + 1,
    );
  });

  test('a log line per request: request id, tenant, user, route template, status, duration', async () => {
    const rid = `ops-${Date.now()}`;
    const room = s.rooms[0];
    const res = await A.req('GET', `/api/hotel/rooms/${room.id}`, undefined, { 'x-request-id': rid });
    assert.equal(res.headers.get('x-request-id'), rid, 'a valid X-Request-Id is echoed');
    const line = await waitFor('the log line', () => logLines(server).find((l) => l.event === 'request' && l.request_id === rid));
    assert.equal(line.route, '/api/hotel/rooms/{id}');
    assert.equal(line.path, `/api/hotel/rooms/${room.id}`);
    assert.equal(line.status, 200);
    assert.equal(line.tenant_id, A.hotel.id);
    assert.equal(line.user_id, A.managerId);
    assert.equal(typeof line.duration_ms, 'number');
    assert.equal(line.impersonated_by, undefined);

    // An invalid id (too long, or with characters outside [A-Za-z0-9._-]) is replaced.
    for (const bad of ['x'.repeat(129), 'two words']) {
      const r = await A.req('GET', `/api/hotel/rooms/${room.id}`, undefined, { 'x-request-id': bad });
      const echoed = r.headers.get('x-request-id');
      assert.notEqual(echoed, bad);
      assert.match(echoed, /^[0-9a-f-]{36}$/);
    }
  });

  test('a request made under impersonation logs the admin behind it', async () => {
    const imp = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: 'observability check' });
    const rid = `imp-${Date.now()}`;
    const res = await server.request('GET', '/api/hotel/rooms', { token: imp.access_token, headers: { 'x-request-id': rid } });
    assertStatus(res, 200);
    const line = await waitFor('the log line', () => logLines(server).find((l) => l.event === 'request' && l.request_id === rid));
    assert.equal(line.tenant_id, A.hotel.id);
    assert.equal(line.route, '/api/hotel/rooms');
    const me = assertStatus(await server.request('GET', '/api/auth/me', { token: admin }), 200);
    assert.equal(line.impersonated_by, me.user?.id ?? me.id, 'impersonated_by names the admin');
  });
});

describe('the metrics listener answers when the API listener is full', () => {
  let server;
  let metricsUrl;
  const sockets = [];
  before(async () => {
    server = await startServer({
      env: { KEYCARD_METRICS_LISTEN: '127.0.0.1:0', KEYCARD_MAX_CONNECTIONS: '4', KEYCARD_READ_TIMEOUT: '120',
        KEYCARD_LOG_LEVEL: 'info' },
    });
    metricsUrl = (await waitFor('the metrics listener', () => logLines(server).find((l) => l.event === 'metrics_listening'), 20_000)).url;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await server?.stop();
  });

  test('past KEYCARD_MAX_CONNECTIONS the API refuses and /metrics still answers', async () => {
    const open = async () => sampleValue(parseMetrics(await (await fetch(metricsUrl)).text()), 'keycard_http_connections_open');
    // Idle connections until the API listener holds its cap (a state read
    // from the metrics: each new one is counted, or refused and closed).
    for (let i = 0; i < 8 && (await open()) < 4; i++) {
      const before = await open();
      const s = net.connect(server.port, '127.0.0.1');
      let refused = false;
      s.on('error', () => {});
      s.on('data', () => (refused = true));
      s.on('close', () => (refused = true));
      sockets.push(s);
      await new Promise((r) => s.once('connect', r));
      await waitFor('the connection counted or refused', async () => refused || (await open()) > before);
    }
    assert.equal(await open(), 4, 'the API listener is full');
    const refused = await rawHttp(server.port, ['GET /healthz HTTP/1.1\r\nHost: k\r\n\r\n']);
    assert.equal(refused.status, 503);
    const res = await fetch(metricsUrl);
    assert.equal(res.status, 200);
    const m = parseMetrics(await res.text());
    assert.ok(sampleValue(m, 'keycard_http_transport_refusals_total', { status: '503' }) >= 1);
  });
});
