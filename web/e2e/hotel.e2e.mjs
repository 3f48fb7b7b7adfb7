// The hotel panel end to end, as a Hotel Manager: a property, a room type and
// rooms (a taken room number lands on its field), a quick housekeeping status
// change, a guest, a booking whose first answer is lost (the retry with the
// same Idempotency-Key books once), check-in, a payment, a partial refund and
// the rest, check-out (balance 0, the room becomes dirty), the guest's export
// and erasure, an incident moved across the board, a staff member, a role and
// the audit log. Then: another hotel's manager gets the 404 page for the
// first hotel's reservation and guest, and a Front Desk member at tablet
// width is offered only what their role allows.
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import {
  apiLib,
  assert,
  assertNoPageErrors,
  eventually,
  field,
  heading,
  hotelLib,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  startApp,
  waitForPath,
} from './lib/harness.mjs';

let server;
let browser;
let page;
let hotelA;
let hotelB;
// Filled in as the first scenario goes.
const made = { reservationPath: null, guestPath: null, deskEmail: null, deskPassword: 'Front-Desk-Pass-2026!' };

before(async () => {
  server = await startApp();
  browser = await launchBrowser();
  const admin = await apiLib.adminToken(server);
  hotelA = await hotelLib.hotelTenant(server, admin);
  hotelB = await hotelLib.hotelTenant(server, admin);
  page = await openPage(browser, server);
  await page.goto('/login');
  await signIn(page, hotelA.manager.email, hotelA.manager.password);
  await waitForPath(page, '/hotel/dashboard');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = (p, name) => p.getByRole('navigation').getByRole('link', { name, exact: true });
const dialog = (p) => p.getByRole('dialog');
const notification = (p, title) => p.locator('.mantine-Notification-root').filter({ hasText: title }).first();

async function choose(p, scope, label, option) {
  await field(scope, label).click();
  await p.getByRole('option', { name: option, exact: true }).click();
}

/** The text of a StatCard (role group) without line breaks, e.g. "BALANCE €0.00". */
async function stat(p, label) {
  return (await p.getByRole('group', { name: label }).innerText()).replace(/\s+/g, ' ').trim();
}

test('a manager sets up a property, books a stay, checks in, takes payment and checks out', async () => {
  await heading(page, 'Dashboard').waitFor();
  await screenshot(page, 'hotel-dashboard-empty');

  // --- property -------------------------------------------------------------
  await nav(page, 'Properties').click();
  await heading(page, 'Properties').waitFor();
  await page.getByText('No properties yet').waitFor();
  await page.getByRole('button', { name: 'New property' }).click();
  let d = dialog(page);
  await d.getByRole('button', { name: 'Create property' }).click();
  await d.getByText('Required').first().waitFor();
  await d.getByText('2 to 20 letters, digits or hyphens').waitFor();
  await field(d, 'Name').fill('Aurora Lisboa');
  await field(d, 'Code').fill('aur');
  await field(d, 'Address').fill('Rua do Sol 1, Lisboa');
  await d.getByRole('button', { name: 'Create property' }).click();
  await waitForPath(page, /^\/hotel\/properties\/[0-9a-f-]{36}$/);
  await heading(page, /Aurora Lisboa/).waitFor();
  await notification(page, 'Property created').waitFor();
  await eventually(async () =>
    assert.match(await page.getByRole('table').first().innerText(), /AUR/, 'the code is stored in upper case'),
  );

  // --- room type ------------------------------------------------------------
  await page.getByText('No room types yet').waitFor();
  await page.getByRole('button', { name: 'New room type' }).click();
  d = dialog(page);
  await field(d, 'Code').fill('DBL');
  await field(d, 'Name').fill('Double');
  await field(d, 'Base rate per night (EUR)').fill('120');
  await d.getByRole('button', { name: 'Create room type' }).click();
  const types = page.getByRole('table', { name: 'Room types' });
  await types.getByText('Double').waitFor();
  await eventually(async () => assert.match(await types.innerText(), /€120\.00/));
  await screenshot(page, 'hotel-property-detail');

  // --- rooms ----------------------------------------------------------------
  await nav(page, 'Rooms').click();
  await heading(page, 'Rooms').waitFor();
  await page.getByText('No rooms yet').waitFor();
  for (const number of ['101', '102']) {
    await page.getByRole('button', { name: 'New room' }).click();
    d = dialog(page);
    await choose(page, d, 'Room type', 'Double (DBL)');
    await field(d, 'Room number').fill(number);
    await field(d, 'Floor').fill('1');
    await d.getByRole('button', { name: 'Create room' }).click();
    await page.getByRole('button', { name: `Room ${number}, Clean` }).waitFor();
  }
  // A taken number: the server's 409 lands on the field and the dialog stays.
  await page.getByRole('button', { name: 'New room' }).click();
  d = dialog(page);
  await choose(page, d, 'Room type', 'Double (DBL)');
  await field(d, 'Room number').fill('101');
  await d.getByRole('button', { name: 'Create room' }).click();
  await d.locator('.mantine-InputWrapper-error').filter({ hasText: /./ }).first().waitFor();
  await d.getByRole('button', { name: 'Cancel' }).click();
  await d.waitFor({ state: 'hidden' });

  // Quick status change from the tile's menu.
  await page.getByRole('button', { name: 'Room 102, Clean' }).click();
  await page.getByRole('menuitem', { name: 'Inspected' }).click();
  await page.getByRole('button', { name: 'Room 102, Inspected' }).waitFor();
  await eventually(async () =>
    assert.match(await page.getByRole('list', { name: 'Rooms by status' }).innerText(), /Inspected: 1/i),
  );

  // --- guest ----------------------------------------------------------------
  await nav(page, 'Guests').click();
  await heading(page, 'Guests').waitFor();
  await page.getByRole('button', { name: 'New guest' }).click();
  d = dialog(page);
  await field(d, 'First name').fill('Grace');
  await field(d, 'Last name').fill('Hopper');
  await field(d, 'Email').fill('grace@');
  await d.getByRole('button', { name: 'Add guest' }).click();
  await d.getByText('Enter a valid email address').waitFor();
  await field(d, 'Email').fill('grace@navy.test');
  await field(d, 'Phone').fill('+1 555 0100');
  await d.getByRole('button', { name: 'Add guest' }).click();
  await waitForPath(page, /^\/hotel\/guests\/[0-9a-f-]{36}$/);
  made.guestPath = new URL(page.url()).pathname;
  await heading(page, 'Grace Hopper').waitFor();
  await page.getByText('No stays yet').waitFor();

  // --- booking: dates → room type → room → guest → confirm ---------------------
  await page.getByRole('link', { name: 'Book a stay' }).click();
  await waitForPath(page, '/hotel/reservations/new');
  await heading(page, 'New booking').waitFor();
  const arrival = await field(page, 'Arrival').inputValue();
  assert.match(arrival, /^\d{4}-\d{2}-\d{2}$/, 'arrival defaults to today');
  await field(page, 'Departure').fill(hotelLib.addDays(arrival, 2));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: /Double/ }).check();
  await screenshot(page, 'hotel-booking-room-type');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: /Room 101/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  // The guest came with the link.
  await page.getByText('Guest chosen').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  const summary = page.getByRole('table');
  await summary.getByText('Room 101').waitFor();
  await eventually(async () => assert.match(await summary.innerText(), /€240\.00 \(2 × €120\.00\)/));
  await screenshot(page, 'hotel-booking-confirm');

  // The first answer is lost on the way back; the server has booked already.
  // Trying again sends the same Idempotency-Key: still one reservation.
  const keys = [];
  let dropped = false;
  await page.route('**/api/hotel/reservations', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch();
    return route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Book stay' }).click();
  await page.getByRole('alert').filter({ hasText: 'The stay was not booked' }).waitFor();
  await page.getByRole('button', { name: 'Book stay' }).click();
  await waitForPath(page, /^\/hotel\/reservations\/[0-9a-f-]{36}$/);
  await page.unroute('**/api/hotel/reservations');
  made.reservationPath = new URL(page.url()).pathname;
  assert.equal(keys.length, 2, 'two attempts');
  assert.ok(keys[0] && keys[0] === keys[1], `the retry reuses the key: ${keys.join(' / ')}`);
  const list = apiLib.assertStatus(await server.request('GET', '/api/hotel/reservations', { token: hotelA.token }), 200);
  assert.equal(list.total, 1, 'booked once');

  // --- the reservation: only the moves its status allows ---------------------
  await heading(page, /Confirmed/i).waitFor();
  const actions = async () =>
    (await page.locator('main').getByRole('button').allInnerTexts()).filter((t) =>
      ['Confirm', 'Check in', 'Check out', 'Cancel reservation', 'Mark no-show'].includes(t),
    );
  // The status heading, the action buttons and the stat cards may land in
  // different renders (the reservation is refetched after each change).
  const actionsAre = (expected) => eventually(async () => assert.deepEqual(await actions(), expected));
  const statIs = (label, expected) => eventually(async () => assert.equal(await stat(page, label), expected));
  await actionsAre(['Check in', 'Mark no-show', 'Cancel reservation']);
  await statIs('Balance', 'BALANCE €240.00 Still due');
  await page.getByRole('button', { name: 'Check in' }).click();
  d = dialog(page);
  await d.getByText(/checks into/).waitFor();
  await d.getByRole('button', { name: 'Check in' }).click();
  await heading(page, /Checked in/i).waitFor();
  await notification(page, 'Check in').waitFor();
  await actionsAre(['Check out']);

  // Take a payment (the balance is proposed), refund part of it, pay the rest.
  await page.getByRole('button', { name: 'Take payment' }).click();
  d = dialog(page);
  await eventually(async () => assert.equal(await field(d, 'Amount (EUR)').inputValue(), '240.00'));
  await field(d, 'Reference').fill('4111 1111 1111 1111');
  await d.getByRole('button', { name: 'Record payment' }).click();
  await d.getByText(/Never enter a card number/).waitFor();
  await field(d, 'Reference').fill('T-1001');
  await d.getByRole('button', { name: 'Record payment' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('group', { name: 'Balance' }).getByText('€0.00').waitFor();
  await statIs('Paid', 'PAID €240.00 Payments minus refunds');

  await page.getByRole('button', { name: 'Refund payment of €240.00' }).click();
  d = dialog(page);
  await field(d, 'Amount (EUR)').fill('40');
  await field(d, 'Reason').fill('Minibar charged twice');
  await d.getByRole('button', { name: 'Refund' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('group', { name: 'Balance' }).getByText('€40.00').waitFor();
  await page.getByRole('table', { name: 'Payments' }).getByText('Minibar charged twice').waitFor();

  await page.getByRole('button', { name: 'Take payment' }).click();
  d = dialog(page);
  await eventually(async () => assert.equal(await field(d, 'Amount (EUR)').inputValue(), '40.00'));
  await choose(page, d, 'Method', 'Cash');
  await d.getByRole('button', { name: 'Record payment' }).click();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('group', { name: 'Balance' }).getByText('€0.00').waitFor();
  // The payments list is its own query: it may refetch after the balance.
  await eventually(async () =>
    assert.equal(await page.getByRole('table', { name: 'Payments' }).getByRole('row').count(), 4, 'header + 3 entries'),
  );

  await page.getByRole('button', { name: 'Check out' }).click();
  d = dialog(page);
  await d.getByText('The room becomes dirty and free for housekeeping.').waitFor();
  await d.getByRole('button', { name: 'Check out' }).click();
  await heading(page, /Checked out/i).waitFor();
  await actionsAre([]);
  await statIs('Balance', 'BALANCE €0.00 Settled');
  await page.getByText('Checked in → Checked out').waitFor();
  await screenshot(page, 'hotel-reservation');

  await nav(page, 'Rooms').click();
  await page.getByRole('button', { name: 'Room 101, Dirty' }).waitFor();
  await screenshot(page, 'hotel-rooms');

  await nav(page, 'Reservations').click();
  await page.getByLabel('Search').fill('hopper');
  await page.waitForURL((u) => u.searchParams.get('q') === 'hopper');
  await page.getByRole('table', { name: 'Reservations' }).getByText('Grace Hopper').waitFor();
  await screenshot(page, 'hotel-reservations');
  await page.getByLabel('Search').fill('nobody-like-this');
  await page.getByText('No reservation matches these filters').waitFor();

  await nav(page, 'Availability').click();
  await heading(page, 'Availability').waitFor();
  await page.getByRole('table', { name: 'Availability by room type' }).getByText('Double').waitFor();
  await screenshot(page, 'hotel-availability');
  assertNoPageErrors(page);
});

test('the guest: stays, export of everything held, erasure', async () => {
  await page.goto(made.guestPath);
  await heading(page, 'Grace Hopper').waitFor();
  await page.getByRole('table', { name: 'Stays' }).getByText('Checked out').waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export data' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^guest-grace-hopper-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
  assert.equal(data.guest.email, 'grace@navy.test');
  assert.equal(data.reservations.length, 1);
  assert.equal(data.payments.length, 3, 'two payments and a refund');
  await screenshot(page, 'hotel-guest-detail');

  await page.getByRole('button', { name: 'Erase personal data' }).click();
  const d = dialog(page);
  await d.getByText('This cannot be undone.', { exact: false }).waitFor();
  await d.getByRole('button', { name: 'Erase personal data' }).click();
  await heading(page, /Erased Guest/).waitFor();
  await page.getByText('Personal data erased').waitFor();
  await d.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Erase personal data' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Edit' }).waitFor({ state: 'detached' });
  // The stay and its money are kept.
  await page.getByRole('table', { name: 'Stays' }).getByText('€240.00').waitFor();
  assertNoPageErrors(page);
});

test('incidents move across the board; staff, a role and the audit log', async () => {
  await nav(page, 'Incidents').click();
  await heading(page, 'Incidents').waitFor();
  await page.getByRole('button', { name: 'New incident' }).click();
  let d = dialog(page);
  await field(d, 'Title').fill('Shower drains slowly');
  await d.getByText('High', { exact: true }).click();
  // The segmented control's radio inputs are visually hidden: wait for the checked one to exist.
  await d.getByRole('radio', { name: 'High', checked: true }).waitFor({ state: 'attached' });
  await choose(page, d, 'Room', 'Room 101');
  await d.getByRole('button', { name: 'Create incident' }).click();
  const open = page.getByRole('list', { name: 'Open incidents' });
  const card = open.getByRole('listitem', { name: 'Shower drains slowly' });
  await card.waitFor();
  await eventually(async () => assert.match(await card.innerText(), /high[\s\S]*Room 101/i));
  await card.getByRole('button', { name: 'Move “Shower drains slowly” to in progress' }).click();
  await page.getByRole('list', { name: 'In progress incidents' }).getByRole('listitem', { name: 'Shower drains slowly' }).waitFor();
  await page
    .getByRole('list', { name: 'In progress incidents' })
    .getByRole('button', { name: 'More actions for “Shower drains slowly”' })
    .click();
  await page.getByRole('menuitem', { name: 'Resolved' }).click();
  await page.getByRole('list', { name: 'Resolved incidents' }).getByRole('listitem', { name: 'Shower drains slowly' }).waitFor();
  await eventually(async () => assert.equal(await page.getByText('No incidents').count(), 3, 'the other columns are empty'));
  // Dragging a card onto another column moves it too.
  await page
    .getByRole('list', { name: 'Resolved incidents' })
    .getByRole('listitem', { name: 'Shower drains slowly' })
    .dragTo(page.getByRole('listitem', { name: 'Closed' }));
  await page.getByRole('list', { name: 'Closed incidents' }).getByRole('listitem', { name: 'Shower drains slowly' }).waitFor();
  await screenshot(page, 'hotel-incidents');

  // A Front Desk member for the last scenario.
  await nav(page, 'Staff').click();
  await heading(page, 'Staff').waitFor();
  await page.getByRole('button', { name: 'New staff member' }).click();
  d = dialog(page);
  made.deskEmail = `desk-${Date.now()}@aurora.test`;
  await field(d, 'First name').fill('Dana');
  await field(d, 'Last name').fill('Desk');
  await field(d, 'Email').fill(made.deskEmail);
  await field(d, 'Password').fill(made.deskPassword);
  await d.getByRole('textbox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: 'Front Desk' }).click();
  await page.keyboard.press('Escape');
  await d.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('table', { name: 'Staff' }).getByText(made.deskEmail).waitFor();
  await screenshot(page, 'hotel-staff');

  await nav(page, 'Roles').click();
  await page.getByRole('table', { name: 'Roles' }).getByRole('link', { name: 'Housekeeping' }).click();
  await page.getByText('System roles are part of Keycard').waitFor();
  // Read-only.
  await page.getByRole('checkbox', { name: 'All incidents permissions', disabled: true }).waitFor();
  await nav(page, 'Roles').click();
  await page.getByRole('link', { name: 'New role' }).click();
  await field(page, 'Display name').fill('Night Auditor');
  await field(page, 'Name').fill('night-auditor');
  await page.getByRole('button', { name: 'Create role' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose at least one permission' }).waitFor();
  await page.getByRole('checkbox', { name: 'All payments permissions' }).check();
  await page.getByRole('checkbox', { name: 'All reservations permissions' }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await waitForPath(page, /^\/hotel\/roles\/[0-9a-f-]{36}$/);
  await heading(page, 'Night Auditor').waitFor();
  const role = apiLib.assertStatus(
    await server.request('GET', `/api/hotel/roles/${new URL(page.url()).pathname.split('/').pop()}`, { token: hotelA.token }),
    200,
  );
  assert.deepEqual(role.permissions, ['hotel:payments:*', 'hotel:reservations:*']);
  await screenshot(page, 'hotel-role-editor');

  await nav(page, 'Audit log').click();
  await heading(page, 'Audit log').waitFor();
  await page.getByLabel('Action').fill('reservation.checked_out');
  await page.waitForURL((u) => u.searchParams.get('action') === 'reservation.checked_out');
  const entries = page.getByRole('table', { name: 'Audit entries' });
  await entries.getByText('reservation.checked_out').click();
  const drawer = page.getByRole('dialog', { name: 'Audit entry' });
  const changes = drawer.getByRole('table', { name: 'Changes' });
  const statusRow = changes.getByRole('row').filter({ has: page.getByRole('cell', { name: 'status', exact: true }) });
  await statusRow.waitFor();
  await eventually(async () => assert.match(await statusRow.innerText(), /checked_in[\s\S]*checked_out/));
  await screenshot(page, 'hotel-audit');
  await page.keyboard.press('Escape');
  assertNoPageErrors(page);
});

test("another hotel's manager gets the 404 page for this hotel's reservation and guest", async () => {
  const other = await openPage(browser, server);
  await other.goto('/login');
  await signIn(other, hotelB.manager.email, hotelB.manager.password);
  await waitForPath(other, '/hotel/dashboard');
  for (const path of [made.reservationPath, made.guestPath]) {
    await other.goto(path);
    await heading(other, 'Page not found').waitFor();
    assert.equal(new URL(other.url()).pathname, path, 'the address stays');
    assert.equal(await other.getByText('Grace Hopper').count(), 0);
  }
  await screenshot(other, 'hotel-other-tenant-404');
  // Its own lists know nothing of the first hotel.
  await nav(other, 'Reservations').click();
  await other.getByText('No reservations yet').waitFor();
  assertNoPageErrors(other);
  await other.context().close();
});

test('a Front Desk member at tablet width is offered only what the role allows', async () => {
  const desk = await openPage(browser, server, { width: 820, height: 1180 });
  await desk.goto('/login');
  await signIn(desk, made.deskEmail, made.deskPassword);
  await waitForPath(desk, '/hotel/dashboard');
  await heading(desk, 'Dashboard').waitFor();
  await eventually(async () =>
    assert.deepEqual(await desk.getByRole('navigation').getByRole('link').allInnerTexts(), [
      'Dashboard',
      'Front desk',
      'Room rack',
      'Reservations',
      'Availability',
      'Rooms',
      'Guests',
    ]),
  );

  // Rooms: status changes yes; creating, editing or deleting rooms no.
  await nav(desk, 'Rooms').click();
  await heading(desk, 'Rooms').waitFor();
  assert.equal(await desk.getByRole('button', { name: 'New room' }).count(), 0);
  await desk.getByRole('button', { name: 'Room 101, Dirty' }).click();
  // Only once the menu is open does a missing item mean anything.
  const clean = desk.getByRole('menuitem', { name: 'Clean' });
  await clean.waitFor();
  assert.equal(await desk.getByRole('menuitem', { name: 'Edit room' }).count(), 0);
  await clean.click();
  await desk.getByRole('button', { name: 'Room 101, Clean' }).waitFor();
  await screenshot(desk, 'hotel-rooms-tablet');

  // A closed stay: no status action; payments can be taken but not refunded.
  await desk.goto(made.reservationPath);
  await heading(desk, /Checked out/i).waitFor();
  await desk.getByRole('button', { name: 'Take payment' }).waitFor();
  // The payments are a query of their own: wait for them before looking for what is not there.
  await desk.getByRole('table', { name: 'Payments' }).getByText('Minibar charged twice').waitFor();
  assert.equal(await desk.getByRole('button', { name: /^Refund payment/ }).count(), 0);

  // Guests: no export, erase or delete.
  await desk.goto(made.guestPath);
  await heading(desk, /Erased Guest/).waitFor();
  for (const name of ['Export data', 'Erase personal data', 'Delete']) {
    assert.equal(await desk.getByRole('button', { name, exact: true }).count(), 0, `${name} is not offered`);
  }

  for (const path of ['/hotel/properties', '/hotel/incidents', '/hotel/roles/new']) {
    await desk.goto(path);
    await heading(desk, 'You do not have access to this page').waitFor();
  }
  assertNoPageErrors(desk);
  await desk.context().close();
});
