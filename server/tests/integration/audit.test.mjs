// The audit trail: one entry per state-changing request (actor, IP, user
// agent, request id, before/after, never a secret), filters and pagination in
// both panels (a hotel sees only its own), per-tenant hash chains that
// GET /api/admin/audit-logs/verify and `keycard audit verify` check, and an
// audit table the application's database role cannot change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, login, loginOk, randomId, strongPassword } from './lib/api.mjs';
import { book, hotelTenant, setupProperty } from './lib/hotel.mjs';
import {
  adminAudit,
  hotelStaff,
  impersonate,
  keycardCli,
  listAll,
  listOk,
  platformStaff,
  platformStaffWith,
} from './lib/platform.mjs';

describe('audit trail', () => {
  let server;
  let admin;
  let adminId;
  let A;
  let B;
  let desk; // Front Desk member of A
  const secrets = []; // every password and token seen by this suite

  const call = (method, path, token, body, headers) => server.request(method, path, { token, body, headers });
  const keep = (...values) => {
    for (const v of values) if (typeof v === 'string' && v.length >= 8) secrets.push(v);
    return values[0];
  };

  before(async () => {
    server = await startServer();
    const pair = await loginOk(server, server.admin.email, server.admin.password);
    keep(server.admin.password, pair.access_token, pair.refresh_token);
    admin = pair.access_token;
    adminId = pair.user.id;
    A = await hotelTenant(server, admin);
    B = await hotelTenant(server, admin);
    keep(A.manager.password, A.token, A.refresh, B.manager.password, B.token, B.refresh);
    desk = await hotelStaff(server, A.token, ['front-desk']);
    keep(desk.password, desk.token, desk.refresh);
    // Some hotel data in both tenants.
    await book(A, await setupProperty(A, { rooms: 2 }));
    await setupProperty(B, { rooms: 1 });
  });
  after(async () => {
    await server?.stop();
  });

  describe('entries', () => {
    test('every state-changing request writes its entry: actor, tenant, IP, user agent, request id, time', async () => {
      const property = assertStatus(await call('GET', '/api/hotel/properties', A.token), 200).items[0];
      const role = { name: `night-${randomId(2)}`, display_name: 'Night', permissions: ['hotel:rooms:read'] };
      let roleId;
      let staffId;
      let hotelId;
      const pwd = keep(strongPassword());
      // [label, token, method, path, body | () => body, expected {tenant, action, resource_type, actor}]
      const cases = [
        ['hotel: create role', A.token, 'POST', '/api/hotel/roles', role, { tenant: A.hotel.id, action: 'role.created', resource_type: 'role', actor: A.managerId }],
        ['hotel: update role', A.token, 'PATCH', () => `/api/hotel/roles/${roleId}`, () => ({ display_name: 'Nights', version: 1 }), { tenant: A.hotel.id, action: 'role.updated', resource_type: 'role', actor: A.managerId }],
        ['hotel: create user', A.token, 'POST', '/api/hotel/users', { email: `au-${randomId(3)}@hotel.test`, first_name: 'Au', last_name: 'Dit', password: pwd, roles: [role.name] }, { tenant: A.hotel.id, action: 'user.created', resource_type: 'user', actor: A.managerId }],
        ['hotel: update property', A.token, 'PATCH', `/api/hotel/properties/${property.id}`, { name: `Renamed ${randomId(2)}`, version: property.version }, { tenant: A.hotel.id, resource_type: 'property', actor: A.managerId }],
        ['hotel: create guest (front desk)', desk.token, 'POST', '/api/hotel/guests', { first_name: 'Gus', last_name: 'Guest' }, { tenant: A.hotel.id, action: 'guest.created', resource_type: 'guest', actor: desk.user.id }],
        ['hotel: delete role', A.token, 'DELETE', () => `/api/hotel/roles/${roleId}`, undefined, { tenant: A.hotel.id, action: 'role.deleted', resource_type: 'role', actor: A.managerId }],
        ['admin: create hotel', admin, 'POST', '/api/admin/hotels', { name: 'Audit Inn', slug: `audit-${randomId(3)}`, type: 'CHAIN', email: 'audit@inn.test' }, { tenant: null, action: 'hotel.created', resource_type: 'tenant', actor: adminId }],
        ['admin: hotel status', admin, 'POST', () => `/api/admin/hotels/${hotelId}/status`, { status: 'ACTIVE', reason: 'paid up' }, { tenant: null, action: 'hotel.status_changed', resource_type: 'tenant', actor: adminId }],
        ['admin: create staff', admin, 'POST', '/api/admin/users', { email: `ps-${randomId(3)}@platform.test`, first_name: 'P', last_name: 'S', password: pwd, roles: ['auditor'] }, { tenant: null, action: 'user.created', resource_type: 'user', actor: adminId }],
        ['admin: update staff', admin, 'PATCH', () => `/api/admin/users/${staffId}`, { last_name: 'Staffer', version: 1 }, { tenant: null, action: 'user.updated', resource_type: 'user', actor: adminId }],
        ['admin: delete staff', admin, 'DELETE', () => `/api/admin/users/${staffId}`, undefined, { tenant: null, action: 'user.deleted', resource_type: 'user', actor: adminId }],
      ];
      for (const [label, token, method, pathOf, bodyOf, want] of cases) {
        const requestId = `audit-${randomId(6)}`;
        const agent = `keycard-audit-test/${randomId(2)}`;
        const path = typeof pathOf === 'function' ? pathOf() : pathOf;
        const body = typeof bodyOf === 'function' ? bodyOf() : bodyOf;
        const startedAt = Date.now();
        const res = await call(method, path, token, body, { 'x-request-id': requestId, 'user-agent': agent });
        assert.ok(res.status >= 200 && res.status < 300, `${label}: ${res.status} ${res.text.slice(0, 300)}`);
        if (label === 'hotel: create role') roleId = res.json.id;
        if (label === 'admin: create hotel') hotelId = res.json.id;
        if (label === 'admin: create staff') staffId = res.json.id;
        const entries = (await adminAudit(server, admin, { from: new Date(startedAt - 5000).toISOString() })).filter(
          (e) => e.request_id === requestId,
        );
        assert.equal(entries.length, 1, `${label}: one entry for the request (${entries.length})`);
        const [e] = entries;
        assert.equal(e.tenant_id, want.tenant, `${label}: tenant`);
        if (want.action) assert.equal(e.action, want.action, `${label}: action`);
        assert.equal(e.resource_type, want.resource_type, `${label}: resource type`);
        assert.equal(e.actor_user_id, want.actor, `${label}: actor`);
        assert.equal(typeof e.actor_email, 'string');
        assert.equal(e.impersonated_by, null);
        assert.equal(e.ip, '127.0.0.1', `${label}: ip`);
        assert.equal(e.user_agent, agent, `${label}: user agent`);
        assert.match(e.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        assert.ok(Math.abs(Date.parse(e.created_at) - startedAt) < 60_000, `${label}: time`);
        if (method !== 'DELETE' && res.json?.id) assert.equal(e.resource_id, res.json.id, `${label}: resource id`);
        if (method !== 'POST' || path.endsWith('/status')) assert.equal(e.resource_id, path.split('/')[4], `${label}: resource id`);
      }
    });

    test('login, logout and change-password are audited too', async () => {
      const member = await hotelStaff(server, A.token, ['housekeeping']);
      keep(member.password, member.token, member.refresh);
      const next = keep(strongPassword());
      const rid = `pw-${randomId(4)}`;
      assertStatus(
        await call('POST', '/api/auth/change-password', member.token, { current_password: member.password, new_password: next }, { 'x-request-id': rid }),
        204,
      );
      const pair = await loginOk(server, member.email, next);
      keep(pair.access_token, pair.refresh_token);
      assertStatus(await call('POST', '/api/auth/logout', undefined, { refresh_token: pair.refresh_token }), 204);
      const mine = await adminAudit(server, admin, { user_id: member.user.id });
      const actions = mine.map((e) => e.action);
      for (const a of ['auth.password_changed', 'auth.login', 'auth.logout']) assert.ok(actions.includes(a), `${a} in ${actions}`);
      const changed = mine.find((e) => e.action === 'auth.password_changed');
      assert.equal(changed.request_id, rid);
      assert.equal(changed.tenant_id, A.hotel.id);
    });

    test('updates carry the changed fields before and after', async () => {
      const u = assertStatus(await call('GET', `/api/hotel/users/${desk.user.id}`, A.token), 200);
      assertStatus(
        await call('PATCH', `/api/hotel/users/${desk.user.id}`, A.token, { first_name: 'Renata', roles: ['front-desk', 'housekeeping'], version: u.version }),
        200,
      );
      const [e] = await adminAudit(server, admin, { action: 'user.updated', resource_id: desk.user.id });
      assert.deepEqual(e.changes.first_name, { before: u.first_name, after: 'Renata' });
      assert.deepEqual(e.changes.roles, { before: ['front-desk'], after: ['front-desk', 'housekeeping'] });
      assert.equal(e.changes.last_name, undefined, 'unchanged fields are left out');
    });

    test('refused requests write nothing', async () => {
      const count = async () => (await listOk(server, admin, '/api/admin/audit-logs', { limit: 1 })).total;
      const before = await count();
      const refused = [
        [A.token, 'POST', '/api/hotel/roles', { name: 'Bad Name', display_name: 'x', permissions: ['hotel:rooms:read'] }], // 422
        [A.token, 'POST', '/api/hotel/roles', { name: 'front-desk', display_name: 'x', permissions: ['hotel:rooms:read'] }], // 409
        [desk.token, 'POST', '/api/hotel/properties', { name: 'X', code: 'X', timezone: 'UTC', currency: 'EUR' }], // 403
        [admin, 'POST', '/api/admin/hotels', { name: 'X', slug: A.hotel.slug, type: 'CHAIN', email: 'x@x.test' }], // 409
        [admin, 'POST', `/api/admin/hotels/${B.hotel.id}/status`, { status: 'ACTIVE' }], // 422
        [admin, 'PATCH', `/api/admin/hotels/${B.hotel.id}`, { name: 'Stale', version: 999 }], // 409
      ];
      for (const [token, method, path, body] of refused) {
        const res = await call(method, path, token, body);
        assert.ok(res.status >= 400 && res.status < 500, `${method} ${path}: ${res.status}`);
      }
      assert.equal(await count(), before);
    });

    test('secrets never reach the audit log (passwords, hashes, tokens)', async () => {
      // More secrets: a reset by an admin and by a manager.
      const staff = await platformStaff(server, admin, ['support']);
      keep(staff.password, staff.token);
      const s = assertStatus(await call('GET', `/api/admin/users/${staff.user.id}`, admin), 200);
      const reset1 = keep(strongPassword());
      assertStatus(await call('PATCH', `/api/admin/users/${staff.user.id}`, admin, { password: reset1, version: s.version }), 200);
      const m = await hotelStaff(server, A.token, ['housekeeping']);
      keep(m.password, m.token, m.refresh);
      const mu = assertStatus(await call('GET', `/api/hotel/users/${m.user.id}`, A.token), 200);
      const reset2 = keep(strongPassword());
      assertStatus(await call('PATCH', `/api/hotel/users/${m.user.id}`, A.token, { password: reset2, version: mu.version }), 200);
      const imp = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: 'secret check' });
      keep(imp.access_token);
      const end = assertStatus(await call('POST', '/api/admin/impersonation/end', imp.access_token), 200);
      keep(end.access_token, end.refresh_token);

      const dump = await server.sql('SELECT * FROM audit_logs');
      assert.ok(dump.length > 1000, 'the audit log is not empty');
      const hashes = (await server.sql('SELECT password_hash FROM users')).split('\n').filter(Boolean);
      const tokenHashes = (await server.sql('SELECT token_hash FROM refresh_sessions')).split('\n').filter(Boolean);
      assert.ok(hashes.length >= 5 && tokenHashes.length >= 5);
      for (const secret of [...secrets, ...hashes, ...tokenHashes]) {
        assert.ok(!dump.includes(secret), `a secret (${secret.slice(0, 12)}…) is in the audit log`);
      }
      assert.ok(!/\$argon2/.test(dump), 'no password hash in the audit log');
      // The resets themselves are audited, as a fact without the value.
      const [r1] = await adminAudit(server, admin, { action: 'user.updated', resource_id: staff.user.id });
      assert.ok(r1 && 'password' in r1.changes, 'the admin reset is audited');
      const [r2] = await adminAudit(server, admin, { action: 'user.updated', resource_id: m.user.id });
      assert.ok(r2 && 'password' in r2.changes, 'the manager reset is audited');
    });
  });

  describe('filters and pagination', () => {
    let all;
    before(async () => {
      all = await adminAudit(server, admin);
    });

    test('tenant_id: one tenant, or the platform chain', async () => {
      const ofA = await adminAudit(server, admin, { tenant_id: A.hotel.id });
      assert.ok(ofA.length >= 5);
      assert.ok(ofA.every((e) => e.tenant_id === A.hotel.id));
      const platform = await adminAudit(server, admin, { tenant_id: 'platform' });
      assert.ok(platform.length >= 3);
      assert.ok(platform.every((e) => e.tenant_id === null));
      const ofB = await adminAudit(server, admin, { tenant_id: B.hotel.id });
      assert.equal(ofA.length + ofB.length + platform.length, all.length);
    });

    test('user_id: what a user did, also while impersonated', async () => {
      const byDesk = await adminAudit(server, admin, { user_id: desk.user.id });
      assert.ok(byDesk.length >= 2);
      assert.ok(byDesk.every((e) => e.actor_user_id === desk.user.id || e.impersonated_by === desk.user.id));
      const byAdmin = await adminAudit(server, admin, { user_id: adminId });
      assert.ok(byAdmin.some((e) => e.tenant_id === A.hotel.id && e.impersonated_by === adminId), 'impersonated work');
      assert.deepEqual(
        byAdmin.map((e) => e.id).sort(),
        all.filter((e) => e.actor_user_id === adminId || e.impersonated_by === adminId).map((e) => e.id).sort(),
      );
    });

    test('action: exact, or a prefix up to a dot', async () => {
      const created = await adminAudit(server, admin, { action: 'user.created' });
      assert.ok(created.length >= 4);
      assert.ok(created.every((e) => e.action === 'user.created'));
      const users = await adminAudit(server, admin, { action: 'user' });
      assert.deepEqual(users.map((e) => e.id).sort(), all.filter((e) => e.action.startsWith('user.')).map((e) => e.id).sort());
      assert.ok(users.some((e) => e.action === 'user.updated'));
      assert.equal((await adminAudit(server, admin, { action: 'use' })).length, 0, 'no partial words');
      assert.equal((await adminAudit(server, admin, { action: '%' })).length, 0, 'no wildcards');
    });

    test('resource_type', async () => {
      const tenants = await adminAudit(server, admin, { resource_type: 'tenant' });
      assert.deepEqual(tenants.map((e) => e.id).sort(), all.filter((e) => e.resource_type === 'tenant').map((e) => e.id).sort());
      assert.ok(tenants.length >= 3);
      const combined = await adminAudit(server, admin, { resource_type: 'role', tenant_id: A.hotel.id, action: 'role.deleted' });
      assert.equal(combined.length, 1);
    });

    test('from and to: dates and RFC 3339 times', async () => {
      const times = all.map((e) => e.created_at).sort();
      const mid = times[Math.floor(times.length / 2)];
      const later = await adminAudit(server, admin, { from: mid });
      assert.deepEqual(later.map((e) => e.id).sort(), all.filter((e) => e.created_at >= mid).map((e) => e.id).sort());
      const earlier = await adminAudit(server, admin, { to: mid });
      assert.deepEqual(earlier.map((e) => e.id).sort(), all.filter((e) => e.created_at < mid).map((e) => e.id).sort());
      assert.equal(later.length + earlier.length, all.length);
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const firstDay = times[0].slice(0, 10);
      assert.equal((await adminAudit(server, admin, { from: tomorrow })).length, 0);
      assert.equal((await adminAudit(server, admin, { to: yesterday })).length, all.filter((e) => e.created_at < today).length);
      assert.equal((await adminAudit(server, admin, { from: firstDay, to: today })).length, all.length, 'to a date includes that day');
      for (const bad of ['yesterday', '2024-13-45', '2024-02-30', '12:00', '2024-01-01T25:00:00Z', '2024-01-01T00:00:00Zjunk']) {
        assertProblem(await call('GET', `/api/admin/audit-logs?from=${bad}`, admin), 400);
      }
    });

    test('pagination: newest first; small pages give the same sequence; sort=created_at reverses it', async () => {
      const paged = await listAll(server, admin, '/api/admin/audit-logs', {}, 7);
      assert.deepEqual(paged.map((e) => e.id), all.map((e) => e.id));
      const stamps = all.map((e) => e.created_at);
      assert.deepEqual(stamps, [...stamps].sort().reverse());
      const asc = await listAll(server, admin, '/api/admin/audit-logs', { sort: 'created_at' });
      assert.deepEqual(asc.map((e) => e.id), [...all].reverse().map((e) => e.id));
      for (const q of ['limit=101', 'page=0', 'sort=action', 'user_id=me', 'tenant_id=acme']) {
        assertProblem(await call('GET', `/api/admin/audit-logs?${q}`, admin), 400);
      }
    });

    test('needs admin:audit:read', async () => {
      const staff = await platformStaffWith(server, admin, ['admin:hotels:read']);
      assertProblem(await call('GET', '/api/admin/audit-logs', staff.token), 403);
      assertProblem(await call('GET', '/api/admin/audit-logs/verify', staff.token), 403);
      assertProblem(await call('GET', '/api/admin/audit-logs', A.token), 403);
      const auditor = await platformStaff(server, admin, ['auditor']);
      assertStatus(await call('GET', '/api/admin/audit-logs', auditor.token), 200);
    });
  });

  describe('hotel panel: its own entries only', () => {
    test("the manager sees exactly the tenant's entries, whatever tenant_id says", async () => {
      const own = await listAll(server, A.token, '/api/hotel/audit-logs');
      const viaAdmin = await adminAudit(server, admin, { tenant_id: A.hotel.id });
      assert.deepEqual(own.map((e) => e.id), viaAdmin.map((e) => e.id));
      const probe = await listAll(server, A.token, '/api/hotel/audit-logs', { tenant_id: B.hotel.id });
      assert.ok(probe.every((e) => e.tenant_id === A.hotel.id));
      const ofB = await listAll(server, B.token, '/api/hotel/audit-logs');
      assert.ok(ofB.length >= 1 && ofB.every((e) => e.tenant_id === B.hotel.id));
      const platformOnes = await adminAudit(server, admin, { tenant_id: 'platform' });
      const ownIds = new Set(own.map((e) => e.id));
      assert.ok(!platformOnes.some((e) => ownIds.has(e.id)));
    });

    test('filters work in the hotel panel', async () => {
      const roles = await listAll(server, A.token, '/api/hotel/audit-logs', { resource_type: 'role' });
      assert.ok(roles.length >= 3 && roles.every((e) => e.resource_type === 'role' && e.tenant_id === A.hotel.id));
      const byDesk = await listAll(server, A.token, '/api/hotel/audit-logs', { user_id: desk.user.id, action: 'guest' });
      assert.ok(byDesk.length >= 1 && byDesk.every((e) => e.action.startsWith('guest.')));
      assert.equal((await listAll(server, B.token, '/api/hotel/audit-logs', { user_id: desk.user.id })).length, 0);
    });

    test('without hotel:audit:read -> 403; an admin token -> 403', async () => {
      assertProblem(await call('GET', '/api/hotel/audit-logs', desk.token), 403);
      assertProblem(await call('GET', '/api/hotel/audit-logs', admin), 403);
    });
  });

  describe('hash chain and append-only storage', () => {
    test('each entry links to the previous hash of its chain; verify: ok, every entry checked', async () => {
      const rows = (await server.sql(
        "SELECT coalesce(CAST(tenant_id AS TEXT), 'platform'), chain_seq, prev_hash, hash FROM audit_logs ORDER BY 1, 2",
      ))
        .split('\n')
        .map((l) => l.split('|'));
      const byChain = new Map();
      for (const r of rows) byChain.set(r[0], [...(byChain.get(r[0]) ?? []), r]);
      assert.ok(byChain.has('platform') && byChain.has(A.hotel.id) && byChain.has(B.hotel.id));
      for (const [chain, list] of byChain) {
        list.forEach((r, i) => {
          assert.equal(Number(r[1]), i + 1, `${chain}: sequence without gaps`);
          assert.match(r[3], /^[0-9a-f]{64}$/);
          if (i > 0) assert.equal(r[2], list[i - 1][3], `${chain} #${i + 1}: prev_hash is the previous hash`);
        });
      }
      const v = assertStatus(await call('GET', '/api/admin/audit-logs/verify', admin), 200);
      assert.deepEqual({ ok: v.ok, first_broken_id: v.first_broken_id }, { ok: true, first_broken_id: null });
      assert.equal(v.checked, rows.length);
      const vA = assertStatus(await call('GET', `/api/admin/audit-logs/verify?tenant_id=${A.hotel.id}`, admin), 200);
      assert.equal(vA.checked, byChain.get(A.hotel.id).length);
      const cli = await keycardCli(server, ['audit', 'verify']);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.match(cli.stdout, new RegExp(`intact: ${rows.length} entries`));
    });

    if (IS_POSTGRES) {
      test('PostgreSQL: keycard_app cannot UPDATE, DELETE or TRUNCATE audit_logs', async () => {
        const [id] = (await server.sql(`SELECT id FROM audit_logs WHERE tenant_id = '${A.hotel.id}' LIMIT 1`)).split('\n');
        const row = await server.sql(`SELECT action, changes, hash FROM audit_logs WHERE id = '${id}'`);
        for (const stmt of [
          `UPDATE audit_logs SET action = 'forged' WHERE id = '${id}'`,
          `DELETE FROM audit_logs WHERE id = '${id}'`,
          'TRUNCATE audit_logs',
        ]) {
          await assert.rejects(server.sqlAsApp(A.hotel.id, stmt), /permission denied/, stmt);
        }
        // It still reads and appends (its own tenant's rows).
        assert.ok(Number(await server.sqlAsApp(A.hotel.id, 'SELECT count(*) FROM audit_logs')) >= 1);
        const privileges = await server.sql(
          "SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) FROM information_schema.role_table_grants WHERE grantee = 'keycard_app' AND table_name = 'audit_logs'",
        );
        assert.equal(privileges, 'INSERT,SELECT');
        assert.equal(await server.sql(`SELECT action, changes, hash FROM audit_logs WHERE id = '${id}'`), row);
      });
    } else {
      test('SQLite: triggers refuse UPDATE and DELETE on audit_logs', async () => {
        const [id] = (await server.sql(`SELECT id FROM audit_logs WHERE tenant_id = '${A.hotel.id}' LIMIT 1`)).split('\n');
        const action = await server.sql(`SELECT action FROM audit_logs WHERE id = '${id}'`);
        await assert.rejects(server.sql(`UPDATE audit_logs SET action = 'forged' WHERE id = '${id}';`), /append-only/);
        await assert.rejects(server.sql(`DELETE FROM audit_logs WHERE id = '${id}';`), /append-only/);
        await assert.rejects(server.sql('DELETE FROM audit_logs;'), /append-only/);
        assert.equal(await server.sql(`SELECT action FROM audit_logs WHERE id = '${id}'`), action);
      });
    }
  });

  // Last: these break the chains on purpose.
  describe('tampering is detected', () => {
    // Runs SQL as the schema owner; on SQLite the owner drops the trigger
    // that stands in the way, then puts it back.
    async function asOwner(stmt, trigger) {
      if (IS_POSTGRES) return server.sql(stmt);
      const ddl = await server.sql(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '${trigger}'`);
      assert.match(ddl, /CREATE TRIGGER/);
      return server.sql(`BEGIN; DROP TRIGGER ${trigger}; ${stmt}; ${ddl}; COMMIT;`);
    }
    const verify = async (q = '') => assertStatus(await call('GET', `/api/admin/audit-logs/verify${q}`, admin), 200);

    test("a changed entry in a tenant's chain is named by the API and by `keycard audit verify`", async () => {
      const ids = (await server.sql(`SELECT id FROM audit_logs WHERE tenant_id = '${A.hotel.id}' ORDER BY chain_seq`)).split('\n');
      assert.ok(ids.length >= 5);
      const victim = ids[Math.floor(ids.length / 2)];
      await asOwner(`UPDATE audit_logs SET changes = '{"forged":true}' WHERE id = '${victim}'`, 'audit_logs_no_update');
      assert.equal(await server.sql(`SELECT changes FROM audit_logs WHERE id = '${victim}'`), '{"forged":true}');

      const v = await verify();
      assert.equal(v.ok, false);
      assert.equal(v.first_broken_id, victim);
      const vA = await verify(`?tenant_id=${A.hotel.id}`);
      assert.deepEqual([vA.ok, vA.first_broken_id], [false, victim]);
      assert.deepEqual([(await verify(`?tenant_id=${B.hotel.id}`)).ok, (await verify('?tenant_id=platform')).ok], [true, true]);

      const cli = await keycardCli(server, ['audit', 'verify']);
      assert.notEqual(cli.code, 0, 'a broken chain fails the command');
      assert.ok(cli.stdout.includes(victim), `the command names ${victim}: ${cli.stdout}${cli.stderr}`);
      const cliA = await keycardCli(server, ['audit', 'verify', '--tenant', A.hotel.id]);
      assert.notEqual(cliA.code, 0);
      assert.ok(cliA.stdout.includes(victim));
      const cliB = await keycardCli(server, ['audit', 'verify', '--tenant', B.hotel.id]);
      assert.equal(cliB.code, 0, cliB.stdout + cliB.stderr);
    });

    test('the trigger is back after the owner put it back (SQLite)', { skip: IS_POSTGRES && 'SQLite only' }, async () => {
      await assert.rejects(server.sql('DELETE FROM audit_logs;'), /append-only/);
    });

    test('a removed entry in the platform chain: the entry after it is named', async () => {
      const ids = (await server.sql('SELECT id FROM audit_logs WHERE tenant_id IS NULL ORDER BY chain_seq')).split('\n');
      assert.ok(ids.length >= 4);
      const i = 2;
      await asOwner(`DELETE FROM audit_logs WHERE id = '${ids[i]}'`, 'audit_logs_no_delete');
      const v = await verify('?tenant_id=platform');
      assert.deepEqual([v.ok, v.first_broken_id], [false, ids[i + 1]]);
      // The platform chain is checked first when no chain is named.
      assert.equal((await verify()).first_broken_id, ids[i + 1]);
      const cli = await keycardCli(server, ['audit', 'verify', '--tenant', 'platform']);
      assert.notEqual(cli.code, 0);
      assert.ok(cli.stdout.includes(ids[i + 1]), cli.stdout);
    });

    test('a forged entry appended to a chain is named', async () => {
      const [last] = (await server.sql(
        `SELECT chain_seq, hash FROM audit_logs WHERE tenant_id = '${B.hotel.id}' ORDER BY chain_seq DESC LIMIT 1`,
      )).split('\n');
      const [seq, hash] = last.split('|');
      const id = '01890000-0000-7000-8000-00000000f0f0';
      await server.sql(
        `INSERT INTO audit_logs (id, tenant_id, chain_seq, action, resource_type, changes, created_at, prev_hash, hash)
         VALUES ('${id}', '${B.hotel.id}', ${Number(seq) + 1}, 'guest.deleted', 'guest', '{}', '${new Date().toISOString()}', '${hash}', '${'0'.repeat(64)}');`,
      );
      const v = await verify(`?tenant_id=${B.hotel.id}`);
      assert.deepEqual([v.ok, v.first_broken_id], [false, id]);
    });
  });
});
