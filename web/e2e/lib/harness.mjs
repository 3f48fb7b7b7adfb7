// End-to-end harness: a real keycard (the release binary) on a fresh SQLite
// database serving web/dist, and Debian's chromium driven by playwright-core.
// The server side reuses the integration-test harness of server/tests.
//
// Environment:
//   KEYCARD_BIN        the server binary (default <repo>/build/release/server/keycard)
//   CHROMIUM_PATH      the browser (default /usr/bin/chromium)
//   KEYCARD_E2E_SLOWMO milliseconds between browser actions (debugging)
//   KEYCARD_E2E_CPU_THROTTLE  run every page on an N times slower CPU, to
//                      shake out reads that race the UI (e.g. 4)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// The browser tests always run on SQLite, whatever the integration phase uses.
process.env.KEYCARD_TEST_BACKEND = 'sqlite';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(WEB_ROOT, 'dist');
export const RESULTS = path.join(WEB_ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const serverLib = await import('../../../server/tests/integration/lib/server.mjs');
export const apiLib = await import('../../../server/tests/integration/lib/api.mjs');
export const platformLib = await import('../../../server/tests/integration/lib/platform.mjs');
export const hotelLib = await import('../../../server/tests/integration/lib/hotel.mjs');

/** Starts keycard serving the built app (plus `env`); answers the integration harness's handle. */
export async function startApp(env = {}) {
  assert.ok(
    fs.existsSync(path.join(DIST, 'index.html')),
    `no built web app in ${DIST}: run \`npm run build\` in web/ first`,
  );
  assert.ok(fs.existsSync(serverLib.KEYCARD_BIN), `no keycard binary at ${serverLib.KEYCARD_BIN}: build the release preset`);
  return serverLib.startServer({ env: { KEYCARD_WEB_ROOT: DIST, ...env } });
}

/**
 * One server and one browser for the test file: registers the before/after
 * hooks and answers an object whose `server` and `browser` are set once the
 * `before` hook has run. Node 20 runs a file's top-level `before` hooks
 * concurrently, so further preparation goes in `setup(app)`, which runs
 * inside the same hook once both are up.
 */
export function useApp({ env = {}, setup } = {}) {
  const app = { server: undefined, browser: undefined };
  before(async () => {
    app.server = await startApp(env);
    app.browser = await launchBrowser();
    if (setup) await setup(app);
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

export async function launchBrowser() {
  assert.ok(fs.existsSync(CHROMIUM), `no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    slowMo: Number(process.env.KEYCARD_E2E_SLOWMO || 0),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A fresh browser context (its own cookies) and page on the server. Page
 * errors fail the test at the end through `assertNoPageErrors`.
 */
export async function openPage(browser, server, { width = 1280, height = 860, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height }, colorScheme });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const throttle = Number(process.env.KEYCARD_E2E_CPU_THROTTLE || 1);
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(e.message));
  return page;
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.pageErrors, [], 'uncaught errors in the page');
}

/**
 * Retries `check` (an async function that throws, e.g. an assertion) until it
 * passes or `timeout` ms have gone by, then rethrows its last error. For
 * reads whose value arrives after the action that caused it: a refetch, a
 * state update React commits in a transition, an effect.
 */
export async function eventually(check, { timeout = 10_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

/**
 * Waits until the page has settled for a screenshot: fonts loaded, no finite
 * animation running and no DOM change for `quietMs` (charts animate from
 * JavaScript, so their frames show up as mutations). Gives up silently after
 * `timeoutMs`: a screenshot is a record, not an assertion.
 */
async function settle(page, { quietMs = 200, timeoutMs = 5_000 } = {}) {
  await page.evaluate(
    async ({ quietMs, timeoutMs }) => {
      await document.fonts.ready;
      const start = performance.now();
      let last = start;
      const observer = new MutationObserver(() => {
        last = performance.now();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const animating = () =>
        document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
      try {
        while (performance.now() - start < timeoutMs) {
          await new Promise((r) => requestAnimationFrame(() => r()));
          if (!animating() && performance.now() - last >= quietMs) return;
        }
      } finally {
        observer.disconnect();
      }
    },
    { quietMs, timeoutMs },
  );
}

/** Saves web/test-results/<name>.png (full page) once the page has settled. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  await settle(page);
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Fills the login form and submits it (the page must be on /login). */
export async function signIn(page, email, password) {
  await field(page, 'Email').fill(email);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the URL's path is `pathname` (a string or RegExp). */
export async function waitForPath(page, pathname) {
  await page.waitForURL((url) =>
    typeof pathname === 'string' ? url.pathname === pathname : pathname.test(url.pathname),
  );
}

/** The heading of the page (h1). */
export function heading(page, name) {
  return page.getByRole('heading', { level: 1, name });
}

export { assert };

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An input by its exact label; required inputs' labels end in " *". */
export function field(scope, label) {
  return scope.getByLabel(new RegExp(`^${escapeRe(label)}( \\*)?$`));
}
