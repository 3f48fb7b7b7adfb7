// The admin panel end to end: the admin creates a hotel with its first
// manager, finds it in the list, impersonates it (banner on the hotel pages),
// ends the session, and reads staff, roles, the audit log (diff + chain
// verification) and the impersonation sessions.
import { test } from 'node:test';
import {
  assert,
  useApp,
  assertNoPageErrors,
  eventually,
  heading,
  openPage,
  screenshot,
  signIn,
  waitForPath,
  field,
} from './lib/harness.mjs';

let page;
const app = useApp({
  setup: async ({ server, browser }) => {
    page = await openPage(browser, server);
    await page.goto('/login');
    await signIn(page, server.admin.email, server.admin.password);
    await waitForPath(page, '/admin/dashboard');
  },
});

const nav = (name) => page.getByRole('navigation').getByRole('link', { name, exact: true });

test('the admin creates a hotel with its manager, impersonates it and ends the session', async () => {
  await heading(page, 'Platform dashboard').waitFor();
  await screenshot(page, 'admin-dashboard');

  await nav('Hotels').click();
  await heading(page, 'Hotels').waitFor();
  await page.getByText('No hotels yet').waitFor();
  await page.getByRole('link', { name: 'New hotel' }).click();
  await waitForPath(page, '/admin/hotels/new');

  // Inline validation before anything is sent.
  await page.getByRole('button', { name: 'Create hotel' }).click();
  await page.getByText('Enter a valid email address').first().waitFor();

  await field(page, 'Name').fill('Aurora Grand Hotel');
  await eventually(async () =>
    assert.equal(await field(page, 'Slug').inputValue(), 'aurora-grand-hotel', 'slug follows the name'),
  );
  await field(page, 'Contact email').fill('desk@aurora.test');
  await field(page, 'Manager email').fill('mia@aurora.test');
  await field(page, 'Manager password').fill('Manager-Pass-2026!');
  await field(page, 'Manager first name').fill('Mia');
  await field(page, 'Manager last name').fill('Lindqvist');
  await screenshot(page, 'admin-hotel-new');
  await page.getByRole('button', { name: 'Create hotel' }).click();

  await waitForPath(page, /^\/admin\/hotels\/[0-9a-f-]{36}$/);
  const hotelPath = new URL(page.url()).pathname;
  await heading(page, /Aurora Grand Hotel/).waitFor();
  await page.getByRole('alert').or(page.locator('.mantine-Notification-root')).filter({ hasText: 'Hotel created' }).waitFor();
  const users = page.getByRole('group', { name: 'Users' });
  await eventually(async () =>
    assert.equal((await users.innerText()).replace(/\s+/g, ' ').trim(), 'USERS 1', 'the manager is the hotel\'s one user'),
  );
  await screenshot(page, 'admin-hotel-detail');

  // The server's 422 lands on the field: the slug is taken now.
  await page.goto('/admin/hotels/new');
  await field(page, 'Name').fill('Aurora Grand Hotel');
  await field(page, 'Contact email').fill('other@aurora.test');
  await field(page, 'Create the first Hotel Manager').uncheck();
  await page.getByRole('button', { name: 'Create hotel' }).click();
  // The slug input names its error through aria-describedby.
  const slug = field(page, 'Slug');
  await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
  assert.equal(await slug.getAttribute('aria-invalid'), 'true');
  await eventually(async () => {
    const errorId = (await slug.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'));
    assert.ok(errorId, 'the slug input names its error');
    assert.equal(await page.locator(`[id="${errorId}"]`).innerText(), "A hotel with the slug 'aurora-grand-hotel' already exists.");
  });
  assert.equal(new URL(page.url()).pathname, '/admin/hotels/new');

  // The list finds it by search.
  await nav('Hotels').click();
  await field(page, 'Search').fill('aurora');
  await page.waitForURL((u) => u.searchParams.get('q') === 'aurora');
  await page.getByRole('table', { name: 'Hotels' }).getByRole('link', { name: 'Aurora Grand Hotel' }).waitFor();
  await screenshot(page, 'admin-hotels');
  await field(page, 'Search').fill('no-such-hotel');
  await page.getByText('No hotel matches these filters').waitFor();

  // Log in as this hotel.
  await page.goto(hotelPath);
  await page.getByRole('button', { name: 'Log in as this hotel' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Start session' }).click();
  await dialog.getByText('A reason is required').waitFor();
  await field(dialog, 'Reason').fill('Ticket 4711: check the dashboard');
  await dialog.getByRole('button', { name: 'Start session' }).click();

  await waitForPath(page, '/hotel/dashboard');
  const banner = page.getByTestId('impersonation-banner');
  await banner.waitFor();
  await eventually(async () => {
    const text = await banner.innerText();
    assert.match(text, /Aurora Grand Hotel/);
    assert.match(text, new RegExp(app.server.admin.email.replace('.', '\\.')));
    assert.match(text, /\d+ min left/);
  });
  await heading(page, 'Dashboard').waitFor();
  await screenshot(page, 'hotel-dashboard-impersonating');

  // The banner stays through a reload of the tab.
  await page.reload();
  await page.getByTestId('impersonation-banner').waitFor();

  // An admin page is not reachable with the impersonation token.
  await page.goto('/admin/hotels');
  await heading(page, 'You do not have access to this page').waitFor();
  await page.goto('/hotel/dashboard');

  await page.getByTestId('impersonation-banner').getByRole('button', { name: 'End session' }).click();
  await waitForPath(page, hotelPath);
  await heading(page, /Aurora Grand Hotel/).waitFor();
  await page.getByTestId('impersonation-banner').waitFor({ state: 'detached' });

  await nav('Impersonation').click();
  const row = page.getByRole('table', { name: 'Impersonation sessions' }).getByRole('row').nth(1);
  await row.getByText('Ticket 4711: check the dashboard').waitFor();
  await row.getByText('Ended', { exact: true }).waitFor();
  await screenshot(page, 'admin-impersonation');
  assertNoPageErrors(page);
});

test('staff, roles and the audit log', async () => {
  await nav('Platform staff').click();
  await heading(page, 'Platform staff').waitFor();
  await page.getByRole('button', { name: 'New staff member' }).click();
  const dialog = page.getByRole('dialog');
  await field(dialog, 'First name').fill('Sam');
  await field(dialog, 'Last name').fill('Support');
  await field(dialog, 'Email').fill('sam@platform.test');
  await field(dialog, 'Password').fill('Support-Pass-2026!');
  await dialog.getByRole('textbox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: 'Support' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('table', { name: 'Platform staff' }).getByText('sam@platform.test').waitFor();
  await screenshot(page, 'admin-staff');

  await nav('Roles').click();
  await page.getByRole('table', { name: 'Roles' }).getByRole('link', { name: 'Support' }).click();
  await heading(page, 'Support').waitFor();
  await page.getByText('System roles are part of Keycard').waitFor();
  await screenshot(page, 'admin-role-support');

  await nav('Roles').click();
  await page.getByRole('link', { name: 'New role' }).click();
  await field(page, 'Display name').fill('Hotel readers');
  await field(page, 'Name').fill('hotel-readers');
  await page.getByRole('checkbox', { name: 'All hotels permissions' }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await waitForPath(page, /^\/admin\/roles\/[0-9a-f-]{36}$/);
  await heading(page, 'Hotel readers').waitFor();

  await nav('Audit log').click();
  await heading(page, 'Audit log').waitFor();
  await field(page, 'Action').fill('hotel.created');
  await page.waitForURL((u) => u.searchParams.get('action') === 'hotel.created');
  const table = page.getByRole('table', { name: 'Audit entries' });
  await table.getByText('hotel.created').first().click();
  const drawer = page.getByRole('dialog', { name: 'Audit entry' });
  await drawer.getByRole('table', { name: 'Changes' }).getByText('Aurora Grand Hotel').waitFor();
  await screenshot(page, 'admin-audit-entry');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Verify all chains' }).click();
  await page.getByRole('status').filter({ hasText: 'Chain intact' }).waitFor();
  await screenshot(page, 'admin-audit');
  assertNoPageErrors(page);
});

test('the admin edits a hotel, suspends it with a reason and deletes it', async () => {
  await nav('Hotels').click();
  await page.getByLabel('Search').fill('');
  await page.getByRole('table', { name: 'Hotels' }).getByRole('link', { name: 'Aurora Grand Hotel' }).click();
  await heading(page, /Aurora Grand Hotel/).waitFor();

  await page.getByRole('button', { name: 'Edit' }).click();
  let dialog = page.getByRole('dialog');
  await field(dialog, 'Name').fill('Aurora Grand Hotel & Spa');
  await field(dialog, 'Phone').fill('+49 30 555 0101');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await heading(page, /Aurora Grand Hotel & Spa/).waitFor();
  await page.getByRole('cell', { name: '+49 30 555 0101' }).waitFor();

  await page.getByRole('button', { name: 'Change status' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /New status/ }).click();
  await page.getByRole('option', { name: 'Suspended' }).click();
  await dialog.getByRole('button', { name: 'Change status' }).click();
  await dialog.getByText('A reason is required').waitFor();
  await field(dialog, 'Reason').fill('Invoice 2026-11 unpaid');
  await dialog.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('cell', { name: 'Invoice 2026-11 unpaid' }).waitFor();
  await heading(page, /Suspended/).waitFor();
  // A suspended hotel cannot be entered.
  await page.getByRole('button', { name: 'Log in as this hotel', disabled: true }).waitFor();
  await screenshot(page, 'admin-hotel-suspended');

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete hotel' }).click();
  await heading(page, /Deleted/).waitFor();
  // A deleted hotel offers no changes.
  await page.getByRole('button', { name: 'Change status' }).waitFor({ state: 'detached' });

  await nav('Hotels').click();
  await page.getByText('No hotels yet').waitFor();
  // The box is controlled by the address, and React Router commits a new
  // address in a transition: the URL changes first and the box turns on only
  // when that render lands. So wait for the box and the rows, not the URL.
  await page.getByRole('checkbox', { name: 'Include deleted' }).click();
  await page.getByRole('checkbox', { name: 'Include deleted', checked: true }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('deleted'), '1', 'the filter lives in the address');
  await page.getByRole('table', { name: 'Hotels' }).getByRole('link', { name: 'Aurora Grand Hotel & Spa' }).waitFor();
  assertNoPageErrors(page);
});
