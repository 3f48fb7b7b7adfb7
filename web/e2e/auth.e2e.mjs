// Sign-in: a deep link sends an anonymous visitor to /login and back; the
// admin lands on the admin dashboard; a reload keeps the session through the
// refresh cookie; sign-out ends it; wrong credentials are reported.
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
} from './lib/harness.mjs';

const app = useApp();

test('a deep link goes through the login page and back', async () => {
  const page = await openPage(app.browser, app.server);
  await page.goto('/admin/dashboard');
  await waitForPath(page, '/login');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/admin/dashboard');
  await heading(page, 'Sign in to Keycard').waitFor();
  await screenshot(page, 'login');

  await signIn(page, app.server.admin.email, 'not-the-password');
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();

  await signIn(page, app.server.admin.email, app.server.admin.password);
  await waitForPath(page, '/admin/dashboard');
  await heading(page, 'Platform dashboard').waitFor();

  // A reload drops the in-memory access token; the refresh cookie signs in again.
  await page.reload();
  await heading(page, 'Platform dashboard').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/dashboard');

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await waitForPath(page, '/login');
  await page.goto('/admin/dashboard');
  await waitForPath(page, '/login');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the theme follows the system and can be switched, and survives a reload', async () => {
  const page = await openPage(app.browser, app.server, { colorScheme: 'dark' });
  await page.goto('/login');
  const scheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  await heading(page, 'Sign in to Keycard').waitFor();
  // Mantine applies the scheme from an effect, and the click's change may
  // land after the click returns: read it until it holds.
  await eventually(async () => assert.equal(await scheme(), 'dark'));
  await signIn(page, app.server.admin.email, app.server.admin.password);
  await heading(page, 'Platform dashboard').waitFor();
  await screenshot(page, 'admin-dashboard-dark');

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await eventually(async () => assert.equal(await scheme(), 'light'));
  await page.reload();
  await heading(page, 'Platform dashboard').waitFor();
  await eventually(async () => assert.equal(await scheme(), 'light'));
  // Keyboard: the skip link is the first stop and moves focus to the page
  // (a fragment navigation, which the browser may finish after the key event).
  await page.keyboard.press('Tab');
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content'),
  );
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'kc-content'));
  assertNoPageErrors(page);
  await page.context().close();
});

test('the server serves the app: deep links get index.html, hashed assets are cached for a year', async () => {
  const deep = await fetch(`${app.server.baseUrl}/admin/hotels/01a20000-0000-7000-8000-000000000000?tab=x`);
  assert.equal(deep.status, 200);
  assert.match(deep.headers.get('content-type'), /^text\/html/);
  assert.equal(deep.headers.get('cache-control'), 'no-cache');
  const html = await deep.text();
  const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  assert.ok(asset, 'index.html names a hashed script');
  const js = await fetch(`${app.server.baseUrl}${asset}`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const missing = await fetch(`${app.server.baseUrl}/assets/no-such-file-0000.js`);
  assert.equal(missing.status, 404, 'a missing asset is not answered with index.html');
  await missing.body?.cancel();
});

test('an unknown address shows the 404 page', async () => {
  const page = await openPage(app.browser, app.server);
  await page.goto('/no/such/page');
  await heading(page, 'Page not found').waitFor();
  await page.context().close();
});
