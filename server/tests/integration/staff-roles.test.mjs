// Staff and roles in both panels: CRUD, pagination, validation, optimistic
// locking, immutable system roles, the escalation guard, the last SuperAdmin,
// sessions ended on deactivation, and tenant isolation (another tenant's user
// or role id answers 404 and changes nothing).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import {
  assertProblem,
  assertStatus,
  createHotel,
  isMissingRoute,
  login,
  loginOk,
  randomId,
  strongPassword,
} from './lib/api.mjs';

describe('staff and roles', () => {
  let server;
  let admin; // bootstrap SuperAdmin's access token
  let adminId;
  let hotelA;
  let hotelB;
  let managerA; // access tokens
  let managerB;
  let managerAId;

  const call = (method, path, token, body, headers) => server.request(method, path, { token, body, headers });
  const email = (prefix) => `${prefix}-${randomId(4)}@staff.test`;
  const ids = (items) => items.map((i) => i.id);
  const names = (roles) => roles.map((r) => r.name).sort();

  // Creates a user through the panel ('admin' | 'hotel') and logs them in.
  async function makeUser(panel, token, roles, extra = {}) {
    const body = {
      email: email(panel),
      first_name: 'Sam',
      last_name: 'Staff',
      password: strongPassword(),
      roles,
      ...extra,
    };
    const user = assertStatus(await call('POST', `/api/${panel}/users`, token, body), 201, `create ${panel} user`);
    const pair = await loginOk(server, body.email, body.password);
    return { user, pair, password: body.password, email: body.email };
  }

  async function makeRole(panel, token, name, permissions) {
    const res = await call('POST', `/api/${panel}/roles`, token, {
      name,
      display_name: name.replaceAll('-', ' '),
      permissions,
    });
    return assertStatus(res, 201, `create ${panel} role ${name}`);
  }

  before(async () => {
    server = await startServer();
    const pair = await loginOk(server, server.admin.email, server.admin.password);
    admin = pair.access_token;
    adminId = pair.user.id;
    const a = await createHotel(server, admin);
    const b = await createHotel(server, admin);
    hotelA = a.hotel;
    hotelB = b.hotel;
    const pa = await loginOk(server, a.manager.email, a.manager.password);
    managerA = pa.access_token;
    managerAId = pa.user.id;
    managerB = (await loginOk(server, b.manager.email, b.manager.password)).access_token;
  });
  after(async () => {
    await server?.stop();
  });

  describe('platform roles and permissions', () => {
    let role;

    test('GET /api/admin/permissions lists admin codes only, with resource, action and description', async () => {
      const body = assertStatus(await call('GET', '/api/admin/permissions', admin), 200);
      assert.ok(body.items.length > 10);
      assert.equal(body.total, body.items.length);
      assert.ok(body.items.every((p) => p.code.startsWith('admin:')), 'only admin: codes');
      const users = body.items.find((p) => p.code === 'admin:users:read');
      assert.deepEqual({ resource: users.resource, action: users.action }, { resource: 'users', action: 'read' });
      assert.equal(typeof users.description, 'string');
    });

    test('system roles are listed, paginated', async () => {
      const all = assertStatus(await call('GET', '/api/admin/roles?limit=100', admin), 200);
      for (const name of ['super-admin', 'support', 'auditor']) {
        const r = all.items.find((x) => x.name === name);
        assert.ok(r, `system role ${name} listed`);
        assert.equal(r.is_system, true);
        assert.equal(r.scope, 'admin');
      }
      assert.deepEqual(all.items.find((x) => x.name === 'super-admin').permissions, ['admin:*']);
      const p1 = assertStatus(await call('GET', '/api/admin/roles?limit=2&page=1', admin), 200);
      const p2 = assertStatus(await call('GET', '/api/admin/roles?limit=2&page=2', admin), 200);
      assert.equal(p1.items.length, 2);
      assert.equal(p1.limit, 2);
      assert.equal(p1.page, 1);
      assert.equal(p1.total, all.total);
      assert.ok(p2.items.length >= 1);
      assert.equal(ids(p1.items).filter((id) => ids(p2.items).includes(id)).length, 0, 'pages do not overlap');
      const sys = assertStatus(await call('GET', '/api/admin/roles?is_system=true&q=AUDIT', admin), 200);
      assert.deepEqual(names(sys.items), ['auditor']);
    });

    test('create, read, update a custom platform role', async () => {
      role = await makeRole('admin', admin, 'hotel-readers', ['admin:hotels:read', 'admin:hotels:read']);
      assert.equal(role.is_system, false);
      assert.equal(role.version, 1);
      assert.deepEqual(role.permissions, ['admin:hotels:read'], 'duplicates collapse');
      const got = assertStatus(await call('GET', `/api/admin/roles/${role.id}`, admin), 200);
      assert.equal(got.name, 'hotel-readers');
      const patched = assertStatus(
        await call('PATCH', `/api/admin/roles/${role.id}`, admin, {
          display_name: 'Hotel readers',
          permissions: ['admin:hotels:read', 'admin:dashboard:read'],
          version: 1,
        }),
        200,
      );
      assert.equal(patched.version, 2);
      assert.equal(patched.display_name, 'Hotel readers');
      assert.deepEqual(patched.permissions, ['admin:dashboard:read', 'admin:hotels:read']);
    });

    test('stale version -> 409 and nothing changes; missing version -> 422; If-Match works', async () => {
      const stale = await call('PATCH', `/api/admin/roles/${role.id}`, admin, { display_name: 'Stale', version: 1 });
      assertProblem(stale, 409, 'stale_version');
      const none = assertProblem(await call('PATCH', `/api/admin/roles/${role.id}`, admin, { display_name: 'X' }), 422);
      assert.equal(none.errors.version, 'is required');
      const unchanged = assertStatus(await call('GET', `/api/admin/roles/${role.id}`, admin), 200);
      assert.equal(unchanged.display_name, 'Hotel readers');
      assert.equal(unchanged.version, 2);
      const viaHeader = await call('PATCH', `/api/admin/roles/${role.id}`, admin, { description: 'reads hotels' }, {
        'if-match': '"2"',
      });
      assert.equal(assertStatus(viaHeader, 200).version, 3);
      assertProblem(
        await call('PATCH', `/api/admin/roles/${role.id}`, admin, { description: 'again' }, { 'if-match': '"2"' }),
        409,
        'stale_version',
      );
    });

    test('role validation: 422 per field, duplicate name 409', async () => {
      const cases = [
        [{ name: 'Bad Name', display_name: 'x', permissions: ['admin:hotels:read'] }, 'name'],
        [{ name: 'ok-name', display_name: 'x', permissions: ['hotel:guests:read'] }, 'permissions'],
        [{ name: 'ok-name', display_name: 'x', permissions: ['admin:nothing:read'] }, 'permissions'],
        [{ name: 'ok-name', display_name: 'x', permissions: ['admin:hotels:read:x'] }, 'permissions'],
        [{ name: 'ok-name', display_name: 'x', permissions: 'admin:*' }, 'permissions'],
        [{ name: 'ok-name', display_name: 'x', permissions: [] }, 'permissions'],
        [{ name: 'ok-name', permissions: ['admin:hotels:read'] }, 'display_name'],
      ];
      for (const [body, field] of cases) {
        const p = assertProblem(await call('POST', '/api/admin/roles', admin, body), 422, 'validation_failed');
        assert.ok(p.errors?.[field], `${JSON.stringify(body)} -> error on ${field}: ${JSON.stringify(p.errors)}`);
      }
      assertProblem(
        await call('POST', '/api/admin/roles', admin, {
          name: 'hotel-readers',
          display_name: 'dup',
          permissions: ['admin:hotels:read'],
        }),
        409,
        'role_name_taken',
      );
      assertProblem(
        await call('POST', '/api/admin/roles', admin, { name: 'support', display_name: 'dup', permissions: ['admin:hotels:read'] }),
        409,
        'role_name_taken',
      );
    });

    test('system roles cannot be changed or deleted', async () => {
      const list = assertStatus(await call('GET', '/api/admin/roles?q=super-admin', admin), 200);
      const sa = list.items.find((r) => r.name === 'super-admin');
      assertProblem(
        await call('PATCH', `/api/admin/roles/${sa.id}`, admin, { display_name: 'God', version: sa.version }),
        409,
        'system_role_immutable',
      );
      assertProblem(await call('DELETE', `/api/admin/roles/${sa.id}`, admin), 409, 'system_role_immutable');
      const again = assertStatus(await call('GET', `/api/admin/roles/${sa.id}`, admin), 200);
      assert.equal(again.display_name, 'SuperAdmin');
    });

    test('delete a custom role: 204, then 404', async () => {
      const r = await makeRole('admin', admin, `tmp-${randomId(3)}`, ['admin:audit:read']);
      assert.equal((await call('DELETE', `/api/admin/roles/${r.id}`, admin)).status, 204);
      assertProblem(await call('GET', `/api/admin/roles/${r.id}`, admin), 404);
      assertProblem(await call('DELETE', `/api/admin/roles/${r.id}`, admin), 404);
    });

    test('a hotel token on admin staff routes -> 403', async () => {
      for (const path of ['/api/admin/users', '/api/admin/roles', '/api/admin/permissions']) {
        assertProblem(await call('GET', path, managerA), 403);
      }
    });
  });

  describe('platform staff', () => {
    let staff;

    test('create platform staff: 201 with roles, no secrets; can log in', async () => {
      staff = await makeUser('admin', admin, ['support']);
      const u = staff.user;
      assert.equal(u.user_type, 'admin');
      assert.equal(u.is_active, true);
      assert.equal(u.version, 1);
      assert.deepEqual(names(u.roles), ['support']);
      assert.ok(u.roles[0].id && u.roles[0].display_name);
      for (const key of Object.keys(u)) assert.ok(!/password|hash/.test(key), `answer carries ${key}`);
      assert.ok(!JSON.stringify(u).includes('argon2'));
      assert.deepEqual(staff.pair.user.roles, ['support']);
    });

    test('roles may be named by id; list, search and paginate', async () => {
      const roles = assertStatus(await call('GET', '/api/admin/roles?q=auditor', admin), 200);
      const auditor = roles.items.find((r) => r.name === 'auditor');
      const second = await makeUser('admin', admin, [auditor.id]);
      assert.deepEqual(names(second.user.roles), ['auditor']);
      const found = assertStatus(await call('GET', `/api/admin/users?q=${encodeURIComponent(staff.email.toUpperCase())}`, admin), 200);
      assert.equal(found.total, 1);
      assert.equal(found.items[0].id, staff.user.id);
      const page = assertStatus(await call('GET', '/api/admin/users?limit=1&page=2&sort=email', admin), 200);
      assert.equal(page.items.length, 1);
      assert.ok(page.total >= 3);
      const all = assertStatus(await call('GET', '/api/admin/users?limit=100', admin), 200);
      assert.ok(all.items.every((u) => u.user_type === 'admin'), 'hotel users are not platform staff');
      assertProblem(await call('GET', '/api/admin/users?sort=password_hash', admin), 400);
    });

    test('validation: 422 per field; a taken email 409', async () => {
      const cases = [
        [{ first_name: 'a', last_name: 'b', password: strongPassword(), roles: [] }, 'email'],
        [{ email: 'not-an-email', first_name: 'a', last_name: 'b', password: strongPassword(), roles: [] }, 'email'],
        [{ email: email('x'), first_name: 'a', last_name: 'b', password: 'short', roles: [] }, 'password'],
        [{ email: email('x'), first_name: 'a', last_name: 'b', password: '', roles: [] }, 'password'],
        [{ email: email('x'), last_name: 'b', password: strongPassword(), roles: [] }, 'first_name'],
        [{ email: email('x'), first_name: 'a', last_name: 'b', password: strongPassword() }, 'roles'],
        [{ email: email('x'), first_name: 'a', last_name: 'b', password: strongPassword(), roles: ['no-such-role'] }, 'roles'],
        [{ email: email('x'), first_name: 'a', last_name: 'b', password: strongPassword(), roles: ['hotel-manager'] }, 'roles'],
      ];
      for (const [body, field] of cases) {
        const p = assertProblem(await call('POST', '/api/admin/users', admin, body), 422);
        assert.ok(p.errors?.[field], `${JSON.stringify(body)} -> error on ${field}: ${JSON.stringify(p.errors)}`);
      }
      const dup = { email: staff.email, first_name: 'a', last_name: 'b', password: strongPassword(), roles: [] };
      assertProblem(await call('POST', '/api/admin/users', admin, dup), 409, 'email_taken');
    });

    test('PATCH names with version; stale 409; missing version 422', async () => {
      const id = staff.user.id;
      const res = await call('PATCH', `/api/admin/users/${id}`, admin, { first_name: 'Samira', version: 1 });
      const u = assertStatus(res, 200);
      assert.equal(u.first_name, 'Samira');
      assert.equal(u.version, 2);
      assertProblem(await call('PATCH', `/api/admin/users/${id}`, admin, { last_name: 'X', version: 1 }), 409, 'stale_version');
      const p = assertProblem(await call('PATCH', `/api/admin/users/${id}`, admin, { last_name: 'X' }), 422);
      assert.equal(p.errors.version, 'is required');
      const v = assertStatus(await call('GET', `/api/admin/users/${id}`, admin), 200);
      assert.equal(v.last_name, 'Staff');
      assert.equal(v.version, 2);
    });

    test('admin password reset: the new password works, old sessions end', async () => {
      const id = staff.user.id;
      const current = assertStatus(await call('GET', `/api/admin/users/${id}`, admin), 200);
      const weak = await call('PATCH', `/api/admin/users/${id}`, admin, { password: 'aaaaaaaaaaaa', version: current.version });
      assert.ok(assertProblem(weak, 422).errors.password);
      const password = strongPassword();
      assertStatus(await call('PATCH', `/api/admin/users/${id}`, admin, { password, version: current.version }), 200);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: staff.pair.refresh_token } }), 401);
      staff.pair = await loginOk(server, staff.email, password);
      assertProblem(await login(server, staff.email, staff.password), 401);
      staff.password = password;
      const audit = await server.sql(`SELECT changes FROM audit_logs WHERE resource_id = '${id}'`);
      assert.ok(!audit.includes(password) && !audit.includes('argon2'), 'no secret in the audit log');
    });

    test('deactivation: access token -> 403, refresh token -> 401; reactivation lets them in again', async () => {
      const id = staff.user.id;
      const before = assertStatus(await call('GET', `/api/admin/users/${id}`, admin), 200);
      const off = await call('PATCH', `/api/admin/users/${id}`, admin, { is_active: false, version: before.version });
      assert.equal(assertStatus(off, 200).is_active, false);
      assertProblem(await call('GET', '/api/admin/hotels', staff.pair.access_token), 403);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: staff.pair.refresh_token } }), 401);
      assertProblem(await login(server, staff.email, staff.password), [401, 403]);
      const inactive = assertStatus(await call('GET', '/api/admin/users?is_active=false', admin), 200);
      assert.ok(ids(inactive.items).includes(id));
      const on = await call('PATCH', `/api/admin/users/${id}`, admin, { is_active: true, version: before.version + 1 });
      assert.equal(assertStatus(on, 200).is_active, true);
      await loginOk(server, staff.email, staff.password);
    });

    test('soft delete: 204, deleted_at set, sessions end, hidden from the list unless include_deleted', async () => {
      const gone = await makeUser('admin', admin, ['auditor']);
      const id = gone.user.id;
      assert.equal((await call('DELETE', `/api/admin/users/${id}`, admin)).status, 204);
      const u = assertStatus(await call('GET', `/api/admin/users/${id}`, admin), 200);
      assert.ok(u.deleted_at);
      assert.equal(u.is_active, false);
      assertProblem(await call('GET', '/api/admin/hotels', gone.pair.access_token), [401, 403]);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: gone.pair.refresh_token } }), 401);
      const list = assertStatus(await call('GET', '/api/admin/users?limit=100', admin), 200);
      assert.ok(!ids(list.items).includes(id));
      const withDeleted = assertStatus(await call('GET', '/api/admin/users?limit=100&include_deleted=true', admin), 200);
      assert.ok(ids(withDeleted.items).includes(id));
      assertProblem(await call('PATCH', `/api/admin/users/${id}`, admin, { first_name: 'Z', version: u.version }), 409);
      assertProblem(await call('DELETE', `/api/admin/users/${id}`, admin), 409);
    });

    test('nobody deactivates or deletes themselves', async () => {
      const me = assertStatus(await call('GET', `/api/admin/users/${adminId}`, admin), 200);
      assertProblem(await call('PATCH', `/api/admin/users/${adminId}`, admin, { is_active: false, version: me.version }), 409);
      assertProblem(await call('DELETE', `/api/admin/users/${adminId}`, admin), 409);
    });

    test('an unknown id or a hotel user id -> 404', async () => {
      assertProblem(await call('GET', '/api/admin/users/0190c7a4-0000-7000-8000-000000000000', admin), 404);
      assertProblem(await call('GET', `/api/admin/users/${managerAId}`, admin), 404);
      assertProblem(await call('DELETE', `/api/admin/users/${managerAId}`, admin), 404);
      assertProblem(await call('GET', '/api/admin/users/not-a-uuid', admin), 400);
    });
  });

  describe('last SuperAdmin', () => {
    let full; // a platform user with admin:* through a custom role, not SuperAdmin

    before(async () => {
      await makeRole('admin', admin, 'full-admin', ['admin:*']);
      full = await makeUser('admin', admin, ['full-admin']);
    });

    test('the last active SuperAdmin cannot be deactivated, stripped or deleted', async () => {
      const token = full.pair.access_token;
      const sa = assertStatus(await call('GET', `/api/admin/users/${adminId}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/admin/users/${adminId}`, token, { is_active: false, version: sa.version }),
        409,
        'last_super_admin',
      );
      assertProblem(
        await call('PATCH', `/api/admin/users/${adminId}`, token, { roles: [], version: sa.version }),
        409,
        'last_super_admin',
      );
      assertProblem(await call('DELETE', `/api/admin/users/${adminId}`, token), 409, 'last_super_admin');
      // Not even by themselves.
      assertProblem(
        await call('PATCH', `/api/admin/users/${adminId}`, admin, { roles: ['support'], version: sa.version }),
        409,
        'last_super_admin',
      );
      const after = assertStatus(await call('GET', `/api/admin/users/${adminId}`, admin), 200);
      assert.equal(after.is_active, true);
      assert.deepEqual(names(after.roles), ['super-admin']);
      assert.equal(after.version, sa.version);
    });

    test('with a second SuperAdmin, one of them can be stripped', async () => {
      const second = await makeUser('admin', admin, ['super-admin']);
      const off = await call('PATCH', `/api/admin/users/${second.user.id}`, full.pair.access_token, {
        roles: ['auditor'],
        version: second.user.version,
      });
      assert.deepEqual(names(assertStatus(off, 200).roles), ['auditor']);
    });
  });

  describe('platform escalation guard', () => {
    let roleAdmin; // holds admin:roles:* and admin:users:*, not admin:hotels:delete

    before(async () => {
      await makeRole('admin', admin, 'role-admin', ['admin:roles:*', 'admin:users:*']);
      roleAdmin = await makeUser('admin', admin, ['role-admin']);
    });

    test('creating a role with admin:* or a code one lacks -> 403', async () => {
      const token = roleAdmin.pair.access_token;
      for (const permissions of [['admin:*'], ['admin:hotels:delete'], ['admin:roles:read', 'admin:hotels:*']]) {
        const res = await call('POST', '/api/admin/roles', token, { name: `esc-${randomId(3)}`, display_name: 'x', permissions });
        assertProblem(res, 403, 'escalation_refused');
      }
      const ok = await makeRole('admin', token, `mine-${randomId(3)}`, ['admin:roles:read', 'admin:users:*']);
      assert.deepEqual(ok.permissions, ['admin:roles:read', 'admin:users:*']);
    });

    test('editing a role to add what one lacks, or touching a role above oneself -> 403', async () => {
      const token = roleAdmin.pair.access_token;
      const mine = await makeRole('admin', token, `edit-${randomId(3)}`, ['admin:users:read']);
      assertProblem(
        await call('PATCH', `/api/admin/roles/${mine.id}`, token, { permissions: ['admin:*'], version: 1 }),
        403,
        'escalation_refused',
      );
      const above = await makeRole('admin', admin, `above-${randomId(3)}`, ['admin:hotels:delete']);
      assertProblem(
        await call('PATCH', `/api/admin/roles/${above.id}`, token, { display_name: 'mine now', version: 1 }),
        403,
        'escalation_refused',
      );
      assertProblem(await call('DELETE', `/api/admin/roles/${above.id}`, token), 403, 'escalation_refused');
      assert.equal(assertStatus(await call('GET', `/api/admin/roles/${above.id}`, admin), 200).version, 1);
    });

    test('assigning a role one does not cover -> 403, on create and on PATCH, including to oneself', async () => {
      const token = roleAdmin.pair.access_token;
      const body = { email: email('esc'), first_name: 'E', last_name: 'S', password: strongPassword(), roles: ['super-admin'] };
      assertProblem(await call('POST', '/api/admin/users', token, body), 403, 'escalation_refused');
      assertProblem(await call('POST', '/api/admin/users', token, { ...body, roles: ['support'] }), 403, 'escalation_refused');
      const self = assertStatus(await call('GET', `/api/admin/users/${roleAdmin.user.id}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/admin/users/${roleAdmin.user.id}`, token, { roles: ['role-admin', 'super-admin'], version: self.version }),
        403,
        'escalation_refused',
      );
      const list = assertStatus(await call('GET', `/api/admin/users?q=${encodeURIComponent(body.email)}`, admin), 200);
      assert.equal(list.total, 0, 'nothing was created');
      const created = assertStatus(await call('POST', '/api/admin/users', token, { ...body, roles: ['role-admin'] }), 201);
      assert.deepEqual(names(created.roles), ['role-admin']);
    });
  });

  describe('hotel roles', () => {
    let custom;

    test('GET /api/hotel/permissions lists hotel codes only', async () => {
      const body = assertStatus(await call('GET', '/api/hotel/permissions', managerA), 200);
      assert.ok(body.items.length > 20);
      assert.ok(body.items.every((p) => p.code.startsWith('hotel:')));
      assert.ok(body.items.some((p) => p.code === 'hotel:payments:refund'));
      assert.ok(body.items.some((p) => p.code === 'hotel:events:read'), 'the domain events have their permission');
    });

    test("the tenant's system roles, and none of the platform's", async () => {
      const body = assertStatus(await call('GET', '/api/hotel/roles', managerA), 200);
      assert.deepEqual(names(body.items), ['accountant', 'front-desk', 'hotel-manager', 'housekeeping']);
      assert.ok(body.items.every((r) => r.is_system && r.scope === 'hotel'));
      const manager = body.items.find((r) => r.name === 'hotel-manager');
      assert.deepEqual(manager.permissions, ['hotel:*']);
      assert.equal(manager.user_count, 1);
      // Every hotel role follows the domain events (what each receives is limited by its reads).
      for (const r of body.items) {
        assert.ok(r.permissions.some((p) => ['hotel:*', 'hotel:events:*', 'hotel:events:read'].includes(p)), `${r.name}: ${r.permissions}`);
      }
    });

    test('create, update, list a custom hotel role', async () => {
      custom = await makeRole('hotel', managerA, 'night-audit', ['hotel:reservations:read', 'hotel:payments:read']);
      assert.equal(custom.scope, 'hotel');
      const patched = await call('PATCH', `/api/hotel/roles/${custom.id}`, managerA, {
        name: 'night-auditor',
        permissions: ['hotel:reservations:read', 'hotel:payments:read', 'hotel:reports:*'],
        version: 1,
      });
      const r = assertStatus(patched, 200);
      assert.equal(r.name, 'night-auditor');
      assert.equal(r.version, 2);
      const list = assertStatus(await call('GET', '/api/hotel/roles?is_system=false', managerA), 200);
      assert.deepEqual(names(list.items), ['night-auditor']);
      assertProblem(
        await call('PATCH', `/api/hotel/roles/${custom.id}`, managerA, { description: 'x', version: 1 }),
        409,
        'stale_version',
      );
      assertProblem(await call('PATCH', `/api/hotel/roles/${custom.id}`, managerA, { description: 'x' }), 422);
    });

    test('a hotel role can never hold an admin: code (422)', async () => {
      for (const permissions of [['admin:hotels:read'], ['hotel:guests:read', 'admin:*']]) {
        const p = assertProblem(
          await call('POST', '/api/hotel/roles', managerA, { name: 'sneaky', display_name: 'x', permissions }),
          422,
        );
        assert.ok(p.errors.permissions);
      }
      const p = assertProblem(
        await call('PATCH', `/api/hotel/roles/${custom.id}`, managerA, { permissions: ['admin:users:read'], version: 2 }),
        422,
      );
      assert.ok(p.errors.permissions);
    });

    test('role names are unique per tenant, not across tenants', async () => {
      assertProblem(
        await call('POST', '/api/hotel/roles', managerA, { name: 'front-desk', display_name: 'x', permissions: ['hotel:guests:read'] }),
        409,
        'role_name_taken',
      );
      const inB = await makeRole('hotel', managerB, 'night-auditor', ['hotel:guests:read']);
      assert.notEqual(inB.id, custom.id);
    });

    test('system hotel roles cannot be changed or deleted', async () => {
      const list = assertStatus(await call('GET', '/api/hotel/roles?q=front', managerA), 200);
      const fd = list.items.find((r) => r.name === 'front-desk');
      assertProblem(
        await call('PATCH', `/api/hotel/roles/${fd.id}`, managerA, { permissions: ['hotel:*'], version: fd.version }),
        409,
        'system_role_immutable',
      );
      assertProblem(await call('DELETE', `/api/hotel/roles/${fd.id}`, managerA), 409, 'system_role_immutable');
    });
  });

  describe('hotel staff', () => {
    let clerk;

    test('create a member: 201, in this tenant, can log in there', async () => {
      clerk = await makeUser('hotel', managerA, ['front-desk']);
      assert.equal(clerk.user.user_type, 'hotel');
      assert.equal(clerk.user.is_active, true);
      assert.ok(clerk.user.joined_at);
      assert.deepEqual(names(clerk.user.roles), ['front-desk']);
      assert.equal(clerk.pair.user.tenant.id, hotelA.id);
      assert.ok(clerk.pair.user.permissions.includes('hotel:guests:read'));
      assert.ok(clerk.pair.user.permissions.includes('hotel:events:read'), 'every hotel role follows the domain events');
      assert.ok(!clerk.pair.user.permissions.includes('hotel:users:read'));
      assertProblem(await call('GET', '/api/hotel/users', clerk.pair.access_token), 403, 'missing_permission');
    });

    test('list, search and paginate members of this tenant only', async () => {
      await makeUser('hotel', managerA, ['housekeeping']);
      const all = assertStatus(await call('GET', '/api/hotel/users?limit=100', managerA), 200);
      assert.equal(all.total, 3);
      assert.ok(ids(all.items).includes(managerAId));
      const p2 = assertStatus(await call('GET', '/api/hotel/users?limit=2&page=2&sort=email', managerA), 200);
      assert.equal(p2.items.length, 1);
      assert.equal(p2.total, 3);
      const q = assertStatus(await call('GET', `/api/hotel/users?q=${encodeURIComponent(clerk.email)}`, managerA), 200);
      assert.deepEqual(ids(q.items), [clerk.user.id]);
      const inB = assertStatus(await call('GET', '/api/hotel/users?limit=100', managerB), 200);
      assert.equal(inB.total, 1, "tenant B sees only its manager");
      assert.ok(!ids(inB.items).includes(clerk.user.id));
      const pct = assertStatus(await call('GET', '/api/hotel/users?q=%25', managerA), 200);
      assert.equal(pct.total, 0, "'%' is searched literally");
    });

    test("an email used in another tenant -> 409 email_taken without naming the tenant", async () => {
      const inB = await makeUser('hotel', managerB, ['housekeeping']);
      const res = await call('POST', '/api/hotel/users', managerA, {
        email: inB.email,
        first_name: 'X',
        last_name: 'Y',
        password: strongPassword(),
        roles: [],
      });
      assertProblem(res, 409, 'email_taken');
      for (const secret of [hotelB.id, hotelB.name, hotelB.slug]) assert.ok(!res.text.includes(secret), 'no tenant named');
    });

    test('PATCH a member: names, roles by name or id, version checks', async () => {
      const id = clerk.user.id;
      const roles = assertStatus(await call('GET', '/api/hotel/roles?q=night', managerA), 200);
      const night = roles.items[0];
      const res = await call('PATCH', `/api/hotel/users/${id}`, managerA, {
        last_name: 'Clerk',
        roles: ['front-desk', night.id],
        version: clerk.user.version,
      });
      const u = assertStatus(res, 200);
      assert.equal(u.last_name, 'Clerk');
      assert.deepEqual(names(u.roles), ['front-desk', 'night-auditor']);
      assert.equal(u.version, clerk.user.version + 1);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${id}`, managerA, { first_name: 'Old', version: clerk.user.version }),
        409,
        'stale_version',
      );
      assertProblem(await call('PATCH', `/api/hotel/users/${id}`, managerA, { first_name: 'Nover' }), 422);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${id}`, managerA, { first_name: '', version: u.version }),
        422,
      );
      const viaHeader = await call('PATCH', `/api/hotel/users/${id}`, managerA, { first_name: 'Cleo' }, { 'if-match': String(u.version) });
      clerk.user = assertStatus(viaHeader, 200);
      assert.equal(clerk.user.first_name, 'Cleo');
    });

    test('deleting a custom role in use removes the grant', async () => {
      const roles = assertStatus(await call('GET', '/api/hotel/roles?q=night', managerA), 200);
      assert.equal(roles.items[0].user_count, 1);
      assert.equal((await call('DELETE', `/api/hotel/roles/${roles.items[0].id}`, managerA)).status, 204);
      const u = assertStatus(await call('GET', `/api/hotel/users/${clerk.user.id}`, managerA), 200);
      assert.deepEqual(names(u.roles), ['front-desk']);
      clerk.user = u;
    });

    test('hotel password reset: new password works, the old refresh token is refused', async () => {
      const password = strongPassword();
      const res = await call('PATCH', `/api/hotel/users/${clerk.user.id}`, managerA, { password, version: clerk.user.version });
      clerk.user = assertStatus(res, 200);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: clerk.pair.refresh_token } }), 401);
      clerk.pair = await loginOk(server, clerk.email, password);
      clerk.password = password;
    });

    test('deactivating a member: access -> 403, refresh -> 401; reactivation restores access', async () => {
      const { access_token: access, refresh_token: refresh } = clerk.pair;
      assertStatus(await call('GET', '/api/auth/me', access), 200);
      const off = await call('PATCH', `/api/hotel/users/${clerk.user.id}`, managerA, { is_active: false, version: clerk.user.version });
      clerk.user = assertStatus(off, 200);
      assert.equal(clerk.user.is_active, false);
      const denied = await call('GET', '/api/hotel/roles', access);
      assertProblem(denied, 403);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: refresh } }), 401);
      const on = await call('PATCH', `/api/hotel/users/${clerk.user.id}`, managerA, { is_active: true, version: clerk.user.version });
      clerk.user = assertStatus(on, 200);
      clerk.pair = await loginOk(server, clerk.email, clerk.password);
    });

    test('DELETE ends the membership only: 204, member shown inactive, its token refused', async () => {
      const gone = await makeUser('hotel', managerA, ['housekeeping']);
      assert.equal((await call('DELETE', `/api/hotel/users/${gone.user.id}`, managerA)).status, 204);
      const u = assertStatus(await call('GET', `/api/hotel/users/${gone.user.id}`, managerA), 200);
      assert.equal(u.is_active, false);
      assert.equal(u.version, gone.user.version + 1);
      assertProblem(await call('GET', '/api/auth/me', gone.pair.access_token), 403);
      assertProblem(await server.request('POST', '/api/auth/refresh', { body: { refresh_token: gone.pair.refresh_token } }), 401);
      assert.equal((await call('DELETE', `/api/hotel/users/${gone.user.id}`, managerA)).status, 204, 'idempotent');
    });

    test('a manager cannot deactivate or delete themselves', async () => {
      const me = assertStatus(await call('GET', `/api/hotel/users/${managerAId}`, managerA), 200);
      assertProblem(await call('PATCH', `/api/hotel/users/${managerAId}`, managerA, { is_active: false, version: me.version }), 409);
      assertProblem(await call('DELETE', `/api/hotel/users/${managerAId}`, managerA), 409);
    });

    test('every change is audited in the tenant chain, without secrets', async () => {
      const rows = await server.sql(
        `SELECT action FROM audit_logs WHERE tenant_id = '${hotelA.id}' AND resource_type IN ('user', 'role') ORDER BY chain_seq`,
      );
      const actions = rows.split('\n');
      for (const a of ['user.created', 'user.updated', 'user.deleted', 'role.created', 'role.updated', 'role.deleted']) {
        assert.ok(actions.includes(a), `audit has ${a}: ${actions.join(', ')}`);
      }
      const changes = await server.sql(`SELECT changes FROM audit_logs WHERE tenant_id = '${hotelA.id}'`);
      assert.ok(!/argon2|Kc-/.test(changes), 'no password or hash in the audit log');
    });
  });

  describe('hotel escalation guard', () => {
    let limited; // hotel:users:* + hotel:roles:*, no payments
    let target;

    before(async () => {
      await makeRole('hotel', managerA, 'staff-admin', ['hotel:users:*', 'hotel:roles:*']);
      limited = await makeUser('hotel', managerA, ['staff-admin']);
      target = await makeUser('hotel', managerA, ['housekeeping']);
    });

    test('creating a role with hotel:payments:* (not held) -> 403', async () => {
      const token = limited.pair.access_token;
      for (const permissions of [['hotel:payments:*'], ['hotel:payments:refund'], ['hotel:*'], ['hotel:users:read', 'hotel:guests:read']]) {
        const res = await call('POST', '/api/hotel/roles', token, { name: `esc-${randomId(3)}`, display_name: 'x', permissions });
        assertProblem(res, 403, 'escalation_refused');
      }
      const ok = await makeRole('hotel', token, `sub-${randomId(3)}`, ['hotel:users:read', 'hotel:roles:read']);
      assert.equal(ok.scope, 'hotel');
    });

    test('assigning a role one does not cover -> 403 (create, PATCH, oneself)', async () => {
      const token = limited.pair.access_token;
      const body = { email: email('esc'), first_name: 'E', last_name: 'S', password: strongPassword(), roles: ['accountant'] };
      assertProblem(await call('POST', '/api/hotel/users', token, body), 403, 'escalation_refused');
      const t = assertStatus(await call('GET', `/api/hotel/users/${target.user.id}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${target.user.id}`, token, { roles: ['housekeeping', 'accountant'], version: t.version }),
        403,
        'escalation_refused',
      );
      const self = assertStatus(await call('GET', `/api/hotel/users/${limited.user.id}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${limited.user.id}`, token, { roles: ['staff-admin', 'hotel-manager'], version: self.version }),
        403,
        'escalation_refused',
      );
      const after = assertStatus(await call('GET', `/api/hotel/users/${target.user.id}`, managerA), 200);
      assert.deepEqual(names(after.roles), ['housekeeping']);
      assert.equal(after.version, t.version);
    });

    test('widening a role, or acting on a user who holds more, -> 403', async () => {
      const token = limited.pair.access_token;
      const roles = assertStatus(await call('GET', '/api/hotel/roles?q=staff-admin', token), 200);
      const sa = roles.items.find((r) => r.name === 'staff-admin');
      assertProblem(
        await call('PATCH', `/api/hotel/roles/${sa.id}`, token, { permissions: ['hotel:*'], version: sa.version }),
        403,
        'escalation_refused',
      );
      const mgr = assertStatus(await call('GET', `/api/hotel/users/${managerAId}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${managerAId}`, token, { is_active: false, version: mgr.version }),
        403,
        'escalation_refused',
      );
      assertProblem(
        await call('PATCH', `/api/hotel/users/${managerAId}`, token, { password: strongPassword(), version: mgr.version }),
        403,
        'escalation_refused',
      );
      assertProblem(await call('DELETE', `/api/hotel/users/${managerAId}`, token), 403, 'escalation_refused');
      assertProblem(
        await call('PATCH', `/api/hotel/users/${managerAId}`, token, { roles: [], version: mgr.version }),
        403,
        'escalation_refused',
      );
    });
  });

  describe('tenant isolation', () => {
    let user; // a member of A
    let role; // a custom role of A

    before(async () => {
      user = (await makeUser('hotel', managerA, ['housekeeping'])).user;
      role = await makeRole('hotel', managerA, `iso-${randomId(3)}`, ['hotel:guests:read']);
    });

    test("tenant B's manager: GET/PATCH/DELETE on A's user id -> 404, A's data unchanged", async () => {
      const path = `/api/hotel/users/${user.id}`;
      const notFound = assertProblem(await call('GET', path, managerB), 404);
      assertProblem(await call('PATCH', path, managerB, { first_name: 'Hacked', is_active: false, version: user.version }), 404);
      assertProblem(await call('PATCH', path, managerB, { password: strongPassword(), version: user.version }), 404);
      assertProblem(await call('DELETE', path, managerB), 404);
      const missing = assertProblem(await call('GET', '/api/hotel/users/0190c7a4-0000-7000-8000-000000000001', managerB), 404);
      assert.equal(notFound.code, missing.code);
      assert.equal(notFound.detail, missing.detail, 'the same answer as for an id that does not exist');
      const seen = assertStatus(await call('GET', path, managerA), 200);
      const keep = (u) => ({ first_name: u.first_name, is_active: u.is_active, version: u.version, roles: names(u.roles) });
      assert.deepEqual(keep(seen), keep(user));
    });

    test("tenant B's manager: GET/PATCH/DELETE on A's role id -> 404, A's role unchanged", async () => {
      const path = `/api/hotel/roles/${role.id}`;
      assertProblem(await call('GET', path, managerB), 404);
      assertProblem(await call('PATCH', path, managerB, { permissions: ['hotel:*'], version: role.version }), 404);
      assertProblem(await call('DELETE', path, managerB), 404);
      const seen = assertStatus(await call('GET', path, managerA), 200);
      const keep = (r) => ({ name: r.name, permissions: r.permissions, version: r.version });
      assert.deepEqual(keep(seen), keep(role));
    });

    test("A's role id or a platform role is unknown to tenant B's user forms (422)", async () => {
      const body = { email: email('iso'), first_name: 'I', last_name: 'S', password: strongPassword() };
      for (const roles of [[role.id], [role.name], ['super-admin']]) {
        const p = assertProblem(await call('POST', '/api/hotel/users', managerB, { ...body, roles }), 422);
        assert.ok(p.errors.roles);
      }
    });

    test('platform admins reach hotel staff routes only through impersonation', async () => {
      assertProblem(await call('GET', '/api/hotel/users', admin), 403);
      assertProblem(await call('GET', `/api/admin/roles/${role.id}`, admin), 404);
    });
  });

  describe('impersonation', () => {
    let token;
    let target;

    before(async () => {
      target = (await makeUser('hotel', managerA, ['housekeeping'])).user;
      const res = await call('POST', '/api/admin/impersonation/start', admin, {
        target_tenant_id: hotelA.id,
        reason: 'staff test: support ticket 42',
      });
      if (res.status === 200 || res.status === 201) token = res.json.access_token;
      else if (!isMissingRoute(res)) assert.fail(`impersonation start: ${res.status} ${res.text}`);
    });

    test('no password changes, no deactivation, no deletion while impersonating', async (t) => {
      if (!token) return t.skip('impersonation is not implemented yet');
      const u = assertStatus(await call('GET', `/api/hotel/users/${target.id}`, token), 200);
      assertProblem(
        await call('PATCH', `/api/hotel/users/${target.id}`, token, { password: strongPassword(), version: u.version }),
        403,
        'impersonation_forbidden',
      );
      assertProblem(
        await call('PATCH', `/api/hotel/users/${target.id}`, token, { is_active: false, version: u.version }),
        403,
        'impersonation_forbidden',
      );
      assertProblem(await call('DELETE', `/api/hotel/users/${target.id}`, token), 403);
      const renamed = await call('PATCH', `/api/hotel/users/${target.id}`, token, { first_name: 'Renamed', version: u.version });
      assert.equal(assertStatus(renamed, 200).first_name, 'Renamed');
      const row = await server.sql(
        `SELECT impersonated_by FROM audit_logs WHERE action = 'user.updated' AND resource_id = '${target.id}'`,
      );
      assert.equal(row, adminId, 'the audit entry names the admin behind the impersonation');
    });

    test('an impersonating admin cannot grant what hotel-manager lacks (hotel:users:delete is withheld)', async (t) => {
      if (!token) return t.skip('impersonation is not implemented yet');
      const res = await call('POST', '/api/hotel/roles', token, { name: 'deleter', display_name: 'x', permissions: ['hotel:users:delete'] });
      assertProblem(res, 403, 'escalation_refused');
    });
  });
});
