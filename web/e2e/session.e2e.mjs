// Silent refresh against the real server: access tokens that live 10 s
// expire under the user, and the app refreshes (rotating the refresh cookie)
// without a visit to the login page.
import { test } from 'node:test';
import {
  assert,
  useApp,
  assertNoPageErrors,
  eventually,
  field,
  heading,
  openPage,
  signIn,
  waitForPath,
} from './lib/harness.mjs';

const TTL_SECONDS = 10;
const app = useApp({ env: { KEYCARD_ACCESS_TOKEN_TTL: String(TTL_SECONDS) } });

test('an expired access token is refreshed without the user noticing', async () => {
  const page = await openPage(app.browser, app.server);
  // Only refreshes asked for once the token has expired count: the first
  // visit tries one without a cookie, and its answer may arrive late.
  let watching = false;
  const watched = new Set();
  const refreshes = [];
  const isRefresh = (r) => new URL(r.url()).pathname === '/api/auth/refresh';
  page.on('request', (r) => {
    if (watching && isRefresh(r)) watched.add(r);
  });
  page.on('response', (r) => {
    if (watched.has(r.request())) refreshes.push(r.status());
  });
  const loginAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.status() === 200);
  await page.goto('/login');
  await signIn(page, app.server.admin.email, app.server.admin.password);
  const { access_token: accessToken } = await (await loginAnswer).json();
  await waitForPath(page, '/admin/dashboard');
  await heading(page, 'Platform dashboard').waitFor();
  const cookieBefore = (await page.context().cookies()).find((c) => c.name === 'keycard_refresh')?.value;
  assert.ok(cookieBefore, 'the refresh token is an HttpOnly cookie');

  // Wait until the server refuses the page's access token (it holds no other:
  // the app refreshes only on a 401), rather than for a guess at the clock.
  watching = true;
  await eventually(
    async () => assert.equal((await app.server.request('GET', '/api/auth/me', { token: accessToken })).status, 401),
    { timeout: (TTL_SECONDS + 30) * 1000, interval: 250 },
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Hotels', exact: true }).click();
  await heading(page, 'Hotels').waitFor();
  await page.getByText('No hotels yet').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/hotels');
  await eventually(async () => assert.deepEqual(refreshes, [200], 'one refresh, which succeeded'));
  const cookieAfter = (await page.context().cookies()).find((c) => c.name === 'keycard_refresh')?.value;
  assert.ok(cookieAfter && cookieAfter !== cookieBefore, 'the refresh token was rotated');
  assertNoPageErrors(page);
});

test('the user changes their password and this session stays signed in', async () => {
  const page = await openPage(app.browser, app.server);
  await page.goto('/login');
  await signIn(page, app.server.admin.email, app.server.admin.password);
  await waitForPath(page, '/admin/dashboard');

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await field(dialog, 'Current password').fill('not-my-password');
  await field(dialog, 'New password').fill('Brand-New-Pass-2026!');
  await field(dialog, 'Repeat the new password').fill('Brand-New-Pass-2026!');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  // The server's 422 names the current password.
  await dialog.getByText('is incorrect').waitFor();

  await field(dialog, 'Current password').fill(app.server.admin.password);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Your password was changed').waitFor();

  // This session survives a reload (its refresh cookie was kept)...
  await page.reload();
  await heading(page, 'Platform dashboard').waitFor();
  // ...and the new password is the one that signs in.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await waitForPath(page, '/login');
  await signIn(page, app.server.admin.email, app.server.admin.password);
  await page.getByText('Wrong email or password.').waitFor();
  await signIn(page, app.server.admin.email, 'Brand-New-Pass-2026!');
  await waitForPath(page, '/admin/dashboard');
  assertNoPageErrors(page);
});
