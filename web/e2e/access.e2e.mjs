// The UI follows permissions: a front-desk user is not offered the staff and
// roles pages and gets the 403 page when typing their address, and a hotel
// user gets the 403 page for the admin panel.
import { test } from 'node:test';
import {
  assert,
  useApp,
  assertNoPageErrors,
  eventually,
  heading,
  hotelLib,
  openPage,
  platformLib,
  screenshot,
  signIn,
  waitForPath,
} from './lib/harness.mjs';

let frontDesk;
const app = useApp({
  setup: async ({ server }) => {
    const { token } = await hotelLib.hotelTenant(server, undefined, { name: 'Harbour Inn' });
    frontDesk = await platformLib.hotelStaff(server, token, ['front-desk']);
  },
});

test('a front-desk user is not offered staff pages and gets 403 by URL', async () => {
  const page = await openPage(app.browser, app.server, { width: 1024, height: 768 });
  await page.goto('/login');
  await signIn(page, frontDesk.email, frontDesk.password);
  await waitForPath(page, '/hotel/dashboard');
  await heading(page, 'Dashboard').waitFor();

  // The navigation follows the permissions of `me`, which may land after the heading.
  await eventually(async () => {
    const navLinks = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    assert.ok(navLinks.includes('Dashboard'), `nav: ${navLinks.join(', ')}`);
    assert.ok(!navLinks.some((l) => /staff|roles|audit/i.test(l)), `front desk is offered: ${navLinks.join(', ')}`);
  });
  assert.equal(await page.getByTestId('impersonation-banner').count(), 0, 'no banner outside impersonation');
  await screenshot(page, 'hotel-front-desk-dashboard');

  for (const path of ['/admin/dashboard', '/admin/hotels', '/hotel/staff']) {
    await page.goto(path);
    await heading(page, 'You do not have access to this page').waitFor();
    assert.equal(new URL(page.url()).pathname, path, 'the address stays');
  }
  await page.goto('/hotel/staff');
  await heading(page, 'You do not have access to this page').waitFor();
  await screenshot(page, 'hotel-forbidden');
  await page.getByRole('link', { name: 'Go to your dashboard' }).click();
  await waitForPath(page, '/hotel/dashboard');
  assertNoPageErrors(page);
});
