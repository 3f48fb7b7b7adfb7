// Liveness, readiness and request ids.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';

describe('health', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  for (const path of ['/healthz', '/readyz']) {
    test(`GET ${path} answers 200`, async () => {
      const res = await server.request('GET', path);
      assert.equal(res.status, 200, res.text);
    });
  }

  test('X-Request-Id is echoed when the client sends one', async () => {
    const id = 'it-req-0123456789abcdef';
    const res = await server.request('GET', '/healthz', { headers: { 'X-Request-Id': id } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), id);
  });

  test('X-Request-Id is generated when the client sends none, and differs per request', async () => {
    const a = await server.request('GET', '/healthz');
    const b = await server.request('GET', '/healthz');
    const ida = a.headers.get('x-request-id');
    const idb = b.headers.get('x-request-id');
    assert.ok(ida && ida.length >= 8, `generated id: ${ida}`);
    assert.ok(idb && idb.length >= 8, `generated id: ${idb}`);
    assert.notEqual(ida, idb);
  });

  test('X-Request-Id is also set on error answers', async () => {
    const res = await server.request('GET', '/api/no-such-route');
    assert.equal(res.status, 404, res.text);
    assert.ok(res.headers.get('x-request-id'), 'x-request-id on a 404');
    const sent = await server.request('GET', '/api/auth/me', { headers: { 'X-Request-Id': 'it-err-1' } });
    assert.equal(sent.status, 401, sent.text);
    assert.equal(sent.headers.get('x-request-id'), 'it-err-1');
  });
});
