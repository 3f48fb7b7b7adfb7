// Live updates end to end (issue 15): two browser contexts signed in to the
// same hotel. What one of them changes, or a change made through the API,
// shows in the other without a reload: the dashboard's open incidents, a new
// incident on the board, a room's housekeeping status on the rooms grid (set
// from the other browser's tile menu) and a new booking on the reservations
// list. Both top bars say the live connection is up, and the watching tab
// keeps one event stream across its pages.
import { test } from 'node:test';
import { apiLib, assert, assertNoPageErrors, eventually, heading, hotelLib, openPage, screenshot, signIn, useApp, waitForPath } from './lib/harness.mjs';

let hotel;
let setup;

const app = useApp({
  setup: async ({ server }) => {
    const admin = await apiLib.adminToken(server);
    hotel = await hotelLib.hotelTenant(server, admin);
    setup = await hotelLib.setupProperty(hotel, { rooms: 2 });
  },
});

const nav = (p, name) => p.getByRole('navigation').getByRole('link', { name, exact: true });
const liveStatus = (p) => p.getByTestId('live-status');

/** A fresh browser signed in as the manager; `streams` lists the Accept header of each event stream it opened. */
async function signedIn() {
  const page = await openPage(app.browser, app.server);
  page.streams = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/hotel/events') page.streams.push(r.headers().accept);
  });
  await page.goto('/login');
  await signIn(page, hotel.manager.email, hotel.manager.password);
  await waitForPath(page, '/hotel/dashboard');
  await heading(page, 'Dashboard').waitFor();
  return page;
}

async function expectConnected(page) {
  await page.getByRole('status', { name: 'Live updates: connected' }).waitFor();
  assert.equal(await liveStatus(page).getAttribute('data-state'), 'connected');
}

/** The text of a StatCard (role group) without line breaks, e.g. "OPEN INCIDENTS 1". */
async function stat(p, label) {
  return (await p.getByRole('group', { name: label }).innerText()).replace(/\s+/g, ' ').trim();
}

test('a change made in one browser shows in the other without a reload', async () => {
  const watcher = await signedIn();
  const actor = await signedIn();
  // A full reload would drop this marker.
  await watcher.evaluate(() => {
    window.__keycardNoReload = true;
  });
  await expectConnected(watcher);
  await expectConnected(actor);

  // --- dashboard: an incident reported elsewhere counts at once -------------
  await eventually(async () => assert.match(await stat(watcher, 'Open incidents'), /\b0$/));
  await hotelLib.ok(
    hotel.req('POST', '/api/hotel/incidents', {
      title: 'Leaking tap in 101',
      category: 'maintenance',
      severity: 'medium',
      room_id: setup.rooms[0].id,
    }),
    201,
    'report an incident',
  );
  await eventually(async () => assert.match(await stat(watcher, 'Open incidents'), /\b1$/));

  // --- incidents board: a second incident appears in the Open column --------
  await nav(watcher, 'Incidents').click();
  await heading(watcher, 'Incidents').waitFor();
  const open = watcher.getByRole('listitem', { name: 'Open', exact: true });
  await open.getByText('Leaking tap in 101').waitFor();
  await hotelLib.ok(
    hotel.req('POST', '/api/hotel/incidents', { title: 'Broken lamp in 102', category: 'maintenance', severity: 'low' }),
    201,
    'report a second incident',
  );
  await open.getByText('Broken lamp in 102').waitFor();

  // --- rooms grid: the other browser sets room 101 dirty from its tile -----
  await nav(watcher, 'Rooms').click();
  await heading(watcher, 'Rooms').waitFor();
  await watcher.getByRole('button', { name: 'Room 101, Clean' }).waitFor();
  await nav(actor, 'Rooms').click();
  await heading(actor, 'Rooms').waitFor();
  await actor.getByRole('button', { name: 'Room 101, Clean' }).click();
  await actor.getByRole('menuitem', { name: 'Dirty' }).click();
  await actor.getByRole('button', { name: 'Room 101, Dirty' }).waitFor();
  await watcher.getByRole('button', { name: 'Room 101, Dirty' }).waitFor();
  await watcher.getByRole('list', { name: 'Rooms by status' }).getByText('Dirty: 1').waitFor();

  // --- reservations list: a booking made elsewhere is listed ---------------
  await nav(watcher, 'Reservations').click();
  await heading(watcher, 'Reservations').waitFor();
  await watcher.getByText('No reservations yet').waitFor();
  const booked = await hotelLib.book(hotel, setup);
  await watcher.getByRole('link', { name: booked.confirmation_number }).waitFor();
  await screenshot(watcher, 'live-reservations');

  // One stream for the whole session, opened as an event stream; no reload.
  assert.deepEqual(watcher.streams, ['text/event-stream']);
  assert.equal(await watcher.evaluate(() => window.__keycardNoReload === true), true);
  await expectConnected(watcher);
  assertNoPageErrors(watcher);
  assertNoPageErrors(actor);
  await watcher.context().close();
  await actor.context().close();
});
