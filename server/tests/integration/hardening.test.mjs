// Regressions for what an outside security probe found (issue 9, section 0)
// and the hardening that came with them, on SQLite and PostgreSQL:
// - header bytes that are not UTF-8, or a User-Agent cut inside a character,
//   no longer break logins and audited writes (PostgreSQL) or the audit list
//   (SQLite), and entries stored earlier with such bytes still list;
// - a Transfer-Encoding whose last coding is not chunked is refused and the
//   connection closed, so its body cannot run as a second request;
// - a JSON body that names a member twice is refused;
// - an impersonating admin cannot create staff accounts;
// - connection caps per client address and in all answer 503 and recover.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { adminToken, assertProblem, assertStatus, login } from './lib/api.mjs';
import { hotelTenant, ok } from './lib/hotel.mjs';
import { impersonate } from './lib/platform.mjs';
import { IS_POSTGRES, startServer } from './lib/server.mjs';

const REPLACEMENT = '\uFFFD';
// Header values travel as bytes: a JS string of code points <= 0xFF is sent
// one byte per character.
const asHeaderBytes = (buf) => Buffer.from(buf).toString('latin1');
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

// The body of an answer as raw bytes, decoded strictly: throws on bad UTF-8.
function strictJson(res) {
  return JSON.parse(utf8Decoder.decode(new Uint8Array(res.bytes)));
}

async function auditEntries(server, token, query) {
  const res = await server.request('GET', `/api/hotel/audit-logs?${query}`, { token });
  assert.equal(res.status, 200, 'audit list');
  return strictJson(res).items;
}

describe('hardening', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await adminToken(server);
  });
  after(async () => {
    await server?.stop();
  });

  describe('header text that is not UTF-8', () => {
    const agents = {
      'invalid bytes': { sent: asHeaderBytes([0xff, 0xfe]), stored: REPLACEMENT + REPLACEMENT },
      // 513 bytes of valid UTF-8 whose byte 512 is inside a character.
      'a 513-byte value cut inside a character': {
        sent: asHeaderBytes(Buffer.from(`${'a'.repeat(511)}é`, 'utf8')),
        stored: 'a'.repeat(511),
      },
    };
    for (const [name, agent] of Object.entries(agents)) {
      test(`${name}: login, refresh and audited writes succeed; the audit list is UTF-8`, async () => {
        const t = await hotelTenant(server, admin);
        const headers = { 'user-agent': agent.sent };
        const res = await login(server, t.manager.email, t.manager.password, { headers });
        const pair = assertStatus(res, 200, 'login');
        const refreshed = await server.request('POST', '/api/auth/refresh', {
          body: { refresh_token: pair.refresh_token },
          headers,
        });
        assertStatus(refreshed, 200, 'refresh');
        const guest = await ok(
          server.request('POST', '/api/hotel/guests', {
            token: pair.access_token,
            body: { first_name: 'Ua', last_name: 'Probe', email: `ua-${Date.now()}@guest.test` },
            headers,
          }),
          201,
          'audited write',
        );
        const entries = await auditEntries(server, pair.access_token, `resource_id=${guest.id}&limit=10`);
        assert.equal(entries.length, 1);
        assert.equal(entries[0].user_agent, agent.stored);
        // The impersonation path stores the header too.
        const session = await server.request('POST', '/api/admin/impersonation/start', {
          token: admin,
          body: { target_tenant_id: t.hotel.id, reason: 'probe regression' },
          headers,
        });
        assertStatus(session, 200, 'impersonation start');
      });
    }

    test('entries stored earlier with invalid bytes still list as valid JSON', { skip: IS_POSTGRES && 'PostgreSQL never stores invalid UTF-8' }, async () => {
      const t = await hotelTenant(server, admin);
      await server.sql(
        `INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, resource_id, changes, user_agent,
           created_at, prev_hash, hash)
         VALUES ('00000000-0000-4000-8000-00000000beef', '${t.hotel.id}', 999999, 'probe.stored', 'probe', 'raw-bytes',
           '{}', CAST(X'FFFE41' AS TEXT), '2026-01-01T00:00:00.000Z', '${'0'.repeat(64)}', '${'f'.repeat(64)}');`,
      );
      const entries = await auditEntries(server, t.token, 'resource_id=raw-bytes');
      assert.equal(entries.length, 1);
      assert.equal(entries[0].user_agent, `${REPLACEMENT}${REPLACEMENT}A`);
    });
  });

  describe('Transfer-Encoding framing (request smuggling)', () => {
    const smuggled = 'GET /api/auth/me HTTP/1.1\r\nHost: x\r\n\r\n';
    const cases = {
      gzip: 400,
      identity: 400,
      'chunked, identity': 400,
      'gzip, chunked': 501,
    };
    for (const [coding, status] of Object.entries(cases)) {
      test(`Transfer-Encoding: ${coding} gets ${status}, and the bytes after it never run`, async () => {
        const bytes =
          'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Transfer-Encoding: ${coding}\r\n\r\n${smuggled}`;
        const { answers, closed } = await exchange(server.port, bytes);
        assert.equal(answers.length, 1, `one answer only, got:\n${answers.join('\n---\n')}`);
        assert.match(answers[0], new RegExp(`^HTTP/1\\.1 ${status} `));
        assert.match(answers[0], /\r\nConnection: close\r\n/i);
        assert.ok(closed, 'the server closes the connection');
      });
    }

    test('a chunked body still works, and so does the next request on the connection', async () => {
      const body = JSON.stringify({ email: 'nobody@x.test', password: 'wrong-password-1' });
      const bytes =
        'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
        `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n` +
        'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
      const { answers } = await exchange(server.port, bytes);
      assert.equal(answers.length, 2, answers.join('\n---\n'));
      assert.match(answers[0], /^HTTP\/1\.1 401 /);
      assert.match(answers[1], /^HTTP\/1\.1 200 /);
    });
  });

  test('a body naming a member twice gets 400 and changes nothing', async () => {
    const t = await hotelTenant(server, admin);
    const other = await hotelTenant(server, admin);
    const count = async () => (await ok(t.req('GET', '/api/hotel/guests?limit=1'), 200, 'guests')).total;
    const before = await count();
    const bodies = [
      // The tenant check saw the first value; the last one would have won.
      `{"tenant_id":"${other.hotel.id}","tenant_id":"${t.hotel.id}","first_name":"A","last_name":"B"}`,
      `{"first_name":"A","last_name":"B","first_name":"C"}`,
    ];
    for (const rawBody of bodies) {
      const res = await server.request('POST', '/api/hotel/guests', {
        token: t.token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      assertProblem(res, 400, 'invalid_json');
      assert.match(res.json.detail, /more than once/);
    }
    assert.equal(await count(), before);
  });

  test('an impersonating admin cannot create staff accounts; the hotel manager can', async () => {
    const t = await hotelTenant(server, admin);
    const { access_token: token } = await impersonate(server, admin, {
      target_tenant_id: t.hotel.id,
      reason: 'support ticket 42',
    });
    const roles = await ok(server.request('GET', '/api/hotel/roles?limit=100', { token }), 200, 'roles');
    const frontDesk = roles.items.find((r) => r.name === 'front-desk') ?? roles.items[0];
    const body = (email) => ({ email, first_name: 'Sam', last_name: 'Support', password: 'Imp3rsonated-Pass!', roles: [frontDesk.id] });
    const email = `made-in-support-${Date.now()}@hotel.test`;
    const res = await server.request('POST', '/api/hotel/users', { token, body: body(email) });
    assertProblem(res, 403, 'impersonation_forbidden');
    const signIn = await login(server, email, 'Imp3rsonated-Pass!');
    assert.equal(signIn.status, 401, 'no account was made');
    await ok(t.req('POST', '/api/hotel/users', body(`real-${email}`)), 201, 'the manager adds staff');
  });
});

describe('connection caps', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { KEYCARD_MAX_CONNECTIONS_PER_IP: '4', KEYCARD_MAX_CONNECTIONS: '6' } });
  });
  after(async () => {
    await server?.stop();
  });

  test('one address past its cap gets 503 while others are served; closing one frees a place', async () => {
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await hold(server.port, '127.0.0.1'));
    try {
      const refused = await exchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', '127.0.0.1');
      assert.equal(refused.answers.length, 1);
      assert.match(refused.answers[0], /^HTTP\/1\.1 503 /);
      assert.match(refused.answers[0], /too_many_connections/);
      assert.match(refused.answers[0], /\r\nRetry-After: 1\r\n/i);
      const other = await exchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', '127.0.0.2');
      assert.match(other.answers[0] ?? '', /^HTTP\/1\.1 200 /, 'another address is served');
      held.pop().destroy();
      await untilServed(server.port, '127.0.0.1');
    } finally {
      for (const s of held) s.destroy();
    }
  });

  test('past the overall cap every address gets 503 until connections close', async () => {
    const held = [];
    for (const address of ['127.0.0.3', '127.0.0.3', '127.0.0.3', '127.0.0.4', '127.0.0.4', '127.0.0.4']) {
      held.push(await hold(server.port, address));
    }
    try {
      const refused = await exchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', '127.0.0.5');
      assert.match(refused.answers[0] ?? '', /^HTTP\/1\.1 503 /);
      for (const s of held.splice(0, 2)) s.destroy();
      await untilServed(server.port, '127.0.0.5');
    } finally {
      for (const s of held) s.destroy();
    }
  });
});

// Sends `bytes` on one connection from `localAddress`; collects the answers
// (split on status lines) until the server closes or 5 s of silence pass.
function exchange(port, bytes, localAddress = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1', localAddress });
    const chunks = [];
    let idle;
    const done = (closed) => {
      clearTimeout(idle);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const answers = text.split(/(?=HTTP\/1\.1 \d{3} )/).filter((a) => a.length > 0);
      resolve({ answers, closed });
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => done(false), 5000);
    };
    sock.on('connect', () => {
      sock.write(bytes);
      arm();
    });
    sock.on('data', (d) => {
      chunks.push(d);
      arm();
    });
    sock.on('end', () => done(true));
    sock.on('close', () => done(true));
    sock.on('error', (e) => (chunks.length > 0 ? done(true) : reject(e)));
  });
}

// A keep-alive connection that got its answer and stays open: it holds its
// place under the caps (admitted for certain, since it was served).
function openIdle(port, localAddress) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1', localAddress });
    let text = '';
    sock.on('connect', () => sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    sock.on('data', (d) => {
      text += d.toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      if (/^HTTP\/1\.1 200 /.test(text)) resolve(sock);
      else reject(new Error(`refused while filling the cap: ${text.slice(0, 80)}`));
    });
    sock.on('error', reject);
  });
}

// openIdle, again until admitted (at most 10 s): connections an earlier test
// closed may still count until the server has seen them close.
async function hold(port, localAddress) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await openIdle(port, localAddress);
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

// Waits (at most 10 s) until a new connection from `localAddress` is served.
async function untilServed(port, localAddress) {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    const { answers } = await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', localAddress);
    last = answers[0] ?? '';
    if (/^HTTP\/1\.1 200 /.test(last)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`never served again from ${localAddress}: ${last.slice(0, 120)}`);
}
