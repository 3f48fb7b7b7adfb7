// A hotel's status gates its users: only TRIAL and ACTIVE tenants may log in
// or use the hotel API, from the very next request on, on every instance.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IS_POSTGRES, startServer } from './lib/server.mjs';
import {
  assertProblem,
  assertStatus,
  createHotel,
  findHotelRoute,
  login,
  loginOk,
  setHotelStatus,
} from './lib/api.mjs';

describe('tenant status', () => {
  let server;
  let admin;
  let hotel;
  let manager;
  let pair;
  let probe; // {route, seen, missing}: a hotel route the manager may read
  before(async () => {
    server = await startServer();
    admin = (await loginOk(server, server.admin.email, server.admin.password)).access_token;
    ({ hotel, manager } = await createHotel(server, admin));
    pair = await loginOk(server, manager.email, manager.password);
    probe = await findHotelRoute(server, pair.access_token);
  });
  after(async () => {
    await server?.stop();
  });

  // Skips when the server has no hotel route at all yet; fails when routes
  // exist but none answers 200 to a Hotel Manager.
  const needRoute = (t) => {
    if (probe.route) return true;
    if (probe.missing) {
      t.skip(`no hotel route implemented yet (${probe.seen.join(', ')})`);
      return false;
    }
    assert.fail(`no hotel route answers 200 for a Hotel Manager: ${probe.seen.join(', ')}`);
  };

  test('a TRIAL hotel works: login and a hotel route', async (t) => {
    assert.equal(hotel.status, 'TRIAL');
    if (!needRoute(t)) return;
    assertStatus(await server.request('GET', probe.route, { token: pair.access_token }), 200, probe.route);
  });

  test('suspending the hotel refuses new logins with 403', async () => {
    const updated = await setHotelStatus(server, admin, hotel.id, 'SUSPENDED', 'unpaid invoices');
    assert.equal(updated.status, 'SUSPENDED');
    assertProblem(await login(server, manager.email, manager.password), 403);
  });

  test('suspended: the existing access token gets 403 on a hotel route', async (t) => {
    if (!needRoute(t)) return;
    assertProblem(await server.request('GET', probe.route, { token: pair.access_token }), 403);
  });

  test('suspended: the refresh token does not get a new pair', async () => {
    const res = await server.request('POST', '/api/auth/refresh', { body: { refresh_token: pair.refresh_token } });
    assertProblem(res, [401, 403]);
  });

  test('the admin still sees the suspended hotel', async () => {
    const res = await server.request('GET', `/api/admin/hotels/${hotel.id}`, { token: admin });
    const body = assertStatus(res, 200, 'admin reads the hotel');
    assert.equal(body.status, 'SUSPENDED');
  });

  test('reactivating (ACTIVE) lets logins work again', async () => {
    const updated = await setHotelStatus(server, admin, hotel.id, 'ACTIVE', 'paid');
    assert.equal(updated.status, 'ACTIVE');
    const fresh = await loginOk(server, manager.email, manager.password);
    assertStatus(await server.request('GET', '/api/auth/me', { token: fresh.access_token }), 200, 'me after reactivation');
  });

  test('reactivated: the old access token works again on a hotel route', async (t) => {
    if (!needRoute(t)) return;
    assertStatus(await server.request('GET', probe.route, { token: pair.access_token }), 200, 'old token after reactivation');
  });

  test('an unknown status value is refused without a change', async () => {
    const res = await server.request('POST', `/api/admin/hotels/${hotel.id}/status`, {
      token: admin,
      body: { status: 'ON_HOLIDAY', reason: 'x' },
    });
    assertProblem(res, [400, 422]);
    const body = assertStatus(await server.request('GET', `/api/admin/hotels/${hotel.id}`, { token: admin }), 200, 'read');
    assert.equal(body.status, 'ACTIVE');
  });

  test('a hotel manager cannot change its own hotel status', async () => {
    const fresh = await loginOk(server, manager.email, manager.password);
    const res = await server.request('POST', `/api/admin/hotels/${hotel.id}/status`, {
      token: fresh.access_token,
      body: { status: 'ACTIVE', reason: 'x' },
    });
    assertProblem(res, 403);
  });

  // Two processes on one PostgreSQL: the change made through one instance is
  // seen by the other on its very next request.
  describe('across instances', { skip: IS_POSTGRES ? false : 'multi-instance runs on PostgreSQL only' }, () => {
    let second;
    before(async () => {
      second = await server.startAnother();
    });
    after(async () => {
      await second?.stop();
    });

    test('a token issued by instance 1 works on instance 2', async () => {
      const fresh = await loginOk(server, manager.email, manager.password);
      assertStatus(await second.request('GET', '/api/auth/me', { token: fresh.access_token }), 200, 'me on instance 2');
    });

    test('suspend through instance 1: instance 2 refuses at once; reactivate: it accepts at once', async (t) => {
      // Warm instance 2 up first, so that a cache there would be filled.
      await loginOk(second, manager.email, manager.password);
      if (probe.route) {
        assertStatus(await second.request('GET', probe.route, { token: pair.access_token }), 200, 'instance 2 before');
      }
      await setHotelStatus(server, admin, hotel.id, 'SUSPENDED', 'multi-instance');
      assertProblem(await login(second, manager.email, manager.password), 403);
      if (probe.route) assertProblem(await second.request('GET', probe.route, { token: pair.access_token }), 403);
      await setHotelStatus(server, admin, hotel.id, 'ACTIVE', 'multi-instance done');
      await loginOk(second, manager.email, manager.password);
      if (probe.route) {
        assertStatus(await second.request('GET', probe.route, { token: pair.access_token }), 200, 'instance 2 after');
      } else {
        t.diagnostic('no hotel route yet: checked logins only');
      }
    });
  });
});
