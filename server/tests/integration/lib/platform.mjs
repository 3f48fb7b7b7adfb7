// Helpers for the platform-panel tests: the audit trail, impersonation, the
// `keycard` command line, and reading every page of a list.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { assertStatus, loginOk, strongPassword, randomId } from './api.mjs';
import { KEYCARD_BIN } from './server.mjs';

// Builds "?a=1&b=2" from an object, leaving out undefined values.
export function qs(params = {}) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

// GET a list route and return its answer body (fails on anything but 200).
export async function listOk(server, token, path, params = {}) {
  const res = await server.request('GET', `${path}${qs(params)}`, { token });
  return assertStatus(res, 200, `GET ${path}${qs(params)}`);
}

// Every item of a paginated list, page by page with `limit`; checks that the
// pages agree on the total and never repeat an item.
export async function listAll(server, token, path, params = {}, limit = 100) {
  const items = [];
  let total;
  for (let page = 1; ; page++) {
    const body = await listOk(server, token, path, { ...params, page, limit });
    assert.equal(body.page, page, `${path}: page echoed`);
    assert.equal(body.limit, limit, `${path}: limit echoed`);
    if (total === undefined) total = body.total;
    assert.equal(body.total, total, `${path}: the total is the same on every page`);
    items.push(...body.items);
    if (body.items.length < limit) break;
  }
  assert.equal(items.length, total, `${path}: the pages hold exactly total items`);
  assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${path}: no item on two pages`);
  return items;
}

// Audit entries through the admin panel (every page).
export const adminAudit = (server, token, params = {}) => listAll(server, token, '/api/admin/audit-logs', params);

// Starts an impersonation; returns the answer body (fails on anything but 200).
export async function impersonate(server, token, body) {
  const res = await server.request('POST', '/api/admin/impersonation/start', { token, body });
  return assertStatus(res, 200, 'impersonation start');
}

// Creates a user through a panel's staff API ('admin' | 'hotel') with the
// given roles and logs them in. Returns {user, token, refresh, email, password}.
export async function staffMember(server, token, panel, roles) {
  const email = `${panel}-${randomId(4)}@staff.test`;
  const password = strongPassword();
  const res = await server.request('POST', `/api/${panel}/users`, {
    token,
    body: { email, first_name: 'Sam', last_name: 'Staff', password, roles },
  });
  const user = assertStatus(res, 201, `create ${panel} user (${roles.join(', ')})`);
  const pair = await loginOk(server, email, password);
  return { user, token: pair.access_token, refresh: pair.refresh_token, email, password };
}

export const platformStaff = (server, adminToken, roles) => staffMember(server, adminToken, 'admin', roles);
export const hotelStaff = (server, managerToken, roles) => staffMember(server, managerToken, 'hotel', roles);

// Platform staff holding exactly `permissions`, through a custom role.
export async function platformStaffWith(server, adminToken, permissions) {
  const res = await server.request('POST', '/api/admin/roles', {
    token: adminToken,
    body: { name: `only-${randomId(3)}`, display_name: 'Only', permissions },
  });
  const role = assertStatus(res, 201, `create a role with ${permissions.join(', ')}`);
  return platformStaff(server, adminToken, [role.name]);
}

// Runs `keycard <args>` against the server's database; resolves to
// {code, stdout, stderr} whatever the exit code.
export function keycardCli(server, args) {
  return new Promise((resolve) => {
    execFile(
      KEYCARD_BIN,
      [...args, '--database', server.databaseUrl],
      { env: { ...process.env, KEYCARD_LOG_LEVEL: 'error' }, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
