// Silent refresh against the real server: access tokens that live 10 s
// expire under the user, and the app refreshes (rotating the refresh cookie)
// without a visit to the login page.
import { after, before, test } from 'node:test';
import { assert, assertNoPageErrors, heading, launchBrowser, openPage, signIn, startApp, waitForPath } from './lib/harness.mjs';

const TTL_SECONDS = 10;
let server;
let browser;

before(async () => {
  server = await startApp({ KEYCARD_ACCESS_TOKEN_TTL: String(TTL_SECONDS) });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an expired access token is refreshed without the user noticing', async () => {
  const page = await openPage(browser, server);
  const refreshes = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/auth/refresh') refreshes.push(r.status());
  });
  await page.goto('/login');
  await signIn(page, server.admin.email, server.admin.password);
  await waitForPath(page, '/admin/dashboard');
  await heading(page, 'Platform dashboard').waitFor();
  const cookieBefore = (await page.context().cookies()).find((c) => c.name === 'keycard_refresh')?.value;
  assert.ok(cookieBefore, 'the refresh token is an HttpOnly cookie');
  refreshes.length = 0; // the first visit tried a refresh without a cookie

  await page.waitForTimeout((TTL_SECONDS + 2) * 1000);
  await page.getByRole('navigation').getByRole('link', { name: 'Hotels', exact: true }).click();
  await heading(page, 'Hotels').waitFor();
  await page.getByText('No hotels yet').waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/hotels');
  assert.deepEqual(refreshes, [200], 'one refresh, which succeeded');
  const cookieAfter = (await page.context().cookies()).find((c) => c.name === 'keycard_refresh')?.value;
  assert.ok(cookieAfter && cookieAfter !== cookieBefore, 'the refresh token was rotated');
  assertNoPageErrors(page);
});
