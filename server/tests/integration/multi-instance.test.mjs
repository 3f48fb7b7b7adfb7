// Two keycard processes on one PostgreSQL: a change made through one instance
// holds on the other from its very next request (tenant status, soft delete,
// user deactivation, a role change, the end of an impersonation), even though
// each instance keeps the principals it has built (auth/principal_cache.hpp), and both write one audit
// chain per tenant without breaking it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import { assertProblem, assertStatus, login, loginOk } from './lib/api.mjs';
import { hotelTenant } from './lib/hotel.mjs';
import { hotelStaff, impersonate } from './lib/platform.mjs';

describe(
  'two instances on one database',
  { skip: IS_POSTGRES ? false : 'several instances share a database only on PostgreSQL (SQLite is a single-process file)' },
  () => {
    let one;
    let two;
    let admin;
    let h; // {hotel, manager, token, refresh}
    let desk;

    const status = (server, id, value) =>
      server.request('POST', `/api/admin/hotels/${id}/status`, { token: admin, body: { status: value, reason: 'multi-instance' } });

    before(async () => {
      one = await startServer();
      two = await one.startAnother();
      admin = (await loginOk(one, one.admin.email, one.admin.password)).access_token;
      h = await hotelTenant(one, admin);
      desk = await hotelStaff(one, h.token, ['front-desk']);
    });
    after(async () => {
      await one?.stop();
    });

    test('the instances are separate processes on one database', async () => {
      assert.notEqual(one.port, two.port);
      assert.equal(one.databaseUrl, two.databaseUrl);
      // A hotel made through instance 1 is read through instance 2 with the same token.
      const hotel = assertStatus(await two.request('GET', `/api/admin/hotels/${h.hotel.id}`, { token: admin }), 200);
      assert.equal(hotel.slug, h.hotel.slug);
    });

    test('suspended through instance 1: its users are locked out on instance 2 at once; reactivated: let back in', async () => {
      // Warm instance 2 up, so that anything it might cache is filled.
      for (const token of [h.token, desk.token]) {
        assertStatus(await two.request('GET', '/api/hotel/reservations', { token }), 200, 'before');
      }
      assertStatus(await status(one, h.hotel.id, 'SUSPENDED'), 200, 'suspend');
      for (const token of [h.token, desk.token]) {
        assertProblem(await two.request('GET', '/api/hotel/reservations', { token }), 403, 'tenant_inactive');
      }
      assertProblem(await login(two, desk.email, desk.password), 403);
      assertProblem(await two.request('POST', '/api/auth/refresh', { body: { refresh_token: desk.refresh } }), [401, 403]);

      assertStatus(await status(one, h.hotel.id, 'ACTIVE'), 200, 'reactivate');
      for (const token of [h.token, desk.token]) {
        assertStatus(await two.request('GET', '/api/hotel/reservations', { token }), 200, 'after');
      }
      await loginOk(two, desk.email, desk.password);
    });

    test('and the other way round: suspended through instance 2, refused on instance 1', async () => {
      assertStatus(await status(two, h.hotel.id, 'EXPIRED'), 200);
      assertProblem(await one.request('GET', '/api/hotel/reservations', { token: h.token }), 403);
      assertStatus(await status(two, h.hotel.id, 'ACTIVE'), 200);
      assertStatus(await one.request('GET', '/api/hotel/reservations', { token: h.token }), 200);
    });

    test('a member deactivated on instance 1 is refused on instance 2', async () => {
      const temp = await hotelStaff(one, h.token, ['housekeeping']);
      assertStatus(await two.request('GET', '/api/hotel/rooms', { token: temp.token }), 200);
      assertStatus(
        await one.request('PATCH', `/api/hotel/users/${temp.user.id}`, {
          token: h.token,
          body: { is_active: false, version: temp.user.version },
        }),
        200,
      );
      assertProblem(await two.request('GET', '/api/hotel/rooms', { token: temp.token }), [401, 403]);
      assertProblem(await two.request('POST', '/api/auth/refresh', { body: { refresh_token: temp.refresh } }), 401);
    });

    test('a role change on instance 1 holds on instance 2 from its next request, either way', async () => {
      const temp = await hotelStaff(one, h.token, ['front-desk']);
      // Instance 2 serves the member once as Front Desk (and keeps what it may).
      assertStatus(await two.request('GET', '/api/hotel/reservations', { token: temp.token }), 200, 'as front desk');
      const member = (version, roles) =>
        one.request('PATCH', `/api/hotel/users/${temp.user.id}`, { token: h.token, body: { roles, version } });
      const demoted = assertStatus(await member(temp.user.version, ['housekeeping']), 200, 'demote');
      assertProblem(await two.request('GET', '/api/hotel/reservations', { token: temp.token }), 403, 'missing_permission');
      assertStatus(await two.request('GET', '/api/hotel/rooms', { token: temp.token }), 200, 'as housekeeping');
      assertStatus(await member(demoted.version, ['front-desk']), 200, 'promote');
      assertStatus(await two.request('GET', '/api/hotel/reservations', { token: temp.token }), 200, 'front desk again');

      // A custom role whose permissions change: the holder sees the change at once.
      const role = assertStatus(
        await one.request('POST', '/api/hotel/roles', {
          token: h.token,
          body: { name: `night-${temp.user.id.slice(0, 8)}`, display_name: 'Night', permissions: ['hotel:guests:read'] },
        }),
        201,
        'custom role',
      );
      const current = assertStatus(await one.request('GET', `/api/hotel/users/${temp.user.id}`, { token: h.token }), 200);
      assertStatus(await member(current.version, [role.name]), 200, 'give the custom role');
      assertStatus(await two.request('GET', '/api/hotel/guests', { token: temp.token }), 200, 'guests with the custom role');
      assertProblem(await two.request('GET', '/api/hotel/incidents', { token: temp.token }), 403, 'missing_permission');
      assertStatus(
        await one.request('PATCH', `/api/hotel/roles/${role.id}`, {
          token: h.token,
          body: { permissions: ['hotel:incidents:read'], version: role.version },
        }),
        200,
        'change the role',
      );
      assertStatus(await two.request('GET', '/api/hotel/incidents', { token: temp.token }), 200, 'incidents now');
      assertProblem(await two.request('GET', '/api/hotel/guests', { token: temp.token }), 403, 'missing_permission');
    });

    test('an impersonation ended on instance 1 is refused on instance 2', async () => {
      const s = await impersonate(one, admin, { target_tenant_id: h.hotel.id, reason: 'multi-instance support' });
      assertStatus(await two.request('GET', '/api/hotel/properties', { token: s.access_token }), 200);
      assertStatus(await one.request('POST', '/api/admin/impersonation/end', { token: s.access_token }), 200);
      assertProblem(await two.request('GET', '/api/hotel/properties', { token: s.access_token }), 401);
    });

    test('writes through both instances at once keep every audit chain intact', async () => {
      const guests = [];
      const hotels = [];
      for (let i = 0; i < 10; i++) {
        const server = i % 2 ? two : one;
        guests.push(server.request('POST', '/api/hotel/guests', { token: h.token, body: { first_name: 'Mia', last_name: `Multi${i}` } }));
        const slug = `multi-${i}-${h.hotel.slug}`;
        hotels.push(
          server.request('POST', '/api/admin/hotels', {
            token: admin,
            body: { name: `Multi ${i}`, slug, type: 'CHAIN', email: `${slug}@multi.test` },
          }),
        );
      }
      for (const r of await Promise.all(guests)) assertStatus(r, 201, 'guest');
      for (const r of await Promise.all(hotels)) assertStatus(r, 201, 'hotel');
      for (const server of [one, two]) {
        const v = assertStatus(await server.request('GET', '/api/admin/audit-logs/verify', { token: admin }), 200);
        assert.equal(v.ok, true, JSON.stringify(v));
      }
      const created = assertStatus(
        await two.request('GET', `/api/admin/audit-logs?tenant_id=${h.hotel.id}&action=guest.created&limit=100`, { token: admin }),
        200,
      );
      assert.equal(created.total, 10);
      const registered = assertStatus(
        await one.request('GET', '/api/admin/audit-logs?tenant_id=platform&action=hotel.created&limit=100', { token: admin }),
        200,
      );
      assert.equal(registered.items.filter((e) => e.changes.slug.startsWith('multi-')).length, 10);
    });

    test('soft delete through instance 2 locks the users out on instance 1', async () => {
      assertStatus(await two.request('DELETE', `/api/admin/hotels/${h.hotel.id}`, { token: admin }), 204);
      assertProblem(await one.request('GET', '/api/hotel/reservations', { token: desk.token }), 403);
      assertProblem(await login(one, h.manager.email, h.manager.password), 403);
    });
  },
);
