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

  test('a database migrated by a newer release is still ready (rolling upgrade); one behind is not', async () => {
    const latest = (await server.request('GET', '/readyz')).json.migrations.latest;
    const row = await server.sql(`SELECT name || '|' || checksum || '|' || applied_at FROM schema_migrations WHERE version = ${latest}`);
    const [name, checksum, appliedAt] = row.split('|');
    await server.sql(`INSERT INTO schema_migrations (version, name, checksum, applied_at)
      VALUES (${latest + 1}, 'from_a_newer_release', 'x', '2026-12-04T00:00:00Z')`);
    try {
      const ahead = await server.request('GET', '/readyz');
      assert.equal(ahead.status, 200, ahead.text);
      assert.deepEqual(ahead.json.migrations, { applied: latest + 1, latest });
      await server.sql(`DELETE FROM schema_migrations WHERE version >= ${latest}`);
      const behind = await server.request('GET', '/readyz');
      assert.equal(behind.status, 503, behind.text);
      assert.equal(behind.json.status, 'migrations_pending');
      assert.deepEqual(behind.json.migrations, { applied: latest - 1, latest });
    } finally {
      // The database as the server migrated it, for the tests after this one.
      await server.sql(`DELETE FROM schema_migrations WHERE version >= ${latest};
        INSERT INTO schema_migrations (version, name, checksum, applied_at)
        VALUES (${latest}, '${name}', '${checksum}', '${appliedAt}')`);
    }
    assert.equal((await server.request('GET', '/readyz')).status, 200);
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
