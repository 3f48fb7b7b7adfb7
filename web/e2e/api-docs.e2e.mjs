// The server's interactive API reference: GET /api/docs renders Swagger UI on
// the document the binary was built with, and every file it loads comes from
// the Keycard server itself (swagger-ui-dist bundled into the web build, no CDN).
import { test } from 'node:test';
import { assert, assertNoPageErrors, eventually, openPage, useApp } from './lib/harness.mjs';

const app = useApp();

test('/api/docs renders the API reference from this server only', async () => {
  const page = await openPage(app.browser, app.server);
  const origins = new Set();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto('/api/docs');
  // Swagger UI draws the document's title and its operations from /api/openapi.json.
  await page.getByText('Keycard API', { exact: false }).first().waitFor();
  await eventually(async () => {
    const ops = await page.locator('.opblock-summary-path').allInnerTexts();
    assert.ok(ops.some((p) => p.includes('/api/hotel/reservations')), `operations shown: ${ops.length}`);
    assert.ok(ops.some((p) => p.includes('/healthz')), 'the health probe is listed');
  });
  assert.deepEqual([...origins], [new URL(app.server.baseUrl).origin], `requests went to ${[...origins].join(', ')}`);
  assertNoPageErrors(page);
  await page.close();
});
