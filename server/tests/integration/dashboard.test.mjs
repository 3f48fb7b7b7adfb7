// The platform dashboard (GET /api/admin/dashboard) against a scenario built
// on a fresh database: hotels by status and type, users, reservations of the
// last 30 days per tenant, active impersonations and the recent audit events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, loginOk, randomId } from './lib/api.mjs';
import { book, hotelTenant, setupProperty } from './lib/hotel.mjs';
import { adminAudit, hotelStaff, impersonate, platformStaff, platformStaffWith } from './lib/platform.mjs';

describe('admin dashboard', () => {
  let server;
  let admin;
  let H1; // CHAIN, ACTIVE, 3 reservations
  let H2; // INDEPENDENT, TRIAL, 1 recent + 1 old reservation
  let lastHotelName;

  const call = (method, path, token, body) => server.request(method, path, { token, body });
  const dashboard = async (token = admin) => assertStatus(await call('GET', '/api/admin/dashboard', token), 200, 'dashboard');
  const newHotel = async (type, extra = {}) => {
    const slug = `dash-${randomId(3)}`;
    return assertStatus(
      await call('POST', '/api/admin/hotels', admin, { name: `Dash ${slug}`, slug, type, email: `${slug}@dash.test`, ...extra }),
      201,
    );
  };
  const setStatus = async (id, status) =>
    assertStatus(await call('POST', `/api/admin/hotels/${id}/status`, admin, { status, reason: 'dashboard scenario' }), 200);

  before(async () => {
    server = await startServer();
    admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;

    // Hotels: one deleted (with its manager), the others by status and type.
    H1 = await hotelTenant(server, admin, { type: 'CHAIN' });
    await setStatus(H1.hotel.id, 'ACTIVE');
    H2 = await hotelTenant(server, admin, { type: 'INDEPENDENT' });
    await setStatus((await newHotel('INDEPENDENT')).id, 'SUSPENDED');
    await setStatus((await newHotel('FRANCHISE')).id, 'EXPIRED');
    const gone = await hotelTenant(server, admin, { type: 'VACATION_RENTAL' });

    // Users: platform staff (one deactivated), hotel members (one deactivated).
    await platformStaff(server, admin, ['support']);
    await platformStaff(server, admin, ['auditor']);
    const leaver = await platformStaff(server, admin, ['auditor']);
    assertStatus(await call('PATCH', `/api/admin/users/${leaver.user.id}`, admin, { is_active: false, version: leaver.user.version }), 200);
    await hotelStaff(server, H1.token, ['front-desk']);
    const member = await hotelStaff(server, H1.token, ['housekeeping']);
    assertStatus(await call('PATCH', `/api/hotel/users/${member.user.id}`, H1.token, { is_active: false, version: member.user.version }), 200);

    // Reservations: 3 in H1, 2 in H2 of which one was made 40 days ago.
    const s1 = await setupProperty(H1, { rooms: 3 });
    for (let i = 0; i < 3; i++) await book(H1, s1);
    const s2 = await setupProperty(H2, { rooms: 2 });
    await book(H2, s2);
    const old = await book(H2, s2);
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000).toISOString().replace('Z', '000Z');
    await server.sql(`UPDATE reservations SET created_at = '${fortyDaysAgo}' WHERE id = '${old.id}'`);
    // The deleted hotel had a booking too; it is kept, but the hotel is gone.
    const s3 = await setupProperty(gone, { rooms: 1 });
    await book(gone, s3);
    assertStatus(await call('DELETE', `/api/admin/hotels/${gone.hotel.id}`, admin), 204);

    // Impersonations: one ended, one expired, one active.
    const ended = await impersonate(server, admin, { target_tenant_id: H1.hotel.id, reason: 'dashboard: ended' });
    assertStatus(await call('POST', '/api/admin/impersonation/end', ended.access_token), 200);
    const expired = await impersonate(server, admin, { target_tenant_id: H2.hotel.id, reason: 'dashboard: expired' });
    await server.sql(`UPDATE impersonation_sessions SET expires_at = started_at WHERE id = '${expired.session_id}'`);
    await impersonate(server, admin, { target_tenant_id: H2.hotel.id, reason: 'dashboard: active' });

    // The last audited change.
    lastHotelName = `Dash renamed ${randomId(3)}`;
    assertStatus(await call('PATCH', `/api/admin/hotels/${H2.hotel.id}`, admin, { name: lastHotelName, version: 1 }), 200);
  });
  after(async () => {
    await server?.stop();
  });

  test('hotels by status and by type, deleted ones left out, every value present', async () => {
    const d = await dashboard();
    assert.equal(d.hotels.total, 4);
    assert.deepEqual(d.hotels.by_status, { TRIAL: 1, ACTIVE: 1, SUSPENDED: 1, EXPIRED: 1, CANCELLED: 0 });
    assert.deepEqual(d.hotels.by_type, {
      CHAIN: 1,
      INDEPENDENT: 2,
      FRANCHISE: 1,
      MANAGEMENT_COMPANY: 0,
      VACATION_RENTAL: 0,
    });
  });

  test('users: active platform staff; hotel users with an active membership of a hotel that exists', async () => {
    const d = await dashboard();
    // bootstrap admin + support + auditor (the deactivated auditor is left out)
    assert.equal(d.users.platform, 3);
    // H1's manager and front desk, H2's manager (not the deactivated member, not the deleted hotel's manager)
    assert.equal(d.users.hotel, 3);
  });

  test('reservations made in the last 30 days, per tenant, busiest first', async () => {
    const d = await dashboard();
    const r = d.reservations_last_30_days;
    assert.equal(r.total, 4);
    assert.deepEqual(
      r.by_tenant.map((t) => [t.tenant_id, t.count]),
      [
        [H1.hotel.id, 3],
        [H2.hotel.id, 1],
      ],
    );
    assert.equal(r.by_tenant[1].name, lastHotelName);
    assert.equal(r.by_tenant[0].slug, H1.hotel.slug);
    const since = Date.parse(r.since);
    assert.ok(Math.abs(Date.now() - 30 * 86_400_000 - since) < 120_000, `since ${r.since}`);
  });

  test('active impersonations: neither ended nor expired', async () => {
    assert.equal((await dashboard()).active_impersonations, 1);
  });

  test('recent audit events: the newest ten, newest first', async () => {
    const d = await dashboard();
    const newest = (await adminAudit(server, admin)).slice(0, 10);
    assert.equal(d.recent_audit.length, 10);
    assert.deepEqual(d.recent_audit.map((e) => e.id), newest.map((e) => e.id));
    assert.equal(d.recent_audit[0].action, 'hotel.updated');
    assert.equal(d.recent_audit[0].resource_id, H2.hotel.id);
    assert.equal(d.recent_audit[0].actor_email, server.admin.email);
  });

  test('the numbers follow the next change at once', async () => {
    await setStatus(H2.hotel.id, 'SUSPENDED');
    const d = await dashboard();
    assert.equal(d.hotels.by_status.TRIAL, 0);
    assert.equal(d.hotels.by_status.SUSPENDED, 2);
    assert.equal(d.recent_audit[0].action, 'hotel.status_changed');
  });

  test('needs admin:dashboard:read; hotel users -> 403', async () => {
    const staff = await platformStaffWith(server, admin, ['admin:hotels:read']);
    assertProblem(await call('GET', '/api/admin/dashboard', staff.token), 403);
    assertProblem(await call('GET', '/api/admin/dashboard', H1.token), 403);
    assertProblem(await call('GET', '/api/admin/dashboard'), 401);
    const support = await platformStaff(server, admin, ['support']);
    assert.equal((await dashboard(support.token)).hotels.total, 4);
  });
});
