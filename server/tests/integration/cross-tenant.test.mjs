// Tenant isolation over every hotel route of the router's table. Tenants A and
// B each hold one of every hotel object; B's manager, and then an admin
// impersonating B, then:
//  - names A's objects in the URL (path ids, query ids): 404, exactly the
//    answer for an id that does not exist (API.md: "404 not found, including
//    any id that belongs to another tenant");
//  - names A's objects in a body (a reservation for A's guest, an incident in
//    A's room, ...): the very answer an unknown id gets, a 404 or the 422 the
//    server gives a body field naming nothing of the hotel, never a 403 (which
//    would tell that the object exists elsewhere) and never a success;
//  - sends a body `tenant_id` of A: 403 tenant_mismatch (API.md: "A body's
//    tenant_id ... must equal the caller's tenant, or 403");
//  - reads lists: only B's rows;
//  - reuses A's Idempotency-Key: never A's stored answer.
// No answer to B ever carries one of A's ids, A's data (every GET) is the same
// afterwards, and A's own copies of the requests still succeed. A hotel route
// without a fixture, or not checked here, fails.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus } from './lib/api.mjs';
import { FIXTURES, grants, makeWorld, routeTable, send, uuidsIn } from './lib/route-fixtures.mjs';

const IDEMPOTENCY = 'idempotency-key';
// How a body id naming nothing of the caller's hotel may be answered.
const UNKNOWN_REFERENCE = [404, 422];
const is2xx = (res) => res.status >= 200 && res.status < 300;
const clip = (res) => `${res.status} ${res.text.slice(0, 300)}`;

describe('cross-tenant isolation over every hotel route', () => {
  let server;
  let hotelRoutes;
  let A;
  let B;
  let aOnly; // ids of A's data that B has never been given
  let snapshotBefore;
  let impersonatingB; // an admin's impersonation token for B
  const built = new Map(); // route key -> {a, b}: the fixture's request built in A and in B
  // Route key -> one request of A's per caller of B, already sent by A, whose
  // Idempotency-Key that caller then tries.
  const usedByA = new Map();
  const checked = new Map(); // route key -> the checks that covered it

  const callersOfB = [
    ["B's manager", () => B.tenant.token],
    ['an admin impersonating B', () => impersonatingB],
  ];
  const mark = (key, check) => checked.set(key, [...(checked.get(key) ?? []), check]);
  const aIdsIn = (value) => [...uuidsIn(value)].filter((id) => aOnly.has(id));
  // Replaces every id of A in a text with a random (unknown) id.
  const unknownFor = (text) => text.replace(/[0-9a-f-]{36}/gi, (id) => (aOnly.has(id.toLowerCase()) ? randomUUID() : id));
  const freshKey = (headers) =>
    headers?.[IDEMPOTENCY] ? { ...headers, [IDEMPOTENCY]: `it-${randomUUID()}` } : headers;

  // An answer to B must not carry A's ids, other than ones B sent itself.
  function leaks(res, req) {
    const sent = uuidsIn([req.path, req.body ?? null]);
    return aIdsIn(res.text).filter((id) => !sent.has(id));
  }

  // Every GET of A's hotel data, as A's manager sees it.
  async function snapshot(w) {
    const out = {};
    for (const route of hotelRoutes.filter((r) => r.method === 'GET' && FIXTURES[r.key] && !FIXTURES[r.key].sideEffects)) {
      const req = w === A ? built.get(route.key).a : built.get(route.key).b;
      const res = await w.hotel('GET', req.path);
      out[route.key] = { status: res.status, body: res.json ?? res.text };
    }
    return out;
  }

  before(async () => {
    server = await startServer();
    hotelRoutes = (await routeTable()).filter((r) => r.scope === 'hotel');
    A = await makeWorld(server);
    B = await makeWorld(server, { admin: A.admin });
    for (const route of hotelRoutes) {
      const fixture = FIXTURES[route.key];
      if (fixture) built.set(route.key, { a: await fixture.build(A), b: await fixture.build(B) });
    }
    // A uses Idempotency-Keys first, so that B reusing them could replay A's answer.
    for (const route of hotelRoutes.filter((r) => built.get(r.key)?.a.headers?.[IDEMPOTENCY])) {
      const reqs = [];
      for (let i = 0; i < callersOfB.length; i++) {
        const req = await FIXTURES[route.key].build(A);
        const res = await A.hotel(route.method, req.path, req.body, req.headers);
        assert.ok(is2xx(res), `A's own ${route.key}: ${clip(res)}`);
        reqs.push(req);
      }
      usedByA.set(route.key, reqs);
    }
    snapshotBefore = await snapshot(A);
    await snapshot(B); // so that ids both tenants see (the bootstrap admin's) are no secret of A
    aOnly = new Set([...A.ids].filter((id) => !B.ids.has(id)));
    aOnly.add(A.tenantId);
    const started = await server.request('POST', '/api/admin/impersonation/start', {
      token: A.admin,
      body: { target_tenant_id: B.tenantId, reason: 'cross-tenant isolation check' },
    });
    impersonatingB = assertStatus(started, 200, 'impersonate B').access_token;
  });
  after(async () => {
    await server?.stop();
  });

  for (const [index, [who, tokenOf]] of callersOfB.entries()) {
    const asB = (method, req) => send(server, method, req, tokenOf());
    // The routes this caller may call at all (an impersonation may not delete
    // users): elsewhere the permission check answers before any lookup.
    let permissions;
    const mayCall = async (route) => {
      permissions ??= assertStatus(await asB('GET', { path: '/api/auth/me' }), 200, `${who}: me`).permissions;
      return grants(permissions, route.permission);
    };
    const routesFor = async (pred) => {
      const out = [];
      for (const r of hotelRoutes) if (built.has(r.key) && pred(r) && (await mayCall(r))) out.push(r);
      return out;
    };

    test(`${who}: A's ids in the URL answer 404, like ids that do not exist`, async () => {
      const failures = [];
      for (const route of await routesFor(() => true)) {
        const req = built.get(route.key).a;
        if (aIdsIn(req.path).length === 0) continue;
        mark(route.key, 'url');
        const res = await asB(route.method, req);
        const unknown = await asB(route.method, { ...req, path: unknownFor(req.path), headers: freshKey(req.headers) });
        if (res.status !== 404) failures.push(`${route.key}: expected 404, got ${clip(res)}`);
        if (res.status !== unknown.status || res.json?.code !== unknown.json?.code) {
          failures.push(`${route.key}: A's id answers ${clip(res)} but an unknown id ${clip(unknown)}`);
        }
        const leaked = leaks(res, req);
        if (leaked.length) failures.push(`${route.key}: the answer carries A's ids ${leaked.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });

    test(`${who}: A's objects named in B's bodies answer like ids that do not exist`, async () => {
      const failures = [];
      for (const route of await routesFor(() => true)) {
        const { a, b } = built.get(route.key);
        if (!b.body || !a.body) continue;
        // Each field of B's body that names one of B's objects, in turn set to A's object.
        for (const [field, value] of Object.entries(b.body)) {
          if (typeof value !== 'string' || !B.ids.has(value.toLowerCase())) continue;
          const foreign = a.body[field];
          assert.ok(aOnly.has(String(foreign).toLowerCase()), `${route.key}: A's request names its own ${field}`);
          mark(route.key, `body.${field}`);
          const req = { ...b, body: { ...b.body, [field]: foreign }, headers: freshKey(b.headers) };
          const res = await asB(route.method, req);
          const unknown = await asB(route.method, { ...req, body: { ...req.body, [field]: randomUUID() }, headers: freshKey(b.headers) });
          const what = `${route.key} with A's ${field}`;
          if (!UNKNOWN_REFERENCE.includes(res.status) || !res.json?.errors?.[field]) {
            failures.push(`${what}: expected ${UNKNOWN_REFERENCE.join(' or ')} naming ${field}, got ${clip(res)}`);
          }
          const same = (x, y) => x.status === y.status && x.json?.code === y.json?.code;
          if (!same(res, unknown) || JSON.stringify(res.json?.errors) !== JSON.stringify(unknown.json?.errors)) {
            failures.push(`${what}: answers ${clip(res)} but an unknown id ${clip(unknown)}`);
          }
          const leaked = leaks(res, req);
          if (leaked.length) failures.push(`${what}: the answer carries A's ids ${leaked.join(', ')}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test(`${who}: a body naming A's tenant_id answers 403 tenant_mismatch`, async () => {
      const failures = [];
      for (const route of await routesFor((r) => ['POST', 'PATCH', 'PUT'].includes(r.method))) {
        const { b } = built.get(route.key);
        mark(route.key, 'tenant_id');
        const req = { ...b, body: { ...(b.body ?? {}), tenant_id: A.tenantId }, headers: freshKey(b.headers) };
        const res = await asB(route.method, req);
        if (res.status !== 403 || res.json?.code !== 'tenant_mismatch') {
          failures.push(`${route.key}: expected 403 tenant_mismatch, got ${clip(res)}`);
        }
        const leaked = leaks(res, req);
        if (leaked.length) failures.push(`${route.key}: the answer carries A's ids ${leaked.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });

    test(`${who}: B's reads show B's rows only`, async () => {
      const failures = [];
      for (const route of await routesFor((r) => r.method === 'GET')) {
        const req = built.get(route.key).b;
        mark(route.key, 'read');
        const res = await asB(route.method, req);
        if (res.status !== 200) {
          failures.push(`${route.key}: B reading its own data: expected 200, got ${clip(res)}`);
          continue;
        }
        const items = res.json?.items;
        if (Array.isArray(items) && items.length === 0) failures.push(`${route.key}: B's list is empty, so it proves nothing`);
        const leaked = leaks(res, req);
        if (leaked.length) failures.push(`${route.key}: B sees A's ids ${leaked.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });

    test(`${who}: A's Idempotency-Keys never replay A's answers to B`, async () => {
      let routesWithKeys = 0;
      for (const route of await routesFor((r) => usedByA.has(r.key))) {
        routesWithKeys++;
        mark(route.key, 'idempotency');
        const a = usedByA.get(route.key)[index];
        const { b } = built.get(route.key);
        // A's exact request with A's key: refused as naming unknown things, not replayed.
        const replay = await asB(route.method, a);
        assert.ok(UNKNOWN_REFERENCE.includes(replay.status), `${route.key}: A's request and key sent by B: ${clip(replay)}`);
        assert.deepEqual(leaks(replay, a), [], `${route.key}: the answer carries A's ids`);
        // B's own request under A's key: a new object of B's.
        const own = { ...b, headers: { ...b.headers, [IDEMPOTENCY]: a.headers[IDEMPOTENCY] } };
        const res = await asB(route.method, own);
        assert.equal(res.status, 201, `${route.key}: B's own request under A's key: ${clip(res)}`);
        assert.deepEqual(leaks(res, own), [], `${route.key}: B's answer carries A's ids`);
      }
      assert.ok(routesWithKeys >= 2, 'reservations and payments take Idempotency-Key');
    });
  }

  test("B's manager cannot switch into A's tenant", async () => {
    const req = { path: '/api/auth/switch-tenant', body: { tenant_id: A.tenantId } };
    const res = await send(server, 'POST', req, B.tenant.token);
    assertProblem(res, 403, 'not_a_member');
    assert.deepEqual(leaks(res, req), []);
  });

  test("A's data is unchanged by everything B tried", async () => {
    const now = await snapshot(A);
    for (const key of Object.keys(snapshotBefore)) {
      assert.equal(snapshotBefore[key].status, 200, `A reads ${key}`);
      assert.deepEqual(now[key], snapshotBefore[key], `A's ${key} changed`);
    }
  });

  test("A's own requests are valid: A gets 2xx for each", async () => {
    const failures = [];
    for (const route of hotelRoutes.filter((r) => built.has(r.key))) {
      const req = built.get(route.key).a;
      const res = await A.hotel(route.method, req.path, req.body, req.headers);
      if (!is2xx(res)) failures.push(`${route.key}: ${clip(res)}`);
    }
    assert.deepEqual(failures, []);
  });

  test('every hotel route of the route table has a fixture and was checked', () => {
    const missing = hotelRoutes.filter((r) => !FIXTURES[r.key]).map((r) => r.key);
    assert.deepEqual(missing, [], `hotel routes without a fixture in lib/route-fixtures.mjs: ${missing.join(', ')}`);
    const unchecked = hotelRoutes.filter((r) => !checked.has(r.key)).map((r) => r.key);
    assert.deepEqual(unchecked, [], `hotel routes no cross-tenant check covered: ${unchecked.join(', ')}`);
  });
});
