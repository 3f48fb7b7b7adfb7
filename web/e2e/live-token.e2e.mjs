// Live updates across an access token's expiry (issue 15): with 10-second
// access tokens the server ends the event stream when the token expires;
// the page renews the token through the refresh cookie, reopens the stream
// with Last-Event-ID, and a change made after that still reaches the
// incidents board without a reload, the indicator back at connected.
import { test } from 'node:test';
import { apiLib, assert, assertNoPageErrors, heading, hotelLib, openPage, signIn, useApp, waitForPath } from './lib/harness.mjs';

let hotel;

const app = useApp({
  env: { KEYCARD_ACCESS_TOKEN_TTL: '10' },
  setup: async ({ server }) => {
    const admin = await apiLib.adminToken(server);
    hotel = await hotelLib.hotelTenant(server, admin);
  },
});

/** The manager's API call with a token of its own (each lasts 10 s here). */
async function asManager(method, path, body) {
  const pair = await apiLib.loginOk(app.server, hotel.manager.email, hotel.manager.password);
  return app.server.request(method, path, { token: pair.access_token, body });
}

test('the stream outlives the access token: renewed, resumed, still live', async () => {
  const page = await openPage(app.browser, app.server);
  const log = []; // 'stream <Last-Event-ID>' and 'refresh', in the order the page sent them
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname === '/api/hotel/events') log.push(`stream ${r.headers()['last-event-id'] ?? '-'}`);
    if (pathname === '/api/auth/refresh') log.push('refresh');
  });
  await page.goto('/login');
  await signIn(page, hotel.manager.email, hotel.manager.password);
  await waitForPath(page, '/hotel/dashboard');
  await page.getByRole('navigation').getByRole('link', { name: 'Incidents', exact: true }).click();
  await heading(page, 'Incidents').waitFor();
  await page.getByRole('status', { name: 'Live updates: connected' }).waitFor();
  await page.evaluate(() => {
    window.__keycardNoReload = true;
  });
  assert.deepEqual(
    log.filter((l) => l.startsWith('stream')),
    ['stream -'],
  );
  const opened = log.indexOf('stream -');

  // The token expires within 10 s: the stream ends, the page renews the token and resumes.
  const resumed = await page.waitForRequest(
    (r) => new URL(r.url()).pathname === '/api/hotel/events' && r.headers()['last-event-id'] !== undefined,
    { timeout: 30_000 },
  );
  assert.match(resumed.headers()['last-event-id'], /^\d+$/);
  const at = log.indexOf(`stream ${resumed.headers()['last-event-id']}`);
  assert.ok(log.slice(opened + 1, at).includes('refresh'), `a refresh before the resumed stream: ${log.join(', ')}`);
  await page.getByRole('status', { name: 'Live updates: connected' }).waitFor();

  const res = await asManager('POST', '/api/hotel/incidents', { title: 'Noise after midnight', category: 'complaint', severity: 'low' });
  assert.equal(res.status, 201);
  await page.getByRole('listitem', { name: 'Open', exact: true }).getByText('Noise after midnight').waitFor();
  assert.equal(await page.evaluate(() => window.__keycardNoReload === true), true);
  assertNoPageErrors(page);
  await page.context().close();
});
