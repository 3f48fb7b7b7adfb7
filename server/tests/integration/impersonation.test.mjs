// Impersonation end to end (API.md): start needs admin:hotels:impersonate, a
// reason and a target tenant (optionally a target user); a session row; at most
// 60 minutes; the token acts in the tenant with the target user's permissions
// (Hotel Manager's when none is named) minus credential changes and user
// deletion, audited with the admin and the session; no nesting; end closes the
// session and returns an admin token; an ended or expired session's token is 401.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import {
  assertProblem,
  assertStatus,
  decodeJwt,
  loginOk,
  randomId,
  strongPassword,
} from './lib/api.mjs';
import {
  adminAudit,
  hotelStaff,
  impersonate,
  listAll,
  listOk,
  platformStaff,
  platformStaffWith,
} from './lib/platform.mjs';
import { hotelTenant } from './lib/hotel.mjs';

describe('impersonation', () => {
  let server;
  let admin;
  let adminId;
  let A; // {hotel, manager, token, managerId}
  let B;
  let desk; // a Front Desk member of A
  let support; // platform staff with the Support role

  const call = (method, path, token, body) => server.request(method, path, { token, body });
  const start = (token, body) => call('POST', '/api/admin/impersonation/start', token, body);
  const reason = () => `support ticket #${randomId(3)}`;
  const propertyBody = () => {
    const code = `I${randomId(3).toUpperCase()}`;
    return { name: `Property ${code}`, code, timezone: 'Europe/Lisbon', currency: 'EUR' };
  };
  const sessions = (params) => listAll(server, admin, '/api/admin/impersonation/sessions', params);
  const sessionRow = async (id) => (await sessions({})).find((s) => s.id === id);

  before(async () => {
    server = await startServer();
    const pair = await loginOk(server, server.admin.email, server.admin.password);
    admin = pair.access_token;
    adminId = pair.user.id;
    A = await hotelTenant(server, admin);
    B = await hotelTenant(server, admin);
    desk = await hotelStaff(server, A.token, ['front-desk']);
    support = await platformStaff(server, admin, ['support']);
  });
  after(async () => {
    await server?.stop();
  });

  describe('start: who, why, where and how long', () => {
    test('a reason is required (422), and a target tenant', async () => {
      for (const body of [
        { target_tenant_id: A.hotel.id },
        { target_tenant_id: A.hotel.id, reason: '' },
        { target_tenant_id: A.hotel.id, reason: '    ' },
      ]) {
        const problem = assertProblem(await start(admin, body), 422);
        assert.ok(problem.errors?.reason, JSON.stringify(problem));
      }
      const problem = assertProblem(await start(admin, { reason: reason() }), 422);
      assert.ok(problem.errors?.target_tenant_id, JSON.stringify(problem));
      assertProblem(await start(admin, { target_tenant_id: 'not-a-uuid', reason: reason() }), [400, 422]);
    });

    test('at most 60 minutes: 61 or 0 -> 422; 60 -> expires_in 3600', async () => {
      for (const duration_minutes of [61, 0, -5, 1e6, 'ten']) {
        const res = await start(admin, { target_tenant_id: A.hotel.id, reason: reason(), duration_minutes });
        const problem = assertProblem(res, 422);
        assert.ok(problem.errors?.duration_minutes, res.text);
      }
      const s = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: reason(), duration_minutes: 60 });
      assert.equal(s.expires_in, 3600);
      const { payload } = decodeJwt(s.access_token);
      assert.ok(payload.exp - payload.iat <= 3600, `token lives ${payload.exp - payload.iat} s`);
      const row = await sessionRow(s.session_id);
      const minutes = (Date.parse(row.expires_at) - Date.parse(row.started_at)) / 60_000;
      assert.ok(minutes > 59.9 && minutes <= 60, `session lasts ${minutes} minutes`);
      assertStatus(await call('POST', '/api/admin/impersonation/end', s.access_token), 200, 'end');
    });

    test('the default session is at most 60 minutes too', async () => {
      const s = await impersonate(server, admin, { target_tenant_id: A.hotel.id, reason: reason() });
      assert.ok(s.expires_in > 0 && s.expires_in <= 3600, `expires_in ${s.expires_in}`);
      const row = await sessionRow(s.session_id);
      assert.ok(Date.parse(row.expires_at) - Date.parse(row.started_at) <= 3_600_000);
      assertStatus(await call('POST', '/api/admin/impersonation/end', s.access_token), 200, 'end');
    });

    test('without admin:hotels:impersonate -> 403 (Auditor, a hotel manager); no session is opened', async () => {
      const auditor = await platformStaff(server, admin, ['auditor']);
      const before = (await sessions({})).length;
      assertProblem(await start(auditor.token, { target_tenant_id: A.hotel.id, reason: reason() }), 403);
      assertProblem(await start(A.token, { target_tenant_id: A.hotel.id, reason: reason() }), 403);
      assertProblem(await start(undefined, { target_tenant_id: A.hotel.id, reason: reason() }), 401);
      assert.equal((await sessions({})).length, before);
    });

    test('unknown tenant -> 404; an inactive tenant -> refused; a target user of another tenant -> 404', async () => {
      assertProblem(await start(admin, { target_tenant_id: '01890000-0000-7000-8000-000000000000', reason: reason() }), 404);
      const other = await hotelTenant(server, admin);
      assertStatus(
        await call('POST', `/api/admin/hotels/${other.hotel.id}/status`, admin, { status: 'SUSPENDED', reason: 'unpaid' }),
        200,
      );
      assertProblem(await start(admin, { target_tenant_id: other.hotel.id, reason: reason() }), [403, 409]);
      assertProblem(
        await start(admin, { target_tenant_id: A.hotel.id, target_user_id: B.managerId, reason: reason() }),
        404,
      );
      assertProblem(await start(admin, { target_tenant_id: A.hotel.id, target_user_id: adminId, reason: reason() }), 404);
    });
  });

  describe("acting in the tenant with Hotel Manager's permissions", () => {
    let s; // start answer
    let token;
    before(async () => {
      s = await impersonate(server, support.token, { target_tenant_id: A.hotel.id, reason: 'guest cannot check in (#77)' });
      token = s.access_token;
    });

    test('the answer, the token claims and the session row', async () => {
      assert.match(s.session_id, /^[0-9a-f-]{36}$/);
      const { payload } = decodeJwt(token);
      assert.equal(payload.tenant_id, A.hotel.id);
      assert.equal(payload.impersonation.session_id, s.session_id);
      assert.equal(payload.impersonation.tenant_id, A.hotel.id);
      assert.equal(payload.impersonation.tenant_name, A.hotel.name);
      assert.equal(payload.impersonation.admin_user_id, support.user.id);
      assert.equal(payload.act?.sub, support.user.id, 'RFC 8693 act claim names the admin');
      const row = await sessionRow(s.session_id);
      assert.equal(row.tenant_id, A.hotel.id);
      assert.equal(row.admin_user_id, support.user.id);
      assert.equal(row.reason, 'guest cannot check in (#77)');
      assert.equal(row.target_user_id, null);
      assert.equal(row.ended_at, null);
      assert.equal(row.status, 'active');
      const raw = await server.sql(`SELECT reason FROM impersonation_sessions WHERE id = '${s.session_id}'`);
      assert.equal(raw, 'guest cannot check in (#77)');
    });

    test('me: the tenant, hotel-manager, no hotel:users:delete, and the impersonation', async () => {
      const me = assertStatus(await call('GET', '/api/auth/me', token), 200, 'me');
      assert.equal(me.tenant.id, A.hotel.id);
      assert.deepEqual(me.roles, ['hotel-manager']);
      assert.ok(me.permissions.includes('hotel:users:read'));
      assert.ok(me.permissions.includes('hotel:properties:create'));
      assert.ok(!me.permissions.includes('hotel:users:delete'), 'user deletion is withheld');
      assert.ok(!me.permissions.some((p) => p.startsWith('admin:')), 'no admin codes inside the hotel');
      assert.equal(me.impersonation.session_id, s.session_id);
      assert.equal(me.impersonation.admin_user_id, support.user.id);
    });

    test('creates a property in the tenant; the manager sees it; the other tenant does not', async () => {
      const property = assertStatus(await call('POST', '/api/hotel/properties', token, propertyBody()), 201, 'create');
      assertStatus(await call('GET', `/api/hotel/properties/${property.id}`, A.token), 200, 'manager reads it');
      assertProblem(await call('GET', `/api/hotel/properties/${property.id}`, B.token), 404);
      // manager-only routes answer
      assertStatus(await call('GET', '/api/hotel/users', token), 200, 'hotel:users:read');
      assertStatus(await call('GET', '/api/hotel/roles', token), 200, 'hotel:roles:read');

      // Audit: in A's chain, naming the admin and the session.
      const [entry] = await adminAudit(server, admin, { tenant_id: A.hotel.id, resource_id: property.id });
      assert.ok(entry, 'audit entry of the new property');
      assert.equal(entry.tenant_id, A.hotel.id);
      assert.equal(entry.actor_user_id, support.user.id);
      assert.equal(entry.impersonated_by, support.user.id);
      assert.equal(entry.impersonation_session_id, s.session_id);
      // The hotel itself sees who did it.
      const own = await listAll(server, A.token, '/api/hotel/audit-logs', { resource_id: property.id });
      assert.equal(own.length, 1);
      assert.equal(own[0].impersonated_by, support.user.id);
      // The session start is in both chains.
      const starts = await adminAudit(server, admin, { action: 'impersonation.started', resource_id: s.session_id });
      assert.deepEqual(starts.map((e) => e.tenant_id ?? 'platform').sort(), [A.hotel.id, 'platform'].sort());
      for (const e of starts) assert.equal(e.changes.reason, 'guest cannot check in (#77)');
      const verify = assertStatus(await call('GET', `/api/admin/audit-logs/verify?tenant_id=${A.hotel.id}`, admin), 200);
      assert.equal(verify.ok, true, JSON.stringify(verify));
      // Filtering the trail by the admin finds what they did while impersonating.
      const bySupport = await adminAudit(server, admin, { user_id: support.user.id, tenant_id: A.hotel.id });
      assert.ok(bySupport.some((e) => e.resource_id === property.id));
    });

    test('no credential changes and no user deletion while impersonating', async () => {
      const target = desk.user;
      const u = assertStatus(await call('GET', `/api/hotel/users/${target.id}`, token), 200);
      assertProblem(await call('PATCH', `/api/hotel/users/${target.id}`, token, { password: strongPassword(), version: u.version }), 403);
      assertProblem(await call('PATCH', `/api/hotel/users/${target.id}`, token, { is_active: false, version: u.version }), 403);
      assertProblem(await call('DELETE', `/api/hotel/users/${target.id}`, token), 403);
      assertProblem(
        await call('POST', '/api/auth/change-password', token, { current_password: 'whatever-1A!', new_password: strongPassword() }),
        403,
      );
      assertProblem(await call('POST', '/api/hotel/roles', token, { name: 'deleter', display_name: 'D', permissions: ['hotel:users:delete'] }), 403);
      // The member still logs in with the old password and is active.
      await loginOk(server, desk.email, desk.password);
      const after = assertStatus(await call('GET', `/api/hotel/users/${target.id}`, A.token), 200);
      assert.equal(after.is_active, true);
      assert.equal(after.version, u.version);
    });

    test('no nested impersonation, no admin routes, no tenant switch', async () => {
      assertProblem(await start(token, { target_tenant_id: B.hotel.id, reason: reason() }), 403);
      assertProblem(await start(token, { target_tenant_id: A.hotel.id, reason: reason() }), 403);
      assertProblem(await call('GET', '/api/admin/hotels', token), 403);
      assertProblem(await call('GET', '/api/admin/impersonation/sessions', token), 403);
      assertProblem(await call('POST', '/api/auth/switch-tenant', token, { tenant_id: B.hotel.id }), 403);
      const open = await sessions({ admin_user_id: support.user.id, active: true });
      assert.deepEqual(open.map((x) => x.id), [s.session_id], 'no second session was opened');
    });

    test('a suspended tenant locks the impersonation out too, on the next request', async () => {
      await call('POST', `/api/admin/hotels/${A.hotel.id}/status`, admin, { status: 'SUSPENDED', reason: 'check' });
      assertProblem(await call('GET', '/api/hotel/properties', token), 403, 'tenant_inactive');
      await call('POST', `/api/admin/hotels/${A.hotel.id}/status`, admin, { status: 'ACTIVE', reason: 'check done' });
      assertStatus(await call('GET', '/api/hotel/properties', token), 200, 'back');
    });

    test('end: closes the session, answers an admin token pair; the old token -> 401', async () => {
      const res = await call('POST', '/api/admin/impersonation/end', token);
      const pair = assertStatus(res, 200, 'end');
      assert.equal(typeof pair.access_token, 'string');
      assert.equal(typeof pair.refresh_token, 'string');
      const claims = decodeJwt(pair.access_token).payload;
      assert.equal(claims.sub, support.user.id);
      assert.equal(claims.user_type, 'admin');
      assert.equal(claims.impersonation, undefined);
      assert.equal(claims.tenant_id ?? null, null);
      assertStatus(await call('GET', '/api/admin/hotels', pair.access_token), 200, 'admin token works');
      const me = assertStatus(await call('GET', '/api/auth/me', pair.access_token), 200);
      assert.equal(me.impersonation, null);
      // The refresh token of the pair is an admin session too.
      const refreshed = assertStatus(await call('POST', '/api/auth/refresh', undefined, { refresh_token: pair.refresh_token }), 200);
      assert.equal(decodeJwt(refreshed.access_token).payload.user_type, 'admin');

      for (const path of ['/api/hotel/properties', '/api/auth/me']) {
        assertProblem(await call('GET', path, token), 401);
      }
      assertProblem(await call('POST', '/api/hotel/properties', token, propertyBody()), 401);
      assertProblem(await call('POST', '/api/admin/impersonation/end', token), 401);

      const row = await sessionRow(s.session_id);
      assert.equal(row.status, 'ended');
      assert.match(row.ended_at, /^\d{4}-\d\d-\d\dT/);
      const ends = await adminAudit(server, admin, { action: 'impersonation.ended', resource_id: s.session_id });
      assert.deepEqual(ends.map((e) => e.tenant_id ?? 'platform').sort(), [A.hotel.id, 'platform'].sort());
      for (const e of ends) assert.equal(e.impersonation_session_id === null || e.impersonation_session_id === s.session_id, true);
    });

    test('end with a token that is not an impersonation -> 403', async () => {
      assertProblem(await call('POST', '/api/admin/impersonation/end', admin), 403);
      assertProblem(await call('POST', '/api/admin/impersonation/end', A.token), 403);
    });
  });

  describe("a named target user: that user's permissions", () => {
    let s;
    before(async () => {
      s = await impersonate(server, admin, { target_tenant_id: A.hotel.id, target_user_id: desk.user.id, reason: reason() });
    });

    test('me is the Front Desk user, with the admin behind it', async () => {
      const me = assertStatus(await call('GET', '/api/auth/me', s.access_token), 200);
      assert.equal(me.id, desk.user.id);
      assert.deepEqual(me.roles, ['front-desk']);
      assert.equal(me.impersonation.admin_user_id, adminId);
      assert.ok(!me.permissions.includes('hotel:users:read'));
      const row = await sessionRow(s.session_id);
      assert.equal(row.target_user_id, desk.user.id);
    });

    test('manager-only routes -> 403; Front Desk work -> 2xx, audited as the user with impersonated_by', async () => {
      for (const path of ['/api/hotel/users', '/api/hotel/roles', '/api/hotel/audit-logs']) {
        assertProblem(await call('GET', path, s.access_token), 403);
      }
      assertProblem(await call('POST', '/api/hotel/properties', s.access_token, propertyBody()), 403);
      const guest = assertStatus(
        await call('POST', '/api/hotel/guests', s.access_token, { first_name: 'Ivy', last_name: `Imp${randomId(2)}` }),
        201,
        'front desk creates a guest',
      );
      const [entry] = await adminAudit(server, admin, { tenant_id: A.hotel.id, resource_id: guest.id });
      assert.equal(entry.actor_user_id, desk.user.id);
      assert.equal(entry.impersonated_by, adminId);
      assert.equal(entry.impersonation_session_id, s.session_id);
      assert.equal(entry.action, 'guest.created');
    });

    test("the target user's own token and password are untouched; end works", async () => {
      assertStatus(await call('GET', '/api/hotel/guests', desk.token), 200, "the user's own token");
      assertStatus(await call('POST', '/api/admin/impersonation/end', s.access_token), 200, 'end');
      assertProblem(await call('GET', '/api/hotel/guests', s.access_token), 401);
      assertStatus(await call('GET', '/api/hotel/guests', desk.token), 200, "the user's own token after the end");
    });

    test('deactivating the target user ends the impersonation acting as them', async () => {
      const temp = await hotelStaff(server, A.token, ['housekeeping']);
      const t = await impersonate(server, admin, { target_tenant_id: A.hotel.id, target_user_id: temp.user.id, reason: reason() });
      assertStatus(await call('GET', '/api/hotel/rooms', t.access_token), 200, 'housekeeping reads rooms');
      const u = assertStatus(await call('GET', `/api/hotel/users/${temp.user.id}`, A.token), 200);
      assertStatus(await call('PATCH', `/api/hotel/users/${temp.user.id}`, A.token, { is_active: false, version: u.version }), 200);
      assertProblem(await call('GET', '/api/hotel/rooms', t.access_token), 401);
      assert.equal((await sessionRow(t.session_id)).status, 'ended');
    });

    test('a deactivated target user cannot be impersonated (404)', async () => {
      const temp = await hotelStaff(server, A.token, ['housekeeping']);
      const u = assertStatus(await call('GET', `/api/hotel/users/${temp.user.id}`, A.token), 200);
      assertStatus(await call('PATCH', `/api/hotel/users/${temp.user.id}`, A.token, { is_active: false, version: u.version }), 200);
      assertProblem(await start(admin, { target_tenant_id: A.hotel.id, target_user_id: temp.user.id, reason: reason() }), 404);
    });
  });

  describe('expiry', () => {
    test('a session past its expires_at: the token -> 401, listed as expired, not active', async () => {
      const s = await impersonate(server, admin, { target_tenant_id: B.hotel.id, reason: reason(), duration_minutes: 1 });
      assert.equal(s.expires_in, 60);
      assertStatus(await call('GET', '/api/hotel/properties', s.access_token), 200, 'before expiry');
      // Move the session's end into the past, as the schema owner.
      await server.sql(`UPDATE impersonation_sessions SET expires_at = started_at WHERE id = '${s.session_id}'`);
      assertProblem(await call('GET', '/api/hotel/properties', s.access_token), 401);
      assertProblem(await call('POST', '/api/hotel/properties', s.access_token, propertyBody()), 401);
      assertProblem(await call('POST', '/api/admin/impersonation/end', s.access_token), 401);
      const row = await sessionRow(s.session_id);
      assert.equal(row.status, 'expired');
      const active = await sessions({ active: true });
      assert.ok(!active.some((x) => x.id === s.session_id));
      const inactive = await sessions({ active: false });
      assert.ok(inactive.some((x) => x.id === s.session_id));
    });

    test('deactivating the admin ends their impersonation at once', async () => {
      const helper = await platformStaff(server, admin, ['support']);
      const s = await impersonate(server, helper.token, { target_tenant_id: B.hotel.id, reason: reason() });
      assertStatus(await call('GET', '/api/hotel/properties', s.access_token), 200);
      const u = assertStatus(await call('GET', `/api/admin/users/${helper.user.id}`, admin), 200);
      assertStatus(await call('PATCH', `/api/admin/users/${helper.user.id}`, admin, { is_active: false, version: u.version }), 200);
      assertProblem(await call('GET', '/api/hotel/properties', s.access_token), [401, 403]);
      // The session is over, not left "active" in the list and on the dashboard.
      const row = await sessionRow(s.session_id);
      assert.equal(row.status, 'ended', JSON.stringify(row));
      assert.ok(!(await sessions({ active: true })).some((x) => x.id === s.session_id));
    });
  });

  describe('session list', () => {
    let sA;
    let sB;
    before(async () => {
      sA = await impersonate(server, support.token, { target_tenant_id: A.hotel.id, reason: 'list check A' });
      sB = await impersonate(server, admin, { target_tenant_id: B.hotel.id, reason: 'list check B' });
    });

    test('filters: tenant_id, admin_user_id, active', async () => {
      const ofB = await sessions({ tenant_id: B.hotel.id });
      assert.ok(ofB.length >= 2);
      assert.ok(ofB.every((x) => x.tenant_id === B.hotel.id));
      assert.ok(ofB.some((x) => x.id === sB.session_id));
      const bySupport = await sessions({ admin_user_id: support.user.id });
      assert.ok(bySupport.every((x) => x.admin_user_id === support.user.id && x.admin_email === support.email));
      assert.ok(bySupport.some((x) => x.id === sA.session_id));
      const active = await sessions({ active: true });
      assert.deepEqual(active.map((x) => x.id).sort(), [sA.session_id, sB.session_id].sort());
      assert.ok(active.every((x) => x.status === 'active' && x.ended_at === null));
      const all = await sessions({});
      const inactive = await sessions({ active: false });
      assert.equal(inactive.length + active.length, all.length);
      assert.ok(inactive.every((x) => x.status !== 'active'));
      const both = await sessions({ tenant_id: A.hotel.id, admin_user_id: support.user.id, active: true });
      assert.deepEqual(both.map((x) => x.id), [sA.session_id]);
      assert.equal(both[0].tenant_name, A.hotel.name);
      assert.equal(both[0].reason, 'list check A');
    });

    test('newest first; pagination of 1 per page covers every session once', async () => {
      const first = await listOk(server, admin, '/api/admin/impersonation/sessions', { limit: 1 });
      assert.equal(first.items[0].id, sB.session_id);
      const all = await listAll(server, admin, '/api/admin/impersonation/sessions', {}, 1);
      const starts = all.map((x) => x.started_at);
      assert.deepEqual(starts, [...starts].sort().reverse());
    });

    test('sort=started_at lists oldest first; an unknown sort field -> 400', async () => {
      const asc = await listAll(server, admin, '/api/admin/impersonation/sessions', { sort: 'started_at' }, 1);
      const starts = asc.map((x) => x.started_at);
      assert.ok(starts.length >= 2, 'several sessions to order');
      assert.deepEqual(starts, [...starts].sort());
      assert.notEqual(asc[0].id, sB.session_id, 'the newest session is not first');
      assertProblem(await call('GET', '/api/admin/impersonation/sessions?sort=reason', admin), 400);
    });

    test('bad filters -> 400; needs admin:impersonation:read', async () => {
      for (const q of ['tenant_id=nope', 'admin_user_id=1', 'active=perhaps', 'limit=500']) {
        assertProblem(await call('GET', `/api/admin/impersonation/sessions?${q}`, admin), 400);
      }
      const staff = await platformStaffWith(server, admin, ['admin:hotels:read']);
      assertProblem(await call('GET', '/api/admin/impersonation/sessions', staff.token), 403);
      assertProblem(await call('GET', '/api/admin/impersonation/sessions', A.token), 403);
      const auditor = await platformStaff(server, admin, ['auditor']);
      assertStatus(await call('GET', '/api/admin/impersonation/sessions', auditor.token), 200, 'auditor reads sessions');
    });
  });
});
