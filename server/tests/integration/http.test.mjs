// The HTTP layer as a client sees it: keep-alive, slow and idle clients,
// the access log, and a graceful shutdown that lets in-flight requests finish.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { adminToken, createHotel, loginOk } from './lib/api.mjs';
import { startServer } from './lib/server.mjs';

// GET over a node:http agent; resolves {status, reusedSocket, body}.
function agentGet(server, agent, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, reusedSocket: req.reusedSocket, body }));
    });
    req.on('error', reject);
  });
}

// Opens a TCP connection, writes `text`, and resolves with what the server
// sent and whether it closed the connection within `waitMs`.
function openAndWait(port, text, waitMs) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    sock.setEncoding('latin1');
    sock.on('connect', () => {
      if (text) sock.write(text);
    });
    sock.on('data', (d) => (received += d));
    sock.on('error', () => {});
    sock.on('close', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ closed, received });
    });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ closed, received });
    }, waitMs);
  });
}

// The JSON log lines a server printed (stdout and stderr).
function logLines(server) {
  const out = [];
  for (const line of `${server.stdout}\n${server.stderr}`.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      out.push(JSON.parse(t));
    } catch {
      /* not a JSON line */
    }
  }
  return out;
}

describe('HTTP layer', () => {
  let server;
  before(async () => {
    server = await startServer({
      env: { KEYCARD_LOG_LEVEL: 'info', KEYCARD_READ_TIMEOUT: '2', KEYCARD_IDLE_TIMEOUT: '3' },
    });
  });
  after(async () => {
    await server?.stop();
  });

  test('keep-alive: several requests travel over one connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await agentGet(server, agent, '/healthz');
      const second = await agentGet(server, agent, '/readyz');
      const third = await agentGet(server, agent, '/api/auth/me');
      assert.equal(first.status, 200);
      assert.equal(first.reusedSocket, false);
      assert.equal(second.status, 200);
      assert.equal(second.reusedSocket, true, 'the second request reuses the connection');
      assert.equal(third.status, 401, 'an error answer keeps the connection too');
      assert.equal(third.reusedSocket, true);
    } finally {
      agent.destroy();
    }
  });

  test('a 400 to a whole message keeps the connection: the next request on it is answered', async () => {
    const bad = '{"email": ';
    const bytes =
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(bad)}\r\n\r\n${bad}` +
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    // The server closes after the second answer (Connection: close).
    const r = await openAndWait(server.port, bytes, 10_000);
    assert.equal(r.closed, true, 'the server closed after the second answer');
    const answers = r.received.split(/(?=HTTP\/1\.1 \d{3} )/);
    assert.equal(answers.length, 2, r.received);
    assert.match(answers[0], /^HTTP\/1\.1 400 /);
    assert.doesNotMatch(answers[0], /\r\nConnection: close\r\n/i, 'the 400 keeps the connection');
    assert.match(answers[1], /^HTTP\/1\.1 200 /);
  });

  test('a client that sends half a request head is cut off after the read timeout', async () => {
    // KEYCARD_READ_TIMEOUT=2: the head must be complete within 2 s.
    const r = await openAndWait(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 10_000);
    assert.equal(r.closed, true, 'the server closed the connection');
    assert.ok(!r.received.startsWith('HTTP/1.1 200'), 'no answer to an incomplete request');
  });

  test('a client that trickles its head byte by byte is cut off too', async () => {
    const sock = net.connect(server.port, '127.0.0.1');
    const head = 'GET /healthz HTTP/1.1\r\nHost: example\r\nX-Padding: ' + 'a'.repeat(40) + '\r\n\r\n';
    let closed = false;
    let received = '';
    sock.on('data', (d) => (received += d));
    sock.on('error', () => {});
    const closedAt = new Promise((resolve) => sock.on('close', () => resolve((closed = true))));
    await new Promise((r) => sock.on('connect', r));
    // One byte every 250 ms: the whole head would take > 15 s.
    for (let i = 0; i < head.length && !closed; i++) {
      sock.write(head[i]);
      await new Promise((r) => setTimeout(r, 250));
    }
    await Promise.race([closedAt, new Promise((r) => setTimeout(r, 2000))]);
    sock.destroy();
    assert.equal(closed, true, 'the server closed the trickling connection');
    assert.ok(!received.includes('200 OK'), 'the trickled request was not served');
  });

  test('an idle keep-alive connection is closed after the idle timeout', async () => {
    const r = await openAndWait(server.port, '', 15_000);
    assert.equal(r.closed, true, 'the idle connection was closed by the server');
    assert.equal(r.received, '');
  });

  test('one JSON access-log line per request, with request id, user, tenant, status and duration', async () => {
    const admin = await adminToken(server);
    const { manager } = await createHotel(server, admin);
    const { access_token: token, user } = await loginOk(server, manager.email, manager.password);
    const rid = `it-log-${Date.now()}`;
    const res = await server.request('GET', '/api/auth/me', { token, headers: { 'X-Request-Id': rid } });
    assert.equal(res.status, 200, res.text);
    const bad = await server.request('GET', '/api/hotel/rooms/not-a-uuid', {
      token,
      headers: { 'X-Request-Id': `${rid}-bad` },
    });
    assert.ok(bad.status >= 400 && bad.status < 500, bad.text);

    // The line is written after the answer: give it a moment to appear.
    let lines = [];
    for (let i = 0; i < 50; i++) {
      lines = logLines(server).filter((l) => l.request_id === rid || l.request_id === `${rid}-bad`);
      if (lines.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ok = lines.filter((l) => l.request_id === rid);
    assert.equal(ok.length, 1, `exactly one access-log line for ${rid}: ${JSON.stringify(lines)}`);
    const line = ok[0];
    assert.equal(line.status, 200);
    assert.equal(line.method, 'GET');
    assert.equal(line.path, '/api/auth/me');
    assert.equal(line.user_id, user?.id ?? res.json.id);
    assert.equal(line.tenant_id, res.json.tenant.id);
    assert.equal(typeof line.duration_ms, 'number');
    assert.ok(line.duration_ms >= 0);
    const badLine = lines.find((l) => l.request_id === `${rid}-bad`);
    assert.ok(badLine, 'the failed request is logged as well');
    assert.equal(badLine.status, bad.status);
  });
});

describe('graceful shutdown', () => {
  test('SIGTERM lets in-flight requests finish, then the process exits 0', async () => {
    // The normal password cost makes each login take a noticeable time, so
    // the logins below are still being worked on when SIGTERM arrives.
    const server = await startServer({ env: { KEYCARD_PASSWORD_COST: undefined } });
    let stopped = false;
    try {
      const n = 6;
      const inFlight = [];
      for (let i = 0; i < n; i++) {
        inFlight.push(
          server
            .request('POST', '/api/auth/login', {
              body: { email: server.admin.email, password: server.admin.password },
            })
            .then(
              (res) => ({ status: res.status }),
              (err) => ({ error: String(err?.cause?.code || err) }),
            ),
        );
      }
      // The server is working through the batch once one login is answered;
      // then SIGTERM, while the others are in flight.
      await Promise.race(inFlight);
      // stop() sends SIGTERM and throws unless the process exits cleanly.
      const stopping = server.stop().then(() => (stopped = true));
      const results = await Promise.all(inFlight);
      await stopping;
      for (const r of results) {
        // A connection the kernel refused after the listener closed never
        // reached the server; every one that did gets its answer.
        if (r.error === 'ECONNREFUSED') continue;
        assert.ok(r.status === 200 || r.status === 429, `every in-flight login got an answer: ${JSON.stringify(r)}`);
      }
      assert.ok(results.some((r) => r.status === 200), JSON.stringify(results));
      assert.equal(server.alive, false);
      // After shutdown nothing listens any more.
      const after = await openAndWait(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 2000);
      assert.ok(!after.received.startsWith('HTTP/1.1 200'), 'no answers after shutdown');
    } finally {
      if (!stopped) await server.stop().catch(() => {});
    }
  });
});
