// The hotel registry (tenants) in the platform panel: creation with the first
// manager, slug rules, filters and pagination, status changes with a reason
// (audited, effective on the next request), soft delete (hidden, users locked
// out, data kept), and the detail page's counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';
import {
  assertProblem,
  assertStatus,
  createHotel,
  login,
  loginOk,
  randomId,
  strongPassword,
  uniqueSlug,
} from './lib/api.mjs';
import { book, hotelTenant, setupProperty } from './lib/hotel.mjs';
import { adminAudit, hotelStaff, impersonate, listAll, listOk, platformStaff } from './lib/platform.mjs';

describe('hotel registry', () => {
  let server;
  let admin;
  let adminId;

  const call = (method, path, token, body) => server.request(method, path, { token, body });
  const hotelBody = (slug, extra = {}) => ({
    name: `Hotel ${slug}`,
    slug,
    type: 'INDEPENDENT',
    email: `contact-${slug}@hotel.test`,
    ...extra,
  });
  const readHotel = async (id) => assertStatus(await call('GET', `/api/admin/hotels/${id}`, admin), 200, 'read hotel');

  before(async () => {
    server = await startServer();
    const pair = await loginOk(server, server.admin.email, server.admin.password);
    admin = pair.access_token;
    adminId = pair.user.id;
  });
  after(async () => {
    await server?.stop();
  });

  describe('create', () => {
    test('with a first Hotel Manager: 201 in TRIAL, the manager logs in with hotel-manager', async () => {
      const slug = uniqueSlug('reg');
      const manager = { email: `boss-${slug}@hotel.test`, first_name: 'Bo', last_name: 'Boss', password: strongPassword() };
      const res = await call('POST', '/api/admin/hotels', admin, {
        ...hotelBody(slug, { type: 'CHAIN', phone: '+44 20 7946 0000', subscription_tier: 'gold' }),
        manager,
      });
      const hotel = assertStatus(res, 201, 'create');
      assert.equal(hotel.slug, slug);
      assert.equal(hotel.type, 'CHAIN');
      assert.equal(hotel.status, 'TRIAL');
      assert.equal(hotel.subscription_tier, 'gold');
      assert.equal(hotel.version, 1);
      assert.equal(hotel.deleted_at, null);
      assert.match(hotel.id, /^[0-9a-f-]{36}$/);
      const pair = await loginOk(server, manager.email, manager.password);
      assert.equal(pair.user.id, hotel.manager_user_id);
      const me = assertStatus(await call('GET', '/api/auth/me', pair.access_token), 200, 'me');
      assert.equal(me.tenant.id, hotel.id);
      assert.deepEqual(me.roles, ['hotel-manager']);
      for (const key of Object.keys(hotel)) assert.ok(!/password|hash/.test(key), `answer carries ${key}`);
      const detail = await readHotel(hotel.id);
      assert.equal(detail.counts.users, 1, 'the manager is the one member');
    });

    test('without a manager: 201, no members', async () => {
      const hotel = assertStatus(await call('POST', '/api/admin/hotels', admin, hotelBody(uniqueSlug('solo'))), 201);
      assert.equal(hotel.manager_user_id, undefined);
      assert.deepEqual((await readHotel(hotel.id)).counts, { properties: 0, rooms: 0, users: 0, reservations: 0 });
    });

    const badSlugs = [
      ['upper case', 'Grand-Hotel'],
      ['a space', 'grand hotel'],
      ['an underscore', 'grand_hotel'],
      ['a dot', 'grand.hotel'],
      ['a slash', 'grand/hotel'],
      ['non-ASCII', 'hôtel-élysée'],
      ['empty', ''],
      ['too long (64)', 'a'.repeat(64)],
      ['not a string', 42],
    ];
    for (const [what, slug] of badSlugs) {
      test(`slug with ${what} -> 422 on slug, nothing created`, async () => {
        const body = hotelBody('x', { slug });
        const res = await call('POST', '/api/admin/hotels', admin, body);
        const problem = assertProblem(res, 422);
        assert.ok(problem.errors?.slug, `errors.slug in ${res.text}`);
        const found = await listOk(server, admin, '/api/admin/hotels', { q: body.name, include_deleted: true });
        assert.equal(found.total, 0);
      });
    }

    test('the longest slug (63) and digits-and-hyphens only are fine', async () => {
      for (const slug of [`${randomId(4)}${'a'.repeat(55)}`, `${Date.now()}-${randomId(2)}`]) {
        assert.equal(slug.length <= 63, true);
        const hotel = assertStatus(await call('POST', '/api/admin/hotels', admin, hotelBody(slug)), 201, slug);
        assert.equal(hotel.slug, slug);
      }
    });

    test('other fields: 422 per field', async () => {
      const res = await call('POST', '/api/admin/hotels', admin, { slug: uniqueSlug(), type: 'MOTEL', email: 'nope' });
      const problem = assertProblem(res, 422);
      for (const field of ['name', 'type', 'email']) assert.ok(problem.errors?.[field], `errors.${field}: ${res.text}`);
      const bad = await call('POST', '/api/admin/hotels', admin, {
        ...hotelBody(uniqueSlug()),
        manager: { email: 'x', first_name: '', last_name: 'L', password: 'short' },
      });
      const p2 = assertProblem(bad, 422);
      for (const field of ['manager.email', 'manager.first_name', 'manager.password']) {
        assert.ok(p2.errors?.[field], `errors.${field}: ${bad.text}`);
      }
    });

    test('every type is accepted', async () => {
      for (const type of ['CHAIN', 'INDEPENDENT', 'FRANCHISE', 'MANAGEMENT_COMPANY', 'VACATION_RENTAL']) {
        const hotel = assertStatus(await call('POST', '/api/admin/hotels', admin, hotelBody(uniqueSlug('t'), { type })), 201);
        assert.equal(hotel.type, type);
      }
    });

    test('a taken slug -> 409 slug_taken, also when its hotel is deleted', async () => {
      const { hotel } = await createHotel(server, admin);
      assertProblem(await call('POST', '/api/admin/hotels', admin, hotelBody(hotel.slug, { name: 'Copy' })), 409, 'slug_taken');
      assertStatus(await call('DELETE', `/api/admin/hotels/${hotel.id}`, admin), 204, 'delete');
      assertProblem(await call('POST', '/api/admin/hotels', admin, hotelBody(hotel.slug, { name: 'Copy' })), 409, 'slug_taken');
    });

    test("a manager email already in use -> 409, and neither the hotel nor an audit entry is left behind", async () => {
      const { manager } = await createHotel(server, admin);
      const slug = uniqueSlug('dup');
      const res = await call('POST', '/api/admin/hotels', admin, {
        ...hotelBody(slug),
        manager: { email: manager.email, first_name: 'A', last_name: 'B', password: strongPassword() },
      });
      assertProblem(res, 409, 'email_taken');
      const found = await listOk(server, admin, '/api/admin/hotels', { q: slug, include_deleted: true });
      assert.equal(found.total, 0, 'the hotel was rolled back');
      const entries = await adminAudit(server, admin, { action: 'hotel.created', tenant_id: 'platform' });
      assert.ok(!entries.some((e) => e.changes?.slug === slug), 'no audit entry for the refused hotel');
      // The slug is still free.
      assertStatus(await call('POST', '/api/admin/hotels', admin, hotelBody(slug)), 201, 'slug free afterwards');
    });

    test('creation is audited in the platform chain, without the password', async () => {
      const { hotel, manager } = await createHotel(server, admin);
      const [entry] = await adminAudit(server, admin, { action: 'hotel.created', resource_id: hotel.id });
      assert.ok(entry, 'hotel.created entry');
      assert.equal(entry.tenant_id, null);
      assert.equal(entry.actor_user_id, adminId);
      assert.equal(entry.resource_type, 'tenant');
      assert.equal(entry.changes.slug, hotel.slug);
      assert.equal(entry.changes.manager.email, manager.email);
      assert.ok(!JSON.stringify(entry).includes(manager.password), 'no password in the entry');
    });

    test('a platform user without admin:hotels:create -> 403, a hotel user -> 403', async () => {
      const support = await platformStaff(server, admin, ['support']);
      assertProblem(await call('POST', '/api/admin/hotels', support.token, hotelBody(uniqueSlug())), 403);
      const h = await hotelTenant(server, admin);
      assertProblem(await call('POST', '/api/admin/hotels', h.token, hotelBody(uniqueSlug())), 403);
      assertProblem(await call('GET', '/api/admin/hotels', h.token), 403);
    });
  });

  describe('list: filters, search, pagination, include_deleted', () => {
    const tag = `zq${randomId(3)}`; // in every name of this scenario, and nowhere else
    const made = {};
    before(async () => {
      const plan = [
        ['a', 'CHAIN', 'ACTIVE'],
        ['b', 'CHAIN', 'SUSPENDED'],
        ['c', 'FRANCHISE', 'TRIAL'],
        ['d', 'VACATION_RENTAL', 'ACTIVE'],
        ['e', 'INDEPENDENT', 'EXPIRED'],
        ['f', 'INDEPENDENT', 'TRIAL'],
        ['g', 'MANAGEMENT_COMPANY', 'ACTIVE'],
      ];
      for (const [key, type, status] of plan) {
        const slug = `${tag}-${key}-${randomId(2)}`;
        const hotel = assertStatus(
          await call('POST', '/api/admin/hotels', admin, hotelBody(slug, { name: `Sea ${tag.toUpperCase()} ${key}`, type })),
          201,
        );
        if (status !== 'TRIAL') {
          assertStatus(await call('POST', `/api/admin/hotels/${hotel.id}/status`, admin, { status, reason: 'setup' }), 200);
        }
        made[key] = { ...hotel, status };
      }
      // One deleted hotel of the scenario.
      const slug = `${tag}-gone-${randomId(2)}`;
      made.gone = assertStatus(
        await call('POST', '/api/admin/hotels', admin, hotelBody(slug, { name: `Sea ${tag} gone`, type: 'CHAIN' })),
        201,
      );
      assertStatus(await call('DELETE', `/api/admin/hotels/${made.gone.id}`, admin), 204);
    });
    const slugs = (items) => items.map((h) => h.slug).sort();
    const expect = (...keys) => keys.map((k) => made[k].slug).sort();

    test('q searches the name case-insensitively, the slug and the email', async () => {
      assert.deepEqual(slugs((await listOk(server, admin, '/api/admin/hotels', { q: tag.toUpperCase() })).items), expect('a', 'b', 'c', 'd', 'e', 'f', 'g'));
      assert.deepEqual(slugs((await listOk(server, admin, '/api/admin/hotels', { q: made.c.slug })).items), expect('c'));
      assert.deepEqual(slugs((await listOk(server, admin, '/api/admin/hotels', { q: `contact-${made.d.slug}@` })).items), expect('d'));
      assert.equal((await listOk(server, admin, '/api/admin/hotels', { q: `${tag}-nothing` })).total, 0);
    });

    test('LIKE wildcards in q are taken literally', async () => {
      for (const q of ['%', '_', `${tag}%a`, `${tag}_`]) {
        const body = await listOk(server, admin, '/api/admin/hotels', { q });
        assert.equal(body.total, 0, `q=${q} matched ${slugs(body.items).join(', ')}`);
      }
    });

    test('status and type filters, alone and combined with q', async () => {
      const cases = [
        [{ status: 'ACTIVE' }, ['a', 'd', 'g']],
        [{ status: 'TRIAL' }, ['c', 'f']],
        [{ status: 'SUSPENDED' }, ['b']],
        [{ status: 'EXPIRED' }, ['e']],
        [{ status: 'CANCELLED' }, []],
        [{ type: 'CHAIN' }, ['a', 'b']],
        [{ type: 'INDEPENDENT' }, ['e', 'f']],
        [{ type: 'CHAIN', status: 'ACTIVE' }, ['a']],
        [{ type: 'INDEPENDENT', status: 'ACTIVE' }, []],
      ];
      for (const [filter, keys] of cases) {
        const body = await listOk(server, admin, '/api/admin/hotels', { ...filter, q: tag });
        assert.deepEqual(slugs(body.items), expect(...keys), JSON.stringify(filter));
        assert.equal(body.total, keys.length, `total of ${JSON.stringify(filter)}`);
        for (const h of body.items) {
          if (filter.status) assert.equal(h.status, filter.status);
          if (filter.type) assert.equal(h.type, filter.type);
        }
      }
    });

    test('unknown filter values or paging -> 400', async () => {
      for (const q of ['status=OPEN', 'type=HOSTEL', 'limit=101', 'limit=0', 'page=0', 'sort=password', 'include_deleted=maybe']) {
        assertProblem(await call('GET', `/api/admin/hotels?${q}`, admin), 400);
      }
    });

    test('pagination: pages of 2 cover the scenario exactly once, in name order', async () => {
      const all = await listAll(server, admin, '/api/admin/hotels', { q: tag, sort: 'name' }, 2);
      assert.deepEqual(all.map((h) => h.slug), ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => made[k].slug));
      const last = await listOk(server, admin, '/api/admin/hotels', { q: tag, sort: '-name', limit: 3, page: 3 });
      assert.deepEqual(last.items.map((h) => h.slug), [made.a.slug]);
      assert.equal(last.total, 7);
      const beyond = await listOk(server, admin, '/api/admin/hotels', { q: tag, limit: 3, page: 9 });
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, 7);
    });

    test('a deleted hotel is hidden unless include_deleted=true', async () => {
      const plain = await listOk(server, admin, '/api/admin/hotels', { q: tag, limit: 100 });
      assert.ok(!plain.items.some((h) => h.id === made.gone.id));
      const withDeleted = await listOk(server, admin, '/api/admin/hotels', { q: tag, include_deleted: true, limit: 100 });
      assert.equal(withDeleted.total, 8);
      const gone = withDeleted.items.find((h) => h.id === made.gone.id);
      assert.ok(gone, 'listed with include_deleted');
      assert.equal(gone.status, 'CANCELLED');
      assert.match(gone.deleted_at, /^\d{4}-\d\d-\d\dT/);
      const cancelled = await listOk(server, admin, '/api/admin/hotels', { q: tag, status: 'CANCELLED', include_deleted: true });
      assert.deepEqual(cancelled.items.map((h) => h.id), [made.gone.id]);
      const explicitFalse = await listOk(server, admin, '/api/admin/hotels', { q: tag, include_deleted: false });
      assert.equal(explicitFalse.total, 7);
    });
  });

  describe('status changes', () => {
    let h; // {hotel, manager, token, refresh}
    let desk; // a second member of the tenant
    before(async () => {
      h = await hotelTenant(server, admin);
      desk = await hotelStaff(server, h.token, ['front-desk']);
    });

    test('a reason is required (422) and nothing changes without one', async () => {
      for (const body of [{ status: 'SUSPENDED' }, { status: 'SUSPENDED', reason: '' }, { status: 'SUSPENDED', reason: '   ' }]) {
        const problem = assertProblem(await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, body), 422);
        assert.ok(problem.errors?.reason, JSON.stringify(problem));
      }
      const hotel = await readHotel(h.hotel.id);
      assert.equal(hotel.status, 'TRIAL');
      assert.equal(hotel.version, 1);
    });

    test('a stale version -> 409 and nothing changes', async () => {
      const res = await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, { status: 'ACTIVE', reason: 'x', version: 99 });
      assertProblem(res, 409, 'stale_version');
      assert.equal((await readHotel(h.hotel.id)).status, 'TRIAL');
    });

    // Each status, in order; the users' next request must follow at once.
    const steps = [
      ['ACTIVE', true],
      ['SUSPENDED', false],
      ['TRIAL', true],
      ['EXPIRED', false],
      ['ACTIVE', true],
      ['CANCELLED', false],
      ['ACTIVE', true],
    ];
    for (const [i, [status, usable]] of steps.entries()) {
      test(`-> ${status}: ${usable ? 'users work' : 'every user is locked out'} on their next request`, async () => {
        const before = await readHotel(h.hotel.id);
        const reason = `step ${i}: ${status.toLowerCase()} ${randomId(2)}`;
        const hotel = assertStatus(
          await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, { status, reason }),
          200,
          'status change',
        );
        assert.equal(hotel.status, status);
        assert.equal(hotel.status_reason, reason);
        assert.equal(hotel.version, before.version + 1);
        for (const [who, token] of [['manager', h.token], ['front desk', desk.token]]) {
          const res = await call('GET', '/api/hotel/reservations', token);
          if (usable) assertStatus(res, 200, `${who} on ${status}`);
          else assertProblem(res, 403, 'tenant_inactive');
        }
        const res = await login(server, desk.email, desk.password);
        if (usable) assertStatus(res, 200, 'login');
        else assertProblem(res, 403);
        // Audited in the platform chain, with the reason.
        const entries = await adminAudit(server, admin, { action: 'hotel.status_changed', resource_id: h.hotel.id });
        const entry = entries.find((e) => e.changes.reason === reason);
        assert.ok(entry, `audit entry with the reason (${entries.length} entries)`);
        assert.deepEqual(entry.changes.status, { before: before.status, after: status });
        assert.equal(entry.actor_user_id, adminId);
        assert.equal(entry.tenant_id, null);
      });
    }

    test('the refresh token of a locked-out tenant gets no new pair', async () => {
      const pair = await loginOk(server, desk.email, desk.password);
      await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, { status: 'SUSPENDED', reason: 'refresh check' });
      assertProblem(await call('POST', '/api/auth/refresh', undefined, { refresh_token: pair.refresh_token }), [401, 403]);
      await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, { status: 'ACTIVE', reason: 'refresh check done' });
    });

    test('PATCH cannot change the status or the slug (422)', async () => {
      const hotel = await readHotel(h.hotel.id);
      for (const body of [{ status: 'SUSPENDED', version: hotel.version }, { slug: 'other', version: hotel.version }]) {
        assertProblem(await call('PATCH', `/api/admin/hotels/${h.hotel.id}`, admin, body), 422);
      }
      assert.equal((await readHotel(h.hotel.id)).status, 'ACTIVE');
    });

    test('PATCH edits with the version; stale -> 409; audited with before/after', async () => {
      const hotel = await readHotel(h.hotel.id);
      const name = `Renamed ${randomId(3)}`;
      const res = await call('PATCH', `/api/admin/hotels/${h.hotel.id}`, admin, { name, type: 'FRANCHISE', version: hotel.version });
      const saved = assertStatus(res, 200, 'patch');
      assert.equal(saved.name, name);
      assert.equal(saved.type, 'FRANCHISE');
      assert.equal(saved.version, hotel.version + 1);
      assertProblem(await call('PATCH', `/api/admin/hotels/${h.hotel.id}`, admin, { name: 'Stale', version: hotel.version }), 409);
      assertProblem(await call('PATCH', `/api/admin/hotels/${h.hotel.id}`, admin, { name: 'No version' }), 422);
      assert.equal((await readHotel(h.hotel.id)).name, name);
      const [entry] = await adminAudit(server, admin, { action: 'hotel.updated', resource_id: h.hotel.id });
      assert.deepEqual(entry.changes.name, { before: hotel.name, after: name });
      assert.deepEqual(entry.changes.type, { before: hotel.type, after: 'FRANCHISE' });
    });

    test('unknown hotel id -> 404', async () => {
      const id = '01890000-0000-7000-8000-000000000000';
      assertProblem(await call('GET', `/api/admin/hotels/${id}`, admin), 404);
      assertProblem(await call('POST', `/api/admin/hotels/${id}/status`, admin, { status: 'ACTIVE', reason: 'x' }), 404);
      assertProblem(await call('DELETE', `/api/admin/hotels/${id}`, admin), 404);
    });
  });

  describe('detail counts and soft delete', () => {
    let h;
    let other;
    let desk;
    let s1;
    let support; // an impersonation of h, open when h is deleted
    before(async () => {
      h = await hotelTenant(server, admin);
      other = await hotelTenant(server, admin);
      s1 = await setupProperty(h, { rooms: 3 });
      await setupProperty(h, { rooms: 2 });
      for (let i = 0; i < 3; i++) await book(h, s1);
      desk = await hotelStaff(server, h.token, ['front-desk']);
      await hotelStaff(server, h.token, ['housekeeping']);
      // Another tenant's data must not count.
      await book(other, await setupProperty(other, { rooms: 4 }));
    });

    test('counts of properties, rooms, users and reservations', async () => {
      assert.deepEqual((await readHotel(h.hotel.id)).counts, { properties: 2, rooms: 5, users: 3, reservations: 3 });
      assert.deepEqual((await readHotel(other.hotel.id)).counts, { properties: 1, rooms: 4, users: 1, reservations: 1 });
    });

    test('DELETE: 204; hidden from the list; the detail shows deleted_at and CANCELLED', async () => {
      support = await impersonate(server, admin, { target_tenant_id: h.hotel.id, reason: 'open across the delete' });
      assertStatus(await call('GET', '/api/hotel/properties', support.access_token), 200, 'impersonating before');
      const beforeDelete = await readHotel(h.hotel.id);
      assertStatus(await call('DELETE', `/api/admin/hotels/${h.hotel.id}`, admin), 204, 'delete');
      const hotel = await readHotel(h.hotel.id);
      assert.equal(hotel.status, 'CANCELLED');
      assert.match(hotel.deleted_at, /^\d{4}-\d\d-\d\dT/);
      assert.equal(hotel.version, beforeDelete.version + 1);
      assert.equal((await listOk(server, admin, '/api/admin/hotels', { q: h.hotel.slug })).total, 0);
      assert.equal((await listOk(server, admin, '/api/admin/hotels', { q: h.hotel.slug, include_deleted: true })).total, 1);
      const [entry] = await adminAudit(server, admin, { action: 'hotel.deleted', resource_id: h.hotel.id });
      assert.ok(entry, 'hotel.deleted audited');
      assert.equal(entry.actor_user_id, adminId);
    });

    test('its users are locked out: access tokens 403, refresh 401, login 403', async () => {
      for (const token of [h.token, desk.token]) {
        assertProblem(await call('GET', '/api/hotel/properties', token), 403, 'tenant_inactive');
      }
      for (const refresh of [h.refresh, desk.refresh]) {
        assertProblem(await call('POST', '/api/auth/refresh', undefined, { refresh_token: refresh }), 401);
      }
      assertProblem(await login(server, h.manager.email, h.manager.password), 403);
      assertProblem(await login(server, desk.email, desk.password), 403);
      // An impersonation open at the time is over, not left active.
      assertProblem(await call('GET', '/api/hotel/properties', support.access_token), [401, 403]);
      const sessions = await listAll(server, admin, '/api/admin/impersonation/sessions', { tenant_id: h.hotel.id });
      assert.deepEqual(sessions.map((x) => [x.id, x.status]), [[support.session_id, 'ended']]);
      assertProblem(await call('POST', '/api/admin/impersonation/start', admin, { target_tenant_id: h.hotel.id, reason: 'after the delete' }), 404);
    });

    test('its data is kept: the counts are unchanged and the rows are still there', async () => {
      assert.deepEqual((await readHotel(h.hotel.id)).counts, { properties: 2, rooms: 5, users: 3, reservations: 3 });
      const rows = await server.sql(`SELECT count(*) FROM reservations WHERE tenant_id = '${h.hotel.id}'`);
      assert.equal(Number(rows), 3);
      // The other hotel is untouched.
      assertStatus(await call('GET', '/api/hotel/properties', other.token), 200, 'other tenant still works');
    });

    test('a deleted hotel cannot be deleted again (404), nor change status or fields (409)', async () => {
      assertProblem(await call('DELETE', `/api/admin/hotels/${h.hotel.id}`, admin), 404);
      assertProblem(await call('POST', `/api/admin/hotels/${h.hotel.id}/status`, admin, { status: 'ACTIVE', reason: 'undo' }), 409);
      const hotel = await readHotel(h.hotel.id);
      assertProblem(await call('PATCH', `/api/admin/hotels/${h.hotel.id}`, admin, { name: 'Back', version: hotel.version }), 409);
      assertProblem(await login(server, h.manager.email, h.manager.password), 403);
    });

    test('a platform user without admin:hotels:delete -> 403 and nothing changes', async () => {
      const auditor = await platformStaff(server, admin, ['auditor']);
      assertProblem(await call('DELETE', `/api/admin/hotels/${other.hotel.id}`, auditor.token), 403);
      assert.equal((await readHotel(other.hotel.id)).deleted_at, null);
    });
  });
});
