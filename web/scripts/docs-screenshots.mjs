// Writes the README screenshots (docs/screenshots/admin-panel.png and
// hotel-panel.png) from a real keycard on a fresh SQLite database with a few
// hotels, rooms and stays made through the API.
//
// usage: npm run build && node scripts/docs-screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { hotelLib, apiLib, launchBrowser, openPage, signIn, startApp, waitForPath, WEB_ROOT } from '../e2e/lib/harness.mjs';

const OUT = path.resolve(WEB_ROOT, '../docs/screenshots');
const { ok, setupProperty, book, dateIn, hotelTenant } = hotelLib;

const server = await startApp();
const browser = await launchBrowser();
try {
  const admin = await apiLib.adminToken(server);
  const t = await hotelTenant(server, admin, { name: 'Aurora Grand Hotel', slug: 'aurora-grand', type: 'CHAIN' });
  await apiLib.setHotelStatus(server, admin, t.hotel.id, 'ACTIVE', 'contract signed');
  for (const [name, type, status] of [
    ['Harbour Inn', 'INDEPENDENT', 'ACTIVE'],
    ['Pine Lodge Rentals', 'VACATION_RENTAL', null],
    ['Alpine Resorts Group', 'MANAGEMENT_COMPANY', 'SUSPENDED'],
    ['Seaside Franchise Hotels', 'FRANCHISE', 'ACTIVE'],
  ]) {
    const { hotel } = await apiLib.createHotel(server, admin, { name, type });
    if (status) await apiLib.setHotelStatus(server, admin, hotel.id, status, 'demo');
  }
  const s = await setupProperty(t, { rooms: 8, timezone: 'Europe/Berlin', currency: 'EUR', rate: 14500 });
  const today = dateIn(s.property.timezone, 0);
  // Three guests in house, one arrival still to come, one dirty room.
  for (const room of s.rooms.slice(0, 3)) {
    const r = await book(t, s, { room_id: room.id, check_in_date: today, check_out_date: dateIn(s.property.timezone, 3) });
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/confirm`, {}), 200, 'confirm');
    await ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-in`, {}), 200, 'check in');
  }
  await book(t, s, { room_id: s.rooms[3].id, check_in_date: today, check_out_date: dateIn(s.property.timezone, 2) });
  await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[5].id}/status`, { status: 'dirty' }), 200, 'room status');
  await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[6].id}/status`, { status: 'inspected' }), 200, 'room status');
  await ok(t.req('POST', `/api/hotel/rooms/${s.rooms[7].id}/status`, { status: 'out_of_order' }), 200, 'room status');

  fs.mkdirSync(OUT, { recursive: true });
  const page = await openPage(browser, server, { width: 1280, height: 760 });
  await page.goto('/login');
  await signIn(page, server.admin.email, server.admin.password);
  await waitForPath(page, '/admin/dashboard');
  await page.getByRole('heading', { name: 'Hotels by status' }).waitFor();
  await page.waitForTimeout(1200); // chart animations and the sign-in notification
  await page.locator('.mantine-Notification-root').evaluateAll((els) => els.forEach((e) => e.remove()));
  await page.screenshot({ path: path.join(OUT, 'admin-panel.png') });

  const hotelPage = await openPage(browser, server, { width: 1280, height: 760 });
  await hotelPage.goto('/login');
  await signIn(hotelPage, t.manager.email, t.manager.password);
  await waitForPath(hotelPage, '/hotel/dashboard');
  // The rooms grid, coloured by housekeeping status.
  await hotelPage.goto('/hotel/rooms');
  await hotelPage.getByRole('button', { name: /^Room 108,/ }).waitFor();
  await hotelPage.waitForTimeout(1200);
  await hotelPage.locator('.mantine-Notification-root').evaluateAll((els) => els.forEach((e) => e.remove()));
  await hotelPage.screenshot({ path: path.join(OUT, 'hotel-panel.png') });
  console.log(`wrote ${path.join(OUT, 'admin-panel.png')} and hotel-panel.png`);
} finally {
  await browser.close();
  await server.stop();
}
