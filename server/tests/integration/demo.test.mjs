// `keycard demo`: a demo hotel made through the API pipeline, usable at once
// by its staff, audited, and harmless when run twice.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { adminToken, loginOk, strongPassword } from './lib/api.mjs';
import { KEYCARD_BIN, startServer } from './lib/server.mjs';

const run = promisify(execFile);

describe('keycard demo', () => {
  let server;
  let password;
  let firstRun;
  let firstRunWindow; // when the first run ran: its "today" is a day within it
  let dataDir;
  const demo = () =>
    run(KEYCARD_BIN, ['demo', '--password', password], {
      env: {
        PATH: process.env.PATH,
        KEYCARD_DATABASE: server.databaseUrl,
        KEYCARD_DATA_DIR: dataDir,
        KEYCARD_PASSWORD_COST: 'low',
        KEYCARD_LOG_LEVEL: 'warn',
      },
    });

  before(async () => {
    server = await startServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keycard-demo-'));
    password = strongPassword();
    const from = Date.now();
    firstRun = await demo();
    firstRunWindow = { from, to: Date.now() };
  });
  after(async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints the staff accounts and the password', () => {
    assert.match(firstRun.stdout, /demo data created/);
    assert.match(firstRun.stdout, /manager@harbour-view\.example/);
    assert.ok(firstRun.stdout.includes(password));
  });

  test('the manager signs in and sees a working hotel: rooms, stays, incidents', async () => {
    const { access_token: token } = await loginOk(server, 'manager@harbour-view.example', password);
    const get = async (p) => {
      const res = await server.request('GET', p, { token });
      assert.equal(res.status, 200, `${p}: ${res.text}`);
      return res.json;
    };
    const props = await get('/api/hotel/properties');
    assert.equal(props.items.length, 1);
    const propertyId = props.items[0].id;
    const rooms = await get(`/api/hotel/rooms?property_id=${propertyId}&limit=100`);
    assert.equal(rooms.total ?? rooms.items.length, 16);
    // The demo books around the day it ran at its property. Asking the
    // dashboard for "today" would ask about a later day if midnight passed
    // since; a run across midnight leaves two candidate days.
    const dayAt = (ms) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: props.items[0].timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
    const days = [...new Set([dayAt(firstRunWindow.from), dayAt(firstRunWindow.to)])];
    const dashboards = [];
    for (const day of days) dashboards.push(await get(`/api/hotel/dashboard?property_id=${propertyId}&date=${day}`));
    const dash = dashboards.find((d) => d.arrivals >= 1 && d.departures >= 1 && d.in_house >= 1) ?? dashboards[0];
    assert.equal(dash.rooms_available, 15, 'one room is out of order');
    assert.ok(dash.arrivals >= 1, JSON.stringify(dash));
    assert.ok(dash.departures >= 1, JSON.stringify(dash));
    assert.ok(dash.in_house >= 1, JSON.stringify(dash));
    assert.equal(dash.open_incidents, 3);
    const reservations = await get('/api/hotel/reservations?limit=100');
    assert.equal(reservations.items.length, 8);
    assert.ok(reservations.items.some((r) => r.status === 'checked_in'));
    assert.ok(reservations.items.some((r) => r.status === 'cancelled'));
    // Three nights of history, closed by the night audit: the business date
    // is the day the demo ran; a stay that left was charged its two nights
    // and settled; a guest who never came is a no-show.
    const audits = await get(`/api/hotel/properties/${propertyId}/night-audits`);
    assert.equal(audits.total, 3);
    const property = await get(`/api/hotel/properties/${propertyId}`);
    assert.ok(days.includes(property.business_date), `${property.business_date} is the demo's day`);
    assert.equal(property.last_audit_date, audits.items[0].business_date_closed);
    assert.ok(audits.items.some((a) => a.no_shows === 1), JSON.stringify(audits.items));
    const left = reservations.items.find((r) => r.status === 'checked_out');
    assert.ok(left, 'a stay has checked out');
    const folio = await get(`/api/hotel/reservations/${left.id}/folio`);
    assert.equal(folio.lines.filter((l) => l.charge_type === 'room').length, 2);
    assert.deepEqual(folio.totals.balance, { amount_minor: 0, currency: 'EUR' });
    assert.ok(reservations.items.some((r) => r.status === 'no_show'));
  });

  test('front desk and housekeeping accounts work with their own roles', async () => {
    for (const email of ['frontdesk@harbour-view.example', 'housekeeping@harbour-view.example']) {
      const { access_token: token } = await loginOk(server, email, password);
      const denied = await server.request('GET', '/api/hotel/users', { token });
      assert.equal(denied.status, 403, `${email} is not offered staff administration`);
    }
  });

  test('everything it made is audited and the chains verify', async () => {
    const admin = await adminToken(server);
    const res = await server.request('GET', '/api/admin/audit-logs?action=reservation&limit=100', { token: admin });
    assert.equal(res.status, 200, res.text);
    const verify = await server.request('GET', '/api/admin/audit-logs/verify', { token: admin });
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.json.ok, true);
    assert.ok(verify.json.checked > 40, `entries checked: ${verify.json.checked}`);
  });

  test('a second run changes nothing', async () => {
    const again = await demo();
    assert.match(again.stdout, /exists already/);
    const admin = await adminToken(server);
    const hotels = await server.request('GET', '/api/admin/hotels?q=harbour', { token: admin });
    assert.equal(hotels.status, 200, hotels.text);
    assert.equal(hotels.json.items.length, 1);
  });
});
