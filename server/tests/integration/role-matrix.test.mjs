// The permission matrix, generated from the router's own table: for every
// seeded system role (and an admin's impersonation token), a user holding
// exactly that role calls every route with a valid request. The answer must be
// 2xx when the role's permissions (as the roles API lists them, under the
// wildcard rules of API.md) grant the route's declared permission, and 403
// otherwise. A route without a fixture, or a fixture without a route, fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertStatus, loginOk } from './lib/api.mjs';
import { FIXTURES, fixtureCoverage, grants, makeWorld, permissionMatches, routeTable, send } from './lib/route-fixtures.mjs';

// API.md, "System roles (seeded, cannot be changed or deleted)".
const SYSTEM_ROLES = {
  admin: ['SuperAdmin', 'Support', 'Auditor'],
  hotel: ['Hotel Manager', 'Front Desk', 'Housekeeping', 'Accountant'],
};
// API.md, "Impersonation": the target's permissions "minus credential and
// user-deletion changes"; credentials are refused by the routes themselves
// (the fixtures' `refuses`), user deletion by permission.
const IMPERSONATION_DENIED = ['hotel:users:delete'];

describe('role matrix', () => {
  let server;
  let routes;
  let world;
  let roles; // {admin: [...], hotel: [...]} as the roles API lists them
  // Requests built for a call that was refused: nothing consumed them, so the
  // next caller of the route may use them (fixtures marked perCaller aside).
  const spare = new Map();

  before(async () => {
    server = await startServer();
    routes = await routeTable();
    world = await makeWorld(server);
    const adminRoles = await server.request('GET', '/api/admin/roles?is_system=true&limit=100', { token: world.admin });
    const hotelRoles = await world.hotel('GET', '/api/hotel/roles?is_system=true&limit=100');
    roles = {
      admin: assertStatus(adminRoles, 200, 'list platform roles').items,
      hotel: assertStatus(hotelRoles, 200, 'list hotel roles').items,
    };
  });
  after(async () => {
    await server?.stop();
  });

  test('every route has a fixture, every fixture a route', () => {
    const { missing, stale } = fixtureCoverage(routes);
    assert.deepEqual(missing, [], `routes without a fixture in lib/route-fixtures.mjs: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `fixtures for routes the server no longer has: ${stale.join(', ')}`);
  });

  test('the wildcard matcher follows API.md', () => {
    const cases = [
      ['hotel:*', 'hotel:rooms:read', true],
      ['hotel:rooms:*', 'hotel:rooms:read', true],
      ['hotel:rooms:read', 'hotel:rooms:read', true],
      ['admin:*', 'hotel:rooms:read', false],
      ['hotel:*', 'hotelx:rooms:read', false],
      ['hotel:room:*', 'hotel:rooms:read', false],
      ['hotel:rooms:*', 'hotel:rooms', false],
      ['hotel:*:read', 'hotel:rooms:read', false],
      ['*', 'hotel:rooms:read', false],
    ];
    for (const [pattern, code, want] of cases) assert.equal(permissionMatches(pattern, code), want, `${pattern} vs ${code}`);
  });

  test('the system roles of API.md are seeded, with permissions', () => {
    for (const scope of ['admin', 'hotel']) {
      const names = roles[scope].map((r) => r.display_name).sort();
      assert.deepEqual(names, [...SYSTEM_ROLES[scope]].sort(), `${scope} system roles`);
      for (const r of roles[scope]) {
        assert.ok(Array.isArray(r.permissions) && r.permissions.length > 0, `${r.name} lists its permissions`);
        assert.ok(r.permissions.every((p) => p.startsWith(`${scope}:`)), `${r.name} holds only ${scope}: codes`);
      }
    }
  });

  test('public routes answer without a token', async () => {
    const failures = [];
    for (const route of routes.filter((r) => r.scope === 'public' && FIXTURES[r.key])) {
      const res = await send(server, route.method, await FIXTURES[route.key].build(world, null));
      if (res.status < 200 || res.status > 299) failures.push(`${route.key} -> ${res.status} ${res.text.slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
  });

  // A user holding exactly `role`, logged in: {name, token, email, password,
  // userType, tenantId, impersonation, permissions, denied}.
  async function roleCaller(scope, role) {
    const { user, email, password } = await world.staff(scope, role.name);
    const pair = await loginOk(server, email, password);
    const me = assertStatus(await server.request('GET', '/api/auth/me', { token: pair.access_token }), 200, 'me');
    assert.deepEqual(me.roles, [role.name], `${email} holds exactly the role ${role.name}`);
    return {
      name: role.display_name,
      token: pair.access_token,
      email,
      password,
      userId: user.id,
      userType: scope,
      tenantId: scope === 'hotel' ? world.tenantId : null,
      impersonation: false,
      permissions: role.permissions,
      denied: [],
    };
  }

  async function impersonationCaller() {
    const res = await server.request('POST', '/api/admin/impersonation/start', {
      token: world.admin,
      body: { target_tenant_id: world.tenantId, reason: 'role matrix: acting as the hotel manager' },
    });
    const { access_token: token } = assertStatus(res, 200, 'start impersonation');
    const manager = roles.hotel.find((r) => r.name === 'hotel-manager');
    return {
      name: 'impersonation (Hotel Manager)',
      token,
      userType: 'hotel',
      tenantId: world.tenantId,
      impersonation: true,
      permissions: manager.permissions,
      denied: IMPERSONATION_DENIED,
    };
  }

  // Calls every non-public route as `caller`; returns the mismatches and how
  // many calls were meant to pass and to be refused.
  async function matrix(caller) {
    const failures = [];
    const counts = { allowed: 0, refused: 0 };
    const last = (r) => (FIXTURES[r.key].endsSession ? 1 : 0);
    const order = routes.filter((r) => r.scope !== 'public' && FIXTURES[r.key]).sort((x, y) => last(x) - last(y));
    for (const route of order) {
      const fixture = FIXTURES[route.key];
      const refusal = fixture.refuses?.(caller) ?? null;
      const code = route.permission;
      const permitted = code === '' || (grants(caller.permissions, code) && !grants(caller.denied, code));
      const allowed = permitted && !refusal;
      counts[allowed ? 'allowed' : 'refused']++;
      let req = fixture.perCaller ? null : spare.get(route.key);
      spare.delete(route.key);
      req ??= await fixture.build(world, caller);
      const res = await send(server, route.method, req, caller.token);
      const what = `${route.key} [${code || 'no permission'}]`;
      const got = `${res.status} ${res.text.slice(0, 200)}`;
      if (allowed) {
        if (res.status < 200 || res.status > 299) failures.push(`${what}: expected 2xx, got ${got}`);
        else await req.after?.(res);
      } else if (res.status !== 403) {
        failures.push(`${what}: expected 403, got ${got}`);
      } else {
        if (refusal && permitted && res.json?.code !== refusal) {
          failures.push(`${what}: expected 403 ${refusal}, got ${got}`);
        }
        if (!fixture.perCaller) spare.set(route.key, req);
      }
    }
    return { failures, counts };
  }

  async function check(t, caller) {
    const { failures, counts } = await matrix(caller);
    t.diagnostic(`${caller.name}: ${counts.allowed} routes allowed, ${counts.refused} refused`);
    assert.deepEqual(failures, [], caller.name);
    assert.ok(counts.allowed > 1, `${caller.name} may call something`);
  }

  test('each system role gets 2xx where its permissions allow, 403 elsewhere', async (t) => {
    for (const scope of ['admin', 'hotel']) {
      for (const role of roles[scope]) {
        await t.test(`${scope} role ${role.display_name}`, async (st) => check(st, await roleCaller(scope, role)));
      }
    }
    await t.test('an admin impersonating the hotel (Hotel Manager, minus user deletion)', async (st) =>
      check(st, await impersonationCaller()),
    );
  });
});
