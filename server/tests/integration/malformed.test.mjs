// Hostile and broken requests: every one answers a 4xx problem+json, never a
// 500, and the server keeps serving afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, createHotel, loginOk } from './lib/api.mjs';
import { routeTable } from './lib/route-fixtures.mjs';

const json = { 'content-type': 'application/json' };
const nested = (depth) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObj = (depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

// [name, method, path, options, allowed statuses]; options.auth adds the admin token.
const CASES = [
  ['not JSON', 'POST', '/api/auth/login', { rawBody: 'this is not json', headers: json }, [400]],
  ['truncated JSON', 'POST', '/api/auth/login', { rawBody: '{"email": "a@b.c", "pass', headers: json }, [400]],
  ['empty body', 'POST', '/api/auth/login', { rawBody: '', headers: json }, [400, 422]],
  ['JSON array instead of an object', 'POST', '/api/auth/login', { rawBody: '[1,2,3]', headers: json }, [400, 422]],
  ['JSON string instead of an object', 'POST', '/api/auth/login', { rawBody: '"hello"', headers: json }, [400, 422]],
  ['JSON null', 'POST', '/api/auth/login', { rawBody: 'null', headers: json }, [400, 422]],
  ['wrong type (email: 5)', 'POST', '/api/auth/login', { body: { email: 5, password: 'x' } }, [400, 422]],
  ['wrong type (password: object)', 'POST', '/api/auth/login', { body: { email: 'a@b.c', password: { $ne: 1 } } }, [400, 422]],
  ['missing fields', 'POST', '/api/auth/login', { body: {} }, [400, 422]],
  ['missing password', 'POST', '/api/auth/login', { body: { email: 'a@b.c' } }, [400, 422]],
  ['trailing garbage after JSON', 'POST', '/api/auth/login', { rawBody: '{"email":"a@b.c","password":"x"} xyz', headers: json }, [400]],
  ['deeply nested arrays', 'POST', '/api/auth/login', { rawBody: nested(100_000), headers: json }, [400, 413, 422]],
  ['deeply nested objects', 'POST', '/api/auth/login', { rawBody: nestedObj(50_000), headers: json }, [400, 413, 422]],
  ['invalid UTF-8 in a string', 'POST', '/api/auth/login', {
    rawBody: Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","password":"x"}')]),
    headers: json,
  }, [400, 401, 422]],
  ['NUL byte in the email', 'POST', '/api/auth/login', { body: { email: 'a\u0000@b.c', password: 'x' } }, [400, 401, 422]],
  ['refresh with a number', 'POST', '/api/auth/refresh', { body: { refresh_token: 12345 } }, [400, 401, 422]],
  ['hotel create with wrong types', 'POST', '/api/admin/hotels', { auth: true, body: { name: 1, slug: [], type: {}, email: false } }, [400, 422]],
  ['hotel create with an unknown type', 'POST', '/api/admin/hotels', { auth: true, body: { name: 'X', slug: 'x-bad-type', type: 'CASTLE', email: 'x@y.z' } }, [400, 422]],
  ['invalid UUID in the path', 'GET', '/api/admin/hotels/not-a-uuid', { auth: true }, [400]],
  ['UUID-ish with SQL in the path', 'GET', "/api/admin/hotels/1'%20OR%20'1'='1", { auth: true }, [400]],
  ['bad percent-encoding in the path', 'GET', '/api/admin/hotels/%zz', { auth: true }, [400, 404]],
  ['well-formed UUID that does not exist', 'GET', '/api/admin/hotels/00000000-0000-7000-8000-000000000000', { auth: true }, [404]],
  ['bad query parameter (page=abc)', 'GET', '/api/admin/hotels?page=abc', { auth: true }, [400]],
  ['unknown route', 'GET', '/api/no/such/route', {}, [404]],
  ['unknown route under a panel', 'GET', '/api/admin/no-such-thing', { auth: true }, [404]],
  ['wrong method on login', 'GET', '/api/auth/login', {}, [405]],
  ['wrong method on me', 'DELETE', '/api/auth/me', { auth: true }, [405]],
  ['unsupported content type', 'POST', '/api/auth/login', { rawBody: 'email=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, [400, 415, 422]],
];

describe('malformed requests', () => {
  let server;
  let token;
  before(async () => {
    server = await startServer();
    token = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
  });
  after(async () => {
    await server?.stop();
  });

  for (const [name, method, path, opts, statuses] of CASES) {
    test(`${name}: ${method} ${path.slice(0, 60)} -> ${statuses.join('|')}`, async () => {
      const { auth, ...rest } = opts;
      const res = await server.request(method, path, { ...rest, token: auth ? token : undefined });
      assertProblem(res, statuses);
    });
  }

  test('bytes that are not UTF-8 in the query of every GET list route -> 400, never a 500', async () => {
    const { manager } = await createHotel(server, token);
    const hotelToken = (await loginOk(server, manager.email, manager.password)).access_token;
    const lists = (await routeTable()).filter((r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.includes('{'));
    assert.ok(lists.length > 10, `list routes found: ${lists.length}`);
    for (const r of lists) {
      const t = r.path.startsWith('/api/hotel/') ? hotelToken : token;
      for (const q of ['q=%FF', 'action=%C3%28', 'resource_id=%FF', '%FF=1']) {
        const res = await server.request('GET', `${r.path}?${q}`, { token: t });
        assertProblem(res, [400], undefined);
      }
    }
    assertProblem(await server.request('GET', '/api/admin/hotels/%FF', { token }), [400]);
  });

  test('405 names the allowed methods', async () => {
    const res = await server.request('GET', '/api/auth/login');
    assert.equal(res.status, 405);
    assert.match(res.headers.get('allow') || '', /POST/, `Allow: ${res.headers.get('allow')}`);
  });

  test('a 10 MB body -> 413', async () => {
    const size = 10 * 1024 * 1024;
    const head =
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${size}\r\nConnection: close\r\n\r\n`;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const res = await server.raw([head, ...Array(10).fill(chunk)]);
    assertProblem(res, 413);
  });

  test('a 10 MB chunked body -> 413', async () => {
    const head =
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const mb = 1024 * 1024;
    const chunk = Buffer.concat([Buffer.from(`${mb.toString(16)}\r\n`), Buffer.alloc(mb, 'a'), Buffer.from('\r\n')]);
    const res = await server.raw([head, ...Array(10).fill(chunk), '0\r\n\r\n']);
    assertProblem(res, 413);
  });

  test('a huge header -> 4xx problem', async () => {
    const res = await server.raw(
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: ${'h'.repeat(256 * 1024)}\r\nConnection: close\r\n\r\n`,
    );
    assertProblem(res, [400, 413, 431]);
  });

  test('a huge Authorization header -> 4xx problem', async () => {
    const res = await server.request('GET', '/api/auth/me', {
      headers: { authorization: `Bearer ${'a'.repeat(64 * 1024)}` },
    });
    assertProblem(res, [400, 401, 413, 431]);
  });

  test('a request line that is not HTTP -> 400 or closed, never a crash', async () => {
    const res = await server.raw('HELLO WORLD\r\n\r\n').catch((e) => ({ closed: e.message }));
    if (!res.closed) assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  });

  test('afterwards /healthz answers 200 and login still works', async () => {
    assert.ok(server.alive, 'server process still running');
    assert.equal((await server.request('GET', '/healthz')).status, 200);
    assertStatus(
      await server.request('POST', '/api/auth/login', { body: { email: server.admin.email, password: server.admin.password } }),
      200,
      'login after the abuse',
    );
  });
});
