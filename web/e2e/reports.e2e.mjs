// Reports end to end. A Hotel Manager opens Reports, chooses Arrivals for the
// day of a booked stay, previews it (the guest is a row), downloads it as CSV
// (named by the server's Content-Disposition, a header row and the guest
// inside), and runs it again in the background: the progress ends in a
// download of the job's file, and the job is listed under Recent exports.
// Then the platform admin downloads the Hotels overview as CSV, which lists the
// hotel made for this file.
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

let tenant;
let stay;
const app = useApp({
  setup: async ({ server }) => {
    const admin = await apiLib.adminToken(server);
    tenant = await hotelLib.hotelTenant(server, admin, { name: 'Reports Harbour Hotel' });
    const s = await hotelLib.setupProperty(tenant);
    const checkIn = hotelLib.dateIn(s.property.timezone, 3);
    const reservation = await hotelLib.book(tenant, s, { check_in_date: checkIn });
    stay = { ...s, checkIn, reservation };
  },
});

const nav = (page, name) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** The text of a downloaded file, without a UTF-8 byte order mark. */
async function downloadedText(download) {
  return fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
}

test('a manager previews the arrivals of a day, downloads them as CSV and as a background job', async () => {
  const page = await openPage(app.browser, app.server);
  await page.goto('/login');
  await signIn(page, tenant.manager.email, tenant.manager.password);
  await waitForPath(page, '/hotel/dashboard');

  await nav(page, 'Reports').click();
  await heading(page, 'Reports').waitFor();
  const cards = page.getByRole('list', { name: 'Reports' });
  await cards.getByRole('listitem', { name: 'Arrivals' }).waitFor();
  await page.getByRole('button', { name: 'Choose Arrivals' }).click();
  await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('report'), 'arrivals'));
  const date = field(page, 'Date');
  await date.fill(stay.checkIn);

  // Preview: the stay's guest is a row of the table.
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('table', { name: 'Arrivals preview' });
  await preview.waitFor();
  const headers = await preview.getByRole('columnheader').allInnerTexts();
  assert.ok(headers.length > 1, `preview columns: ${headers.join(', ')}`);
  await preview.getByText(stay.guest.last_name, { exact: false }).first().waitFor();
  await screenshot(page, 'hotel-reports-preview');

  // Download as CSV: the file the server named, a header row, the guest.
  let pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  let file = await pending;
  assert.equal(file.suggestedFilename(), `arrivals-${stay.checkIn}.csv`);
  let text = await downloadedText(file);
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l !== '');
  assert.equal(header.split(',').length, headers.length, `the header row has a name per column: ${header}`);
  assert.match(header, /^[a-z_]+(,[a-z_]+)*$/, 'the header row holds the column names');
  assert.ok(rows.some((r) => r.includes(stay.guest.last_name)), `the guest is a row of:\n${text}`);

  // In the background: the job runs to done, then its file downloads.
  await page.getByRole('checkbox', { name: /Run in background/ }).check();
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const region = page.getByRole('region', { name: 'Background export' });
  await region.waitFor();
  const jobDownload = region.getByRole('button', { name: `Download arrivals-${stay.checkIn}.csv` });
  await jobDownload.waitFor({ timeout: 30_000 });
  await region.getByText('Done', { exact: true }).waitFor();
  pending = page.waitForEvent('download');
  await jobDownload.click();
  file = await pending;
  assert.equal(file.suggestedFilename(), `arrivals-${stay.checkIn}.csv`);
  text = await downloadedText(file);
  assert.equal(text.split(/\r?\n/)[0], header, 'the job file starts with the same header row');
  assert.ok(text.includes(stay.guest.last_name));

  // Recent exports lists the job with its own download.
  const jobs = page.getByRole('table', { name: 'Recent exports' });
  await jobs.getByRole('button', { name: `Download arrivals-${stay.checkIn}.csv` }).first().waitFor();
  await jobs.getByText('Done', { exact: true }).first().waitFor();
  await screenshot(page, 'hotel-reports-job');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the platform admin downloads the hotels report as CSV', async () => {
  const page = await openPage(app.browser, app.server);
  await page.goto('/login');
  await signIn(page, app.server.admin.email, app.server.admin.password);
  await waitForPath(page, '/admin/dashboard');

  await nav(page, 'Reports').click();
  await heading(page, 'Reports').waitFor();
  await page.getByRole('button', { name: 'Choose Hotels overview' }).click();
  const from = await field(page, 'From').inputValue();
  const to = await field(page, 'To').inputValue();
  assert.match(from, /^\d{4}-\d{2}-01$/, 'the range starts on the first of this month');
  assert.equal(to.slice(0, 7), from.slice(0, 7), 'and ends today');

  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await pending;
  assert.equal(file.suggestedFilename(), `hotels-${from}-${to}.csv`);
  const text = await downloadedText(file);
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l !== '');
  assert.match(header, /^[a-z_]+(,[a-z_]+)*$/, `the header row holds the column names: ${header}`);
  assert.ok(rows.some((r) => r.includes('Reports Harbour Hotel')), `the hotel made today is a row of:\n${text}`);
  await screenshot(page, 'admin-reports');
  assertNoPageErrors(page);
  await page.context().close();
});
