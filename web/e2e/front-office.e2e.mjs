// The front office end to end (issue 13), as a Hotel Manager. A property
// opened yesterday (its business date) has an arrival for that date: the
// front desk's arrivals list checks the guest in, the folio takes an extra
// charge, the night audit closes the date (one room night posted, the
// business date moves to today), the departures list shows the open balance
// and checks out with the override and its reason, and the stay's invoice is
// issued and downloaded as PDF (when the invoice routes are deployed). Then
// the room rack: a stay dragged from the unassigned lane onto a free room is
// assigned to it, and dragged onto a room another stay holds is refused with
// the server's detail. The night audit scheduler is off, so the dates move
// only when the test says so.
import fs from 'node:fs';
import { test } from 'node:test';
import {
  apiLib,
  assert,
  assertNoPageErrors,
  eventually,
  field,
  heading,
  hotelLib,
  openPage,
  screenshot,
  signIn,
  useApp,
  waitForPath,
} from './lib/harness.mjs';

const ZONE = 'Europe/Lisbon';

let tenant;
const desk = {}; // the front office property: {property, roomType, rooms, guest, reservation, D}
const rack = {}; // the room rack property: {property, rooms, stays: {xavier, yara, zoe}}

async function openProperty(t, name, extra = {}) {
  const code = `E${apiLib.randomId(2).toUpperCase()}`;
  const property = await hotelLib.ok(
    t.req('POST', '/api/hotel/properties', { name, code, timezone: ZONE, currency: 'EUR', ...extra }),
    201,
    'create property',
  );
  const roomType = await hotelLib.ok(
    t.req('POST', '/api/hotel/room-types', { property_id: property.id, code: 'DBL', name: 'Double', capacity: 2, base_rate_minor: 10000 }),
    201,
    'create room type',
  );
  const rooms = [];
  for (const number of ['301', '302', '303']) {
    rooms.push(
      await hotelLib.ok(
        t.req('POST', '/api/hotel/rooms', { property_id: property.id, room_type_id: roomType.id, room_number: number, floor: 3 }),
        201,
        'create room',
      ),
    );
  }
  return { property, roomType, rooms };
}

async function guest(t, first, last) {
  return hotelLib.ok(t.req('POST', '/api/hotel/guests', { first_name: first, last_name: last }), 201, 'create guest');
}

async function book(t, s, g, checkIn, nights, extra = {}) {
  return hotelLib.ok(
    t.req('POST', '/api/hotel/reservations', {
      property_id: s.property.id,
      room_type_id: s.roomType.id,
      guest_id: g.id,
      check_in_date: checkIn,
      check_out_date: hotelLib.addDays(checkIn, nights),
      adults: 1,
      status: 'confirmed',
      ...extra,
    }),
    201,
    'book',
  );
}

const app = useApp({
  env: { KEYCARD_NIGHT_AUDIT_INTERVAL: '0' },
  setup: async ({ server }) => {
    const admin = await apiLib.adminToken(server);
    tenant = await hotelLib.hotelTenant(server, admin, { name: 'Front Office Harbour Hotel' });
    desk.D = hotelLib.dateIn(ZONE, -1);
    Object.assign(desk, await openProperty(tenant, 'Alfama Front Office', { business_date: desk.D }));
    assert.equal(desk.property.business_date, desk.D, 'the property opens on yesterday');
    desk.guest = await guest(tenant, 'Grace', 'Arrival');
    desk.reservation = await book(tenant, desk, desk.guest, desk.D, 1);

    const today = hotelLib.dateIn(ZONE, 0);
    Object.assign(rack, await openProperty(tenant, 'Baixa Rack'));
    const [r301, r302] = rack.rooms;
    rack.stays = {
      xavier: await book(tenant, rack, await guest(tenant, 'Xavier', 'Early'), today, 3, { room_id: r301.id }),
      yara: await book(tenant, rack, await guest(tenant, 'Yara', 'Middle'), today, 1, { room_id: r302.id }),
      zoe: await book(tenant, rack, await guest(tenant, 'Zoe', 'Unassigned'), hotelLib.addDays(today, 1), 2),
    };
  },
});

const nav = (p, name) => p.getByRole('navigation').getByRole('link', { name, exact: true });
const dialog = (p) => p.getByRole('dialog');
const notification = (p, title) => p.locator('.mantine-Notification-root').filter({ hasText: title }).first();

/** The property picker (its options stay mounted, so the label names a listbox too). */
const propertyPicker = (p) => p.getByRole('textbox', { name: 'Property' });

test('arrival → check-in → extra charge → night audit → departure with an open balance → invoice PDF', async (t) => {
  const { server } = app;
  const page = await openPage(app.browser, server);
  await page.goto('/login');
  await signIn(page, tenant.manager.email, tenant.manager.password);
  await waitForPath(page, '/hotel/dashboard');

  // --- arrivals of the business date (yesterday) -----------------------------
  await nav(page, 'Front desk').click();
  await heading(page, 'Front desk').waitFor();
  // The first property by name is the one opened yesterday.
  await eventually(async () => assert.match(await propertyPicker(page).inputValue(), /Alfama Front Office/));
  const arrivals = page.getByRole('table', { name: 'Arrivals' });
  await arrivals.getByText('Grace Arrival').waitFor();
  await screenshot(page, 'front-desk-arrivals');
  await arrivals.getByRole('button', { name: 'Check in Grace Arrival' }).click();
  let d = dialog(page);
  await eventually(async () => assert.match(await field(d, 'Room').inputValue(), /Any ready room/));
  await d.getByRole('button', { name: 'Check in' }).click();
  await notification(page, 'Check in').waitFor();
  await page.getByText('No arrivals left today').waitFor();

  // --- in house → the folio ------------------------------------------------------
  await page.getByRole('tab', { name: /In house/ }).click();
  const inHouse = page.getByRole('table', { name: 'In house' });
  await inHouse.getByText('Grace Arrival').waitFor();
  await inHouse.getByRole('link', { name: 'Open folio of Grace Arrival' }).click();
  await waitForPath(page, `/hotel/reservations/${desk.reservation.id}`);
  await heading(page, /Checked in/i).waitFor();
  const lines = page.getByRole('table', { name: 'Folio lines' });
  await page.getByText('Nothing posted yet').waitFor();
  const totals = page.getByRole('list', { name: 'Folio totals' });
  await eventually(async () =>
    assert.match(await totals.getByRole('listitem', { name: 'Pending room nights' }).innerText(), /^PENDING ROOM NIGHTS\s+1\b/),
  );

  await page.getByRole('button', { name: 'Post charge' }).click();
  d = dialog(page);
  await field(d, 'Description').fill('Two bottles of water');
  await field(d, 'Quantity').fill('2');
  await field(d, 'Unit price (EUR)').fill('3.50');
  await d.getByText('Amount: €7.00').waitFor();
  await d.getByRole('button', { name: 'Post charge' }).click();
  await d.waitFor({ state: 'hidden' });
  await notification(page, 'Charge posted').waitFor();
  await lines.getByText('Two bottles of water').waitFor();
  await eventually(async () => assert.match(await page.getByRole('group', { name: 'Balance' }).innerText(), /€107\.00/));
  await screenshot(page, 'front-office-folio');

  // --- the night audit closes yesterday ----------------------------------------------
  await page.goto(`/hotel/properties/${desk.property.id}`);
  await heading(page, /Alfama Front Office/).waitFor();
  await page.getByText('No night audit yet').waitFor();
  await page.getByRole('button', { name: 'Run night audit' }).click();
  d = dialog(page);
  await d.getByRole('button', { name: 'Run night audit' }).click();
  const summary = d.getByRole('list', { name: 'Night audit summary' });
  await summary.waitFor();
  assert.match(await summary.getByRole('listitem', { name: 'Room nights posted' }).innerText(), /\b1$/);
  assert.match(await summary.getByRole('listitem', { name: 'Amount posted' }).innerText(), /€100\.00/);
  await screenshot(page, 'front-office-night-audit');
  await d.getByRole('button', { name: 'Close' }).click();
  // Posted and ADR are both one night at €100.00.
  await page.getByRole('table', { name: 'Night audits' }).getByText('€100.00').first().waitFor();
  const after = apiLib.assertStatus(await server.request('GET', `/api/hotel/properties/${desk.property.id}`, { token: tenant.token }), 200);
  assert.equal(after.business_date, hotelLib.addDays(desk.D, 1), 'the business date moved to today');
  assert.equal(after.last_audit_date, desk.D);

  // --- departures of the new business date: the balance is open ------------------------
  await nav(page, 'Front desk').click();
  await heading(page, 'Front desk').waitFor();
  await page.getByRole('tab', { name: /Departures/ }).click();
  const departures = page.getByRole('table', { name: 'Departures' });
  await departures.getByText('Grace Arrival').waitFor();
  await departures.getByText('€107.00').waitFor();
  await departures.getByRole('button', { name: 'Check out Grace Arrival' }).click();
  d = dialog(page);
  await d.getByText('The balance of €107.00 is still open. The room becomes dirty.').waitFor();
  await d.getByRole('button', { name: 'Check out', exact: true }).click();
  await d.getByRole('alert').filter({ hasText: 'Grace Arrival still owes €107.00' }).waitFor();
  await d.getByRole('button', { name: 'Check out anyway' }).click();
  await d.getByText('A reason is required').waitFor();
  await field(d, 'Reason').fill('The company pays on invoice');
  await d.getByRole('button', { name: 'Check out anyway' }).click();
  await d.waitFor({ state: 'hidden' });
  await notification(page, 'Check out').waitFor();
  await page.getByText('No departures left today').waitFor();
  const closed = apiLib.assertStatus(
    await server.request('GET', `/api/hotel/reservations/${desk.reservation.id}`, { token: tenant.token }),
    200,
  );
  assert.equal(closed.status, 'checked_out');
  assert.equal(closed.balance.amount_minor, 10700, 'left open by the override');

  // --- the folio and the invoice ---------------------------------------------------------
  await page.goto(`/hotel/reservations/${desk.reservation.id}`);
  await heading(page, /Checked out/i).waitFor();
  await lines.getByText('Room night').waitFor();
  await lines.getByText('Two bottles of water').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Post charge' }).count(), 0, 'a closed folio takes no charge');

  const invoicesRoute = await server.request('GET', `/api/hotel/reservations/${desk.reservation.id}/invoices`, { token: tenant.token });
  if (invoicesRoute.status === 404) {
    // Not deployed yet: the page shows no invoice section and no error.
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Invoices' }).count(), 0);
    assert.equal(await page.getByText('Could not load').count(), 0);
    t.diagnostic('the invoice routes answer 404: the invoice part was not exercised');
  } else {
    await page.getByRole('heading', { name: 'Invoices' }).waitFor();
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await notification(page, 'Invoice issued').waitFor();
    const invoices = page.getByRole('table', { name: 'Invoices' });
    const pdf = invoices.getByRole('button', { name: /^PDF of / }).first();
    await pdf.waitFor();
    const download = page.waitForEvent('download');
    await pdf.click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.pdf$/);
    assert.equal(fs.readFileSync(await file.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  }
  await screenshot(page, 'front-office-checked-out');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the room rack: drag a stay onto a free room assigns it; onto a held room, the refusal is shown', async () => {
  const { server } = app;
  const page = await openPage(app.browser, server, { width: 1440, height: 900 });
  await page.goto('/login');
  await signIn(page, tenant.manager.email, tenant.manager.password);
  await waitForPath(page, '/hotel/dashboard');

  await nav(page, 'Room rack').click();
  await heading(page, 'Room rack').waitFor();
  const baixa = (await hotelLib.ok(tenant.req('GET', `/api/hotel/properties/${rack.property.id}`), 200, 'property')).code;
  await propertyPicker(page).click();
  await page.getByRole('option', { name: `Baixa Rack (${baixa})`, exact: true }).click();
  const grid = page.getByRole('table', { name: 'Room rack' });
  const row = (number) => grid.getByRole('row', { name: new RegExp(`^Room ${number}, `) });
  await row('301').getByRole('link', { name: /^Xavier Early, / }).waitFor();
  await row('302').getByRole('link', { name: /^Yara Middle, / }).waitFor();
  const lane = grid.getByRole('row', { name: 'Unassigned stays' });
  await lane.getByRole('link', { name: /^Zoe Unassigned, / }).waitFor();
  await screenshot(page, 'room-rack');

  // Onto the free room 303.
  await lane.getByRole('link', { name: /^Zoe Unassigned, / }).dragTo(row('303'));
  await notification(page, 'Room assigned').waitFor();
  await row('303').getByRole('link', { name: /^Zoe Unassigned, / }).waitFor();
  await eventually(async () => assert.equal(await lane.count(), 0, 'no unassigned stay is left'));
  const zoe = apiLib.assertStatus(await server.request('GET', `/api/hotel/reservations/${rack.stays.zoe.id}`, { token: tenant.token }), 200);
  assert.equal(zoe.room_id, rack.rooms[2].id);

  // Onto 301, which Xavier holds on those nights: refused, and the bar stays where it was.
  await row('303').getByRole('link', { name: /^Zoe Unassigned, / }).dragTo(row('301'));
  const refusal = notification(page, `Could not move ${rack.stays.zoe.confirmation_number}`);
  await refusal.waitFor();
  assert.ok((await refusal.innerText()).length > `Could not move ${rack.stays.zoe.confirmation_number}`.length + 5, 'the detail is shown');
  await row('303').getByRole('link', { name: /^Zoe Unassigned, / }).waitFor();
  const still = apiLib.assertStatus(await server.request('GET', `/api/hotel/reservations/${rack.stays.zoe.id}`, { token: tenant.token }), 200);
  assert.equal(still.room_id, rack.rooms[2].id);

  // A bar opens its reservation.
  await row('301').getByRole('link', { name: /^Xavier Early, / }).click();
  await waitForPath(page, `/hotel/reservations/${rack.stays.xavier.id}`);
  await heading(page, new RegExp(rack.stays.xavier.confirmation_number)).waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('the room rack draws 200 rooms over 30 days, every stay a bar', async (t) => {
  const { server } = app;
  const page = await openPage(app.browser, server, { width: 1440, height: 900 });
  const types = ['SGL', 'DBL', 'TWN', 'STE'].map((code, i) => ({ id: `00000000-0000-7000-8000-00000000000${i}`, code, name: `Type ${code}` }));
  const rooms = Array.from({ length: 200 }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(1000 + i).padStart(12, '0')}`,
    room_number: String(100 + i),
    floor: 1 + Math.floor(i / 50),
    room_type_id: types[i % 4].id,
    status: i % 17 === 0 ? 'out_of_order' : i % 5 === 0 ? 'dirty' : 'clean',
    occupied: false,
  }));
  // Three-night stays back to back in every room, and some unassigned ones per type.
  await page.route('**/api/hotel/room-rack?**', async (route) => {
    const url = new URL(route.request().url());
    const from = url.searchParams.get('from');
    const stays = [];
    rooms.forEach((room, i) => {
      for (let n = -2; n < 32; n += 3) {
        stays.push({
          reservation_id: `s-${i}-${n}`,
          confirmation_number: `PRF-${i}${n}`,
          guest_name: `Guest ${i}/${n}`,
          room_id: room.id,
          room_type_id: room.room_type_id,
          status: n < 0 ? 'checked_in' : 'confirmed',
          check_in_date: hotelLib.addDays(from, n),
          check_out_date: hotelLib.addDays(from, n + 3),
          balance: { amount_minor: 0, currency: 'EUR' },
        });
      }
    });
    for (let k = 0; k < 40; k++) {
      stays.push({
        reservation_id: `u-${k}`,
        confirmation_number: `PRF-U${k}`,
        guest_name: `Waiting ${k}`,
        room_id: null,
        room_type_id: types[k % 4].id,
        status: 'pending',
        check_in_date: hotelLib.addDays(from, k % 25),
        check_out_date: hotelLib.addDays(from, (k % 25) + 4),
        balance: { amount_minor: 0, currency: 'EUR' },
      });
    }
    await route.fulfill({
      json: { property_id: rack.property.id, from, to: url.searchParams.get('to'), business_date: from, room_types: types, rooms, stays },
    });
  });
  await page.goto('/login');
  await signIn(page, tenant.manager.email, tenant.manager.password);
  await waitForPath(page, '/hotel/dashboard');
  await page.goto(`/hotel/room-rack?property_id=${rack.property.id}`);
  const grid = page.getByRole('table', { name: 'Room rack' });
  await grid.getByRole('row', { name: /^Room 299, / }).waitFor();

  const started = Date.now();
  await page.getByText('30 days', { exact: true }).click();
  await eventually(async () => assert.equal(await grid.getByRole('columnheader').count(), 31), { interval: 20 });
  const elapsed = Date.now() - started;
  assert.equal(await grid.getByRole('row', { name: /^Room \d+, / }).count(), 200);
  assert.ok((await grid.getByRole('link').count()) > 2000, 'every stay is a bar');
  // How long it took is reported, not asserted: speed is measured by the
  // benchmarks (bench/), never by a test that a slow machine could fail.
  t.diagnostic(`14 → 30 days for 200 rooms: ${elapsed} ms`);
  await screenshot(page, 'room-rack-200-rooms');
  assertNoPageErrors(page);
  await page.context().close();
});
