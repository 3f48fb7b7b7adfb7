// Helpers over the public API contract (shared/design/API.md): logging in,
// creating hotels, checking problem details, and JWT surgery for the
// tampering tests.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { randomId, strongPassword } from './server.mjs';

export { randomId, strongPassword };

// Asserts an RFC 9457 answer: the status (one of `statuses` when an array),
// the media type and the members {type, title, status, detail, code}.
export function assertProblem(res, statuses, code) {
  const allowed = Array.isArray(statuses) ? statuses : [statuses];
  const where = `answer ${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(allowed.includes(res.status), `expected status ${allowed.join('|')}, got ${where}`);
  const ct = res.headers.get('content-type') || '';
  assert.match(ct, /^application\/problem\+json/i, `content-type of a ${res.status}: "${ct}" (${where})`);
  assert.equal(typeof res.json, 'object', `problem body is not a JSON object: ${where}`);
  assert.ok(res.json !== null && !Array.isArray(res.json), `problem body is not a JSON object: ${where}`);
  assert.equal(res.json.status, res.status, `problem "status" member differs from the HTTP status: ${where}`);
  for (const member of ['type', 'title', 'detail', 'code']) {
    assert.equal(typeof res.json[member], 'string', `problem member "${member}" missing: ${where}`);
  }
  if (code !== undefined) assert.equal(res.json.code, code, `problem code: ${where}`);
  return res.json;
}

export function assertStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what ? `${what}: ` : ''}expected ${status}, got ${res.status} ${res.text.slice(0, 500)}`);
  return res.json;
}

export function login(server, email, password, extra = {}) {
  return server.request('POST', '/api/auth/login', { body: { email, password }, ...extra });
}

// Logs in and returns the token pair; fails the test on anything but 200.
export async function loginOk(server, email, password) {
  const res = await login(server, email, password);
  return assertStatus(res, 200, `login ${email}`);
}

export async function adminToken(server) {
  return (await loginOk(server, server.admin.email, server.admin.password)).access_token;
}

export function uniqueSlug(prefix = 'h') {
  return `${prefix}-${randomId(5)}`;
}

// Creates an INDEPENDENT hotel with a manager through the admin API.
// Returns {hotel, manager: {email, password, first_name, last_name}}.
export async function createHotel(server, token, overrides = {}) {
  const slug = overrides.slug ?? uniqueSlug();
  const manager = {
    email: `manager-${slug}@hotel.test`,
    first_name: 'Mia',
    last_name: 'Manager',
    password: strongPassword(),
    ...(overrides.manager ?? {}),
  };
  const body = {
    name: `Hotel ${slug}`,
    slug,
    type: 'INDEPENDENT',
    email: `contact-${slug}@hotel.test`,
    ...overrides,
    manager,
  };
  const res = await server.request('POST', '/api/admin/hotels', { token, body });
  const hotel = assertStatus(res, 201, `create hotel ${slug}`);
  assert.ok(hotel && typeof hotel.id === 'string', `hotel answer has an id: ${res.text}`);
  return { hotel, manager };
}

export async function setHotelStatus(server, token, hotelId, status, reason = 'integration test') {
  const res = await server.request('POST', `/api/admin/hotels/${hotelId}/status`, {
    token,
    body: { status, reason },
  });
  return assertStatus(res, 200, `set hotel ${hotelId} status ${status}`);
}

// --- hotel routes -------------------------------------------------------------
// Hotel-panel routes a Hotel Manager may read. Features land one by one, so
// tests that just need "some hotel route" probe this list.
export const HOTEL_PROBE_ROUTES = [
  '/api/hotel/dashboard',
  '/api/hotel/properties',
  '/api/hotel/users',
  '/api/hotel/roles',
  '/api/hotel/permissions',
  '/api/hotel/guests',
  '/api/hotel/reservations',
  '/api/hotel/audit-logs',
];

// True when the server has no such endpoint at all (as opposed to refusing).
export const isMissingRoute = (res) => res.status === 404 && res.json?.code === 'route_not_found';

// The first probe route answering 200 for `token`: {route, seen}; route is
// null when none does, and `missing` tells whether none exists at all.
export async function findHotelRoute(server, token) {
  const seen = [];
  let missing = true;
  for (const route of HOTEL_PROBE_ROUTES) {
    const res = await server.request('GET', route, { token });
    if (res.status === 200) return { route, seen, missing: false };
    if (!isMissingRoute(res)) missing = false;
    seen.push(`${route} -> ${res.status}`);
  }
  return { route: null, seen, missing };
}

// --- JWT surgery ---------------------------------------------------------------

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const fromB64u = (s) => Buffer.from(s, 'base64url').toString('utf8');

export function decodeJwt(token) {
  const [h, p, s] = token.split('.');
  return { header: JSON.parse(fromB64u(h)), payload: JSON.parse(fromB64u(p)), signature: s };
}

export function encodeJwt(header, payload, signature = '') {
  return `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.${signature}`;
}

const HMAC = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

// Signs header+payload with an HMAC algorithm and the given secret.
export function signJwt(header, payload, secret) {
  const alg = HMAC[header.alg];
  if (!alg) throw new Error(`cannot sign ${header.alg}`);
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${createHmac(alg, secret).update(input).digest('base64url')}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

// Waits for a state, never for a time: polls `probe` until it returns a
// truthy value (which it resolves with), failing after `timeoutMs`.
export async function waitFor(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
