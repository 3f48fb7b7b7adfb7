// One fixture per route of the router's table (`keycard routes`): given a
// World (a server, a tenant with its objects, the tokens to set things up),
// a fixture builds a VALID request for its route, one that a caller allowed to
// call the route answers 2xx. The role-matrix and cross-tenant suites walk the
// route table and look the fixtures up here, so a route added to the server
// without a fixture fails them, and so does a fixture whose route is gone.
//
// A fixture is {build(world, caller) -> {path, body?, headers?, after?(res)},
// refuses?(caller) -> code, endsSession?, sideEffects?, perCaller?}:
//  - build makes whatever the request needs through the public API, with the
//    world's privileged tokens (the tenant's manager, the bootstrap admin).
//    Routes that destroy or move on what they touch (DELETE, erase, cancel,
//    check-out, PATCH...) get fresh objects on every build, so the same route
//    can run once per role; routes that only read use the world's base objects;
//  - refuses(caller) names the problem code of a 403 the route answers for a
//    reason other than the caller's permissions (e.g. switch-tenant for a
//    platform user), or returns null;
//  - endsSession: the call ends the caller's session, so it runs last;
//  - sideEffects: a GET that writes (an audit entry), kept out of snapshots;
//  - perCaller: the request depends on the caller, so it is never reused.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { KEYCARD_BIN } from './server.mjs';
import { adminToken, assertStatus, loginOk, randomId, strongPassword, uniqueSlug } from './api.mjs';
import { addDays, book, dateIn, hotelTenant, ok, setupProperty } from './hotel.mjs';

// --- the route table and permissions -----------------------------------------------

export const routeKey = (r) => `${r.method} ${r.path}`;

// The router's table as `keycard routes` prints it, each row with its key.
export async function routeTable() {
  const { stdout } = await promisify(execFile)(KEYCARD_BIN, ['routes'], { maxBuffer: 16 << 20 });
  const routes = JSON.parse(stdout);
  assert.ok(Array.isArray(routes) && routes.length > 0, `keycard routes printed no routes: ${stdout.slice(0, 200)}`);
  return routes.map((r) => ({ ...r, key: routeKey(r) }));
}

// Whole-segment wildcard matching, as API.md states it: codes are
// scope:resource:action; a pattern may end in `*`, standing for one or more
// whole segments, so `hotel:*` matches `hotel:rooms:read` and `admin:*` never
// matches a `hotel:` code. Anything malformed matches nothing.
export function permissionMatches(pattern, code) {
  const p = String(pattern).split(':');
  const c = String(code).split(':');
  const valid = (segs, wildcard) =>
    segs.length >= 2 &&
    segs.length <= 3 &&
    ['admin', 'hotel'].includes(segs[0]) &&
    segs.slice(1).every((s, i) => /^[a-z_]+$/.test(s) || (wildcard && s === '*' && i === segs.length - 2));
  if (!valid(p, true) || !valid(c, false)) return false;
  if (p.at(-1) === '*') {
    const fixed = p.length - 1;
    return c.length > fixed && p.slice(0, fixed).every((s, i) => s === c[i]);
  }
  return p.length === c.length && p.every((s, i) => s === c[i]);
}

export const grants = (patterns, code) => patterns.some((p) => permissionMatches(p, code));

// Which routes lack a fixture, and which fixtures name no route.
export function fixtureCoverage(routes, fixtures = FIXTURES) {
  const keys = new Set(routes.map((r) => r.key));
  return {
    missing: routes.filter((r) => !fixtures[r.key]).map((r) => r.key),
    stale: Object.keys(fixtures).filter((k) => !keys.has(k)),
  };
}

// --- requests ------------------------------------------------------------------------

// Sends a built request with `token` (none for public routes).
export function send(server, method, req, token) {
  return server.request(method, req.path, { token, body: req.body, headers: req.headers ?? {} });
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// Every UUID in a text or JSON value, lower-cased.
export function uuidsIn(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return new Set((text.match(UUID_RE) ?? []).map((s) => s.toLowerCase()));
}

const idemKey = () => `it-${randomUUID()}`;
const is2xx = (res) => res.status >= 200 && res.status < 300;

// --- the world -----------------------------------------------------------------------

// A tenant with a manager and one of every hotel object, plus the bootstrap
// admin for platform objects. `ids` collects every UUID the world's own
// requests were answered with (what belongs to it).
export class World {
  constructor(server, admin, tenant, base) {
    this.server = server;
    this.admin = admin;
    this.tenant = tenant;
    this.base = base;
    this.ids = new Set([tenant.hotel.id]);
    this.stays = 0;
    this.memo = new Map();
  }

  get tenantId() {
    return this.tenant.hotel.id;
  }

  get timezone() {
    return this.base.property.timezone;
  }

  // The {req} shape lib/hotel.mjs helpers take, through hotel() below.
  asTenant() {
    return { req: (...args) => this.hotel(...args) };
  }

  // As the tenant's manager; remembers the UUIDs of the answer.
  async hotel(method, path, body, headers) {
    const res = await this.tenant.req(method, path, body, headers);
    if (is2xx(res)) for (const id of uuidsIn(res.text)) this.ids.add(id);
    return res;
  }

  platform(method, path, body, headers) {
    return this.server.request(method, path, { token: this.admin, body, headers });
  }

  async created(res, what) {
    return assertStatus(await res, 201, what);
  }

  // One value per name, made on first use.
  once(name, make) {
    if (!this.memo.has(name)) this.memo.set(name, make());
    return this.memo.get(name);
  }

  // Check-in dates far ahead, three days apart: each fresh stay has nights of
  // its own, so bookings never compete for the base room type.
  nextStay() {
    const checkIn = dateIn(this.timezone, 60 + 3 * this.stays++);
    return { check_in_date: checkIn, check_out_date: addDays(checkIn, 2) };
  }

  property(extra = {}) {
    const code = `P${randomId(3).toUpperCase()}`;
    return this.created(
      this.hotel('POST', '/api/hotel/properties', { name: `Property ${code}`, code, timezone: 'UTC', currency: 'EUR', ...extra }),
      'create property',
    );
  }

  // A fresh invoice: a new stay with a charge on its folio, invoiced.
  async invoice() {
    const r = await this.arrivingToday();
    await this.created(
      this.hotel('POST', `/api/hotel/reservations/${r.id}/folio/charges`, { charge_type: 'parking', unit_price_minor: 2000 }),
      'post a charge',
    );
    return this.created(this.hotel('POST', `/api/hotel/reservations/${r.id}/invoice`), 'issue an invoice');
  }

  // A charge on the base reservation's folio, to correct.
  async charge() {
    const posted = await this.created(
      this.hotel('POST', `/api/hotel/reservations/${this.base.reservation.id}/folio/charges`, {
        charge_type: 'minibar',
        unit_price_minor: 700,
      }),
      'post a charge',
    );
    return posted.line;
  }

  roomType(propertyId = this.base.property.id) {
    return this.created(
      this.hotel('POST', '/api/hotel/room-types', {
        property_id: propertyId,
        code: `T${randomId(3).toUpperCase()}`,
        name: 'Twin',
        capacity: 2,
        base_rate_minor: 9000,
      }),
      'create room type',
    );
  }

  room(roomType = this.base.roomType) {
    return this.created(
      this.hotel('POST', '/api/hotel/rooms', {
        property_id: roomType.property_id,
        room_type_id: roomType.id,
        room_number: `R${randomId(3)}`,
        floor: 2,
      }),
      'create room',
    );
  }

  guest() {
    return this.created(
      this.hotel('POST', '/api/hotel/guests', {
        first_name: 'Gina',
        last_name: `Fresh${randomId(2)}`,
        email: `gina-${randomId(4)}@guest.test`,
      }),
      'create guest',
    );
  }

  // A stay on the base room type, on nights of its own.
  reservation(status = 'pending') {
    return book(this.asTenant(), this.base, { ...this.nextStay(), status });
  }

  // A confirmed stay starting today, on a room type of its own with one room,
  // so it can be checked in whatever else happens today.
  async arrivingToday() {
    const type = await this.roomType();
    await this.room(type);
    const checkIn = dateIn(this.timezone, 0);
    return book(this.asTenant(), { ...this.base, roomType: type }, {
      check_in_date: checkIn,
      check_out_date: addDays(checkIn, 1),
      status: 'confirmed',
    });
  }

  async inHouse() {
    const r = await this.arrivingToday();
    return ok(this.hotel('POST', `/api/hotel/reservations/${r.id}/check-in`), 200, 'check in');
  }

  payment(reservationId = this.base.reservation.id, amount = 5000) {
    return this.created(
      this.hotel('POST', `/api/hotel/reservations/${reservationId}/payments`, { amount_minor: amount, method: 'card' }),
      'record payment',
    );
  }

  incident() {
    return this.created(
      this.hotel('POST', '/api/hotel/incidents', {
        title: `Leaking tap ${randomId(2)}`,
        category: 'maintenance',
        severity: 'medium',
        property_id: this.base.property.id,
        room_id: this.base.rooms[0].id,
        guest_id: this.base.guest.id,
      }),
      'report incident',
    );
  }

  // Staff: {user, email, password}.
  async staff(panel, role) {
    const email = `${panel}-${randomId(4)}@staff.test`;
    const password = strongPassword();
    const body = { email, first_name: 'Sam', last_name: 'Staff', password, roles: [role] };
    const res =
      panel === 'hotel' ? this.hotel('POST', '/api/hotel/users', body) : this.platform('POST', '/api/admin/users', body);
    const user = await this.created(res, `create ${panel} user with role ${role}`);
    return { user, email, password };
  }

  role(panel) {
    const body = {
      name: `r-${randomId(4)}`,
      display_name: 'Night audit',
      permissions: [panel === 'hotel' ? 'hotel:guests:read' : 'admin:audit:read'],
    };
    return this.created(
      panel === 'hotel' ? this.hotel('POST', '/api/hotel/roles', body) : this.platform('POST', '/api/admin/roles', body),
      `create ${panel} role`,
    );
  }

  // A hotel registered without a manager (cheap to make and to throw away).
  platformHotel() {
    const slug = uniqueSlug('rt');
    return this.created(
      this.platform('POST', '/api/admin/hotels', { name: `Hotel ${slug}`, slug, type: 'CHAIN', email: `${slug}@hotel.test` }),
      'register hotel',
    );
  }

  // Base objects made on first use.
  hotelUser() {
    return this.once('hotelUser', () => this.staff('hotel', 'housekeeping'));
  }
  hotelRole() {
    return this.once('hotelRole', () => this.role('hotel'));
  }
  adminUser() {
    return this.once('adminUser', () => this.staff('admin', 'auditor'));
  }
  adminRole() {
    return this.once('adminRole', () => this.role('admin'));
  }
}

// A tenant (with its manager) holding one of every hotel object.
export async function makeWorld(server, { admin } = {}) {
  const token = admin ?? (await adminToken(server));
  const tenant = await hotelTenant(server, token);
  const w = new World(server, token, tenant, null);
  w.base = await setupProperty(w.asTenant(), { rooms: 2 });
  w.base.reservation = await w.reservation('confirmed');
  w.base.payment = await w.payment();
  w.base.refund = await w.created(
    w.hotel('POST', `/api/hotel/payments/${w.base.payment.id}/refund`, { amount_minor: 1000, reason: 'minibar' }),
    'refund',
  );
  w.base.cancelled = await w.reservation('pending');
  await ok(w.hotel('POST', `/api/hotel/reservations/${w.base.cancelled.id}/cancel`, { reason: 'plans changed' }), 200, 'cancel');
  w.base.inHouse = await w.inHouse();
  w.base.incident = await w.incident();
  await w.hotelUser();
  await w.hotelRole();
  return w;
}

// --- fixtures --------------------------------------------------------------------------

// A finished report job of a panel, made once by the world's manager or admin.
function reportJob(w, panel) {
  return w.once(`report-job-${panel}`, async () => {
    const send = panel === 'hotel' ? (...args) => w.hotel(...args) : (...args) => w.platform(...args);
    const today = dateIn(w.timezone);
    const res = await send('POST', `/api/${panel}/reports/${panel === 'hotel' ? 'arrivals' : 'hotels'}?async=true`, {
      format: 'csv',
      parameters: panel === 'hotel' ? { date: today } : { from: today, to: today },
    });
    const job = assertStatus(res, 202, `queue a ${panel} report job`);
    for (;;) {
      const j = assertStatus(await send('GET', `/api/${panel}/reports/jobs/${job.id}`), 200, 'report job');
      if (j.status === 'done') return j;
      assert.notEqual(j.status, 'failed', `report job failed: ${JSON.stringify(j)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}

// The five report routes of a panel.
function reportFixtures(panel) {
  const base = `/api/${panel}/reports`;
  return {
    [`GET ${base}`]: get(base),
    [`POST ${base}/{report_id}`]: {
      build: async (w) => {
        const today = dateIn(w.timezone);
        return panel === 'hotel'
          ? { path: `${base}/arrivals`, body: { format: 'csv', parameters: { property_id: w.base.property.id, date: today } } }
          : { path: `${base}/hotels`, body: { format: 'csv', parameters: { from: today, to: today } } };
      },
    },
    [`GET ${base}/jobs`]: get(`${base}/jobs?limit=100`),
    [`GET ${base}/jobs/{job_id}`]: { build: async (w) => ({ path: `${base}/jobs/${(await reportJob(w, panel)).id}` }) },
    [`GET ${base}/jobs/{job_id}/file`]: {
      build: async (w) => ({ path: `${base}/jobs/${(await reportJob(w, panel)).id}/file` }),
    },
  };
}

const h = (path) => `/api/hotel${path}`;
const a = (path) => `/api/admin${path}`;
const get = (path) => ({ build: async () => ({ path }) });
// Platform users belong to no hotel.
const platformUser = (caller) => caller.userType === 'admin';

// A fresh login of the world's hotel user: {access_token, refresh_token, ...}.
async function freshLogin(w) {
  const u = await w.hotelUser();
  return loginOk(w.server, u.email, u.password);
}

// The five routes of a hotel resource: list, create, read a base object, and
// PATCH and DELETE fresh ones (`make`).
function crud(resource, { create, base, make, patch }) {
  const path = `/api/hotel/${resource}`;
  return {
    [`GET ${path}`]: get(`${path}?limit=100`),
    [`POST ${path}`]: { build: async (w) => ({ path, body: create(w) }) },
    [`GET ${path}/{id}`]: { build: async (w) => ({ path: `${path}/${base(w).id}` }) },
    [`PATCH ${path}/{id}`]: {
      build: async (w) => {
        const o = await make(w);
        return { path: `${path}/${o.id}`, body: { ...patch, version: o.version } };
      },
    },
    [`DELETE ${path}/{id}`]: { build: async (w) => ({ path: `${path}/${(await make(w)).id}` }) },
  };
}

// Staff, roles and permissions: the same routes in both panels, each panel
// with its own codes and system roles.
function staffFixtures(panel) {
  const base = `/api/${panel}`;
  const role = panel === 'hotel' ? 'housekeeping' : 'auditor';
  const code = panel === 'hotel' ? 'hotel:guests:read' : 'admin:dashboard:read';
  const baseUser = (w) => (panel === 'hotel' ? w.hotelUser() : w.adminUser());
  const baseRole = (w) => (panel === 'hotel' ? w.hotelRole() : w.adminRole());
  return {
    [`GET ${base}/users`]: get(`${base}/users?limit=100`),
    [`POST ${base}/users`]: {
      refuses: (c) => (c.impersonation ? 'impersonation_forbidden' : null),
      build: async () => ({
        path: `${base}/users`,
        body: {
          email: `new-${panel}-${randomId(4)}@staff.test`,
          first_name: 'Nia',
          last_name: 'New',
          password: strongPassword(),
          roles: [role],
        },
      }),
    },
    [`GET ${base}/users/{id}`]: { build: async (w) => ({ path: `${base}/users/${(await baseUser(w)).user.id}` }) },
    [`PATCH ${base}/users/{id}`]: {
      build: async (w) => {
        const { user } = await w.staff(panel, role);
        return { path: `${base}/users/${user.id}`, body: { last_name: 'Renamed', version: user.version } };
      },
    },
    [`DELETE ${base}/users/{id}`]: {
      build: async (w) => ({ path: `${base}/users/${(await w.staff(panel, role)).user.id}` }),
    },
    [`GET ${base}/roles`]: get(`${base}/roles?limit=100`),
    [`POST ${base}/roles`]: {
      build: async () => ({
        path: `${base}/roles`,
        body: { name: `new-${randomId(4)}`, display_name: 'New role', permissions: [code] },
      }),
    },
    [`GET ${base}/roles/{id}`]: { build: async (w) => ({ path: `${base}/roles/${(await baseRole(w)).id}` }) },
    [`PATCH ${base}/roles/{id}`]: {
      build: async (w) => {
        const r = await w.role(panel);
        return { path: `${base}/roles/${r.id}`, body: { description: 'evening shift', version: r.version } };
      },
    },
    [`DELETE ${base}/roles/{id}`]: { build: async (w) => ({ path: `${base}/roles/${(await w.role(panel)).id}` }) },
    [`GET ${base}/permissions`]: get(`${base}/permissions`),
  };
}

export const FIXTURES = {
  // health and auth
  'GET /healthz': get('/healthz'),
  'GET /readyz': get('/readyz'),
  // the API's own documentation
  'GET /api/openapi.yaml': get('/api/openapi.yaml'),
  'GET /api/openapi.json': get('/api/openapi.json'),
  'GET /api/docs': get('/api/docs'),
  'POST /api/auth/login': {
    build: async (w) => {
      const u = await w.hotelUser();
      return { path: '/api/auth/login', body: { email: u.email, password: u.password } };
    },
  },
  'POST /api/auth/refresh': {
    build: async (w) => ({ path: '/api/auth/refresh', body: { refresh_token: (await freshLogin(w)).refresh_token } }),
  },
  'POST /api/auth/logout': {
    build: async (w) => ({ path: '/api/auth/logout', body: { refresh_token: (await freshLogin(w)).refresh_token } }),
  },
  'GET /api/auth/me': get('/api/auth/me'),
  'POST /api/auth/switch-tenant': {
    perCaller: true,
    refuses: (c) => (c.impersonation ? 'impersonation_forbidden' : platformUser(c) ? 'not_a_member' : null),
    // A hotel user switches to (a new pair for) a tenant they belong to.
    build: async (w, c) => ({ path: '/api/auth/switch-tenant', body: { tenant_id: c.tenantId ?? w.tenantId } }),
  },
  'POST /api/auth/change-password': {
    perCaller: true,
    refuses: (c) => (c.impersonation ? 'impersonation_forbidden' : null),
    build: async (w, c) => {
      const next = strongPassword();
      return {
        path: '/api/auth/change-password',
        body: { current_password: c.password ?? strongPassword(), new_password: next },
        after: () => {
          c.password = next;
        },
      };
    },
  },

  // platform: hotels, impersonation, dashboard, audit
  'GET /api/admin/hotels': get(a('/hotels?limit=100')),
  'POST /api/admin/hotels': {
    build: async () => {
      const slug = uniqueSlug('rm');
      return { path: a('/hotels'), body: { name: `Hotel ${slug}`, slug, type: 'FRANCHISE', email: `${slug}@hotel.test` } };
    },
  },
  'GET /api/admin/hotels/{id}': { build: async (w) => ({ path: a(`/hotels/${w.tenantId}`) }) },
  'PATCH /api/admin/hotels/{id}': {
    build: async (w) => {
      const hotel = await w.platformHotel();
      return { path: a(`/hotels/${hotel.id}`), body: { name: `${hotel.name} renamed`, version: hotel.version } };
    },
  },
  'DELETE /api/admin/hotels/{id}': {
    build: async (w) => ({ path: a(`/hotels/${(await w.platformHotel()).id}`) }),
  },
  'POST /api/admin/hotels/{id}/status': {
    build: async (w) => ({
      path: a(`/hotels/${(await w.platformHotel()).id}/status`),
      body: { status: 'ACTIVE', reason: 'contract signed' },
    }),
  },
  'POST /api/admin/impersonation/start': {
    build: async (w) => ({
      path: a('/impersonation/start'),
      body: { target_tenant_id: w.tenantId, reason: 'support ticket 4711' },
    }),
  },
  'POST /api/admin/impersonation/end': {
    endsSession: true,
    refuses: (c) => (c.impersonation ? null : 'not_impersonating'),
    build: async () => ({ path: a('/impersonation/end') }),
  },
  'GET /api/admin/impersonation/sessions': get(a('/impersonation/sessions')),
  'GET /api/admin/dashboard': get(a('/dashboard')),
  'GET /api/admin/audit-logs': get(a('/audit-logs?limit=100')),
  'GET /api/admin/audit-logs/verify': get(a('/audit-logs/verify')),

  ...staffFixtures('admin'),

  // hotel: audit, properties, room types, rooms
  'GET /api/hotel/audit-logs': get(h('/audit-logs?limit=100')),
  ...crud('properties', {
    create: () => {
      const code = `N${randomId(3).toUpperCase()}`;
      return { name: `New ${code}`, code, timezone: 'Asia/Kolkata', currency: 'INR' };
    },
    base: (w) => w.base.property,
    make: (w) => w.property(),
    patch: { address: '1 Harbour Road' },
  }),
  ...crud('room-types', {
    create: (w) => ({
      property_id: w.base.property.id,
      code: `S${randomId(3).toUpperCase()}`,
      name: 'Suite',
      capacity: 4,
      base_rate_minor: 25000,
    }),
    base: (w) => w.base.roomType,
    make: (w) => w.roomType(),
    patch: { base_rate_minor: 11000 },
  }),
  ...crud('rooms', {
    create: (w) => ({
      property_id: w.base.property.id,
      room_type_id: w.base.roomType.id,
      room_number: `N${randomId(3)}`,
      floor: 3,
    }),
    base: (w) => w.base.rooms[0],
    make: (w) => w.room(),
    patch: { notes: 'sea view' },
  }),
  'POST /api/hotel/rooms/{id}/status': {
    build: async (w) => ({ path: h(`/rooms/${(await w.room()).id}/status`), body: { status: 'inspected' } }),
  },

  // guests
  ...crud('guests', {
    create: () => ({ first_name: 'Noor', last_name: `New${randomId(2)}`, email: `noor-${randomId(3)}@guest.test` }),
    base: (w) => w.base.guest,
    make: (w) => w.guest(),
    patch: { phone: '+33 1 23 45 67 89' },
  }),
  'GET /api/hotel/guests/{id}/export': {
    sideEffects: true, // the export is audited
    build: async (w) => ({ path: h(`/guests/${w.base.guest.id}/export`) }),
  },
  'POST /api/hotel/guests/{id}/erase': { build: async (w) => ({ path: h(`/guests/${(await w.guest()).id}/erase`) }) },

  // reservations and availability
  'GET /api/hotel/reservations': get(h('/reservations?limit=100')),
  'POST /api/hotel/reservations': {
    build: async (w) => ({
      path: h('/reservations'),
      body: {
        property_id: w.base.property.id,
        room_type_id: w.base.roomType.id,
        guest_id: w.base.guest.id,
        ...w.nextStay(),
        adults: 1,
      },
      headers: { 'idempotency-key': idemKey() },
    }),
  },
  'GET /api/hotel/reservations/{id}': { build: async (w) => ({ path: h(`/reservations/${w.base.reservation.id}`) }) },
  'PATCH /api/hotel/reservations/{id}': {
    build: async (w) => {
      const r = await w.reservation();
      return { path: h(`/reservations/${r.id}`), body: { notes: 'late arrival', version: r.version } };
    },
  },
  'POST /api/hotel/reservations/{id}/confirm': {
    build: async (w) => ({ path: h(`/reservations/${(await w.reservation()).id}/confirm`) }),
  },
  'POST /api/hotel/reservations/{id}/check-in': {
    build: async (w) => ({ path: h(`/reservations/${(await w.arrivingToday()).id}/check-in`) }),
  },
  'POST /api/hotel/reservations/{id}/check-out': {
    // Paid up: a balance other than zero refuses check-out.
    build: async (w) => {
      const r = await w.inHouse();
      if (r.balance.amount_minor > 0) await w.payment(r.id, r.balance.amount_minor);
      return { path: h(`/reservations/${r.id}/check-out`) };
    },
  },
  'POST /api/hotel/reservations/{id}/cancel': {
    build: async (w) => ({ path: h(`/reservations/${(await w.reservation()).id}/cancel`), body: { reason: 'ill' } }),
  },
  'POST /api/hotel/reservations/{id}/no-show': {
    build: async (w) => ({ path: h(`/reservations/${(await w.reservation('confirmed')).id}/no-show`) }),
  },
  'POST /api/hotel/reservations/{id}/assign-room': {
    build: async (w) => ({
      path: h(`/reservations/${(await w.reservation()).id}/assign-room`),
      body: { room_id: w.base.rooms[1].id },
    }),
  },
  'GET /api/hotel/availability': {
    build: async (w) => {
      const { check_in_date: from, check_out_date: to } = w.nextStay();
      return { path: h(`/availability?property_id=${w.base.property.id}&check_in=${from}&check_out=${to}`) };
    },
  },

  // payments
  'GET /api/hotel/reservations/{id}/payments': {
    build: async (w) => ({ path: h(`/reservations/${w.base.reservation.id}/payments`) }),
  },
  'POST /api/hotel/reservations/{id}/payments': {
    build: async (w) => ({
      path: h(`/reservations/${w.base.reservation.id}/payments`),
      body: { amount_minor: 2500, method: 'cash', reference: 'front desk till' },
      headers: { 'idempotency-key': idemKey() },
    }),
  },
  'GET /api/hotel/payments': get(h('/payments?limit=100')),
  'POST /api/hotel/payments/{id}/refund': {
    build: async (w) => ({
      path: h(`/payments/${(await w.payment()).id}/refund`),
      body: { amount_minor: 500, reason: 'goodwill' },
    }),
  },

  // folios, the night audit and the room rack
  'GET /api/hotel/reservations/{id}/folio': {
    build: async (w) => ({ path: h(`/reservations/${w.base.reservation.id}/folio`) }),
  },
  'POST /api/hotel/reservations/{id}/folio/charges': {
    build: async (w) => ({
      path: h(`/reservations/${w.base.reservation.id}/folio/charges`),
      body: { charge_type: 'breakfast', quantity: 2, unit_price_minor: 1800 },
      headers: { 'idempotency-key': idemKey() },
    }),
  },
  'POST /api/hotel/reservations/{id}/folio/lines/{line_id}/correct': {
    build: async (w) => ({
      path: h(`/reservations/${w.base.reservation.id}/folio/lines/${(await w.charge()).id}/correct`),
      body: { reason: 'not consumed' },
    }),
  },
  // A property opened yesterday, whose yesterday the audit closes.
  'POST /api/hotel/properties/{id}/night-audit': {
    build: async (w) => {
      const p = await w.property({ business_date: dateIn('UTC', -1) });
      return { path: h(`/properties/${p.id}/night-audit`), body: { business_date: p.business_date } };
    },
  },
  // A property with one closed date, made once.
  'GET /api/hotel/properties/{id}/night-audits': {
    build: async (w) => {
      const p = await w.once('audited-property', async () => {
        const opened = await w.property({ business_date: dateIn('UTC', -1) });
        await w.created(
          w.hotel('POST', `/api/hotel/properties/${opened.id}/night-audit`, { business_date: opened.business_date }),
          'night audit',
        );
        return opened;
      });
      return { path: h(`/properties/${p.id}/night-audits`) };
    },
  },
  'POST /api/hotel/reservations/{id}/invoice': {
    build: async (w) => {
      const r = await w.arrivingToday();
      await w.created(
        w.hotel('POST', `/api/hotel/reservations/${r.id}/folio/charges`, { charge_type: 'minibar', unit_price_minor: 900 }),
        'post a charge',
      );
      return { path: h(`/reservations/${r.id}/invoice`) };
    },
  },
  'GET /api/hotel/reservations/{id}/invoices': {
    build: async (w) => ({ path: h(`/reservations/${(await w.once('invoice', () => w.invoice())).reservation_id}/invoices`) }),
  },
  'GET /api/hotel/invoices/{id}': {
    build: async (w) => ({ path: h(`/invoices/${(await w.once('invoice', () => w.invoice())).id}`) }),
  },
  'GET /api/hotel/invoices/{id}.pdf': {
    build: async (w) => ({ path: h(`/invoices/${(await w.once('invoice', () => w.invoice())).id}.pdf`) }),
  },
  'POST /api/hotel/invoices/{id}/credit-note': {
    build: async (w) => ({ path: h(`/invoices/${(await w.invoice()).id}/credit-note`), body: { reason: 'billed to the company' } }),
  },
  'GET /api/hotel/reservations/{id}/registration-card.pdf': {
    build: async (w) => ({ path: h(`/reservations/${w.base.reservation.id}/registration-card.pdf`) }),
  },
  'GET /api/hotel/room-rack': {
    build: async (w) => ({ path: h(`/room-rack?property_id=${w.base.property.id}&from=${dateIn('UTC', 0)}`) }),
  },

  // incidents and dashboard
  ...crud('incidents', {
    create: (w) => ({
      title: 'Broken window',
      category: 'maintenance',
      severity: 'high',
      property_id: w.base.property.id,
      room_id: w.base.rooms[1].id,
      reservation_id: w.base.reservation.id,
    }),
    base: (w) => w.base.incident,
    make: (w) => w.incident(),
    patch: { status: 'in_progress' },
  }),
  'GET /api/hotel/dashboard': {
    build: async (w) => ({ path: h(`/dashboard?property_id=${w.base.property.id}`) }),
  },

  // domain events: the world's changes made them (rooms and incidents for
  // housekeeping, payments and reservations for the accountant, ...)
  'GET /api/hotel/events': get(h('/events?limit=100')),

  ...staffFixtures('hotel'),

  // reports
  ...reportFixtures('hotel'),
  ...reportFixtures('admin'),
};
