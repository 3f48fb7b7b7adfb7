// Helpers for the hotel-panel tests: a tenant with a logged-in manager, and
// properties, room types, rooms, guests and reservations made through the API.
import assert from 'node:assert/strict';
import { adminToken, assertStatus, createHotel, loginOk, randomId } from './api.mjs';

// Creates a hotel (tenant) with a manager and logs the manager in;
// `overrides` go to createHotel. Returns {hotel, manager, token, refresh,
// managerId, req(method, path, body?, headers?)}.
export async function hotelTenant(server, admin, overrides = {}) {
  const token0 = admin ?? (await adminToken(server));
  const { hotel, manager } = await createHotel(server, token0, overrides);
  const pair = await loginOk(server, manager.email, manager.password);
  const token = pair.access_token;
  const req = (method, path, body, headers = {}) => server.request(method, path, { token, body, headers });
  return { hotel, manager, token, refresh: pair.refresh_token, managerId: pair.user.id, req };
}

export async function ok(promise, status, what) {
  const res = await promise;
  return assertStatus(res, status, what);
}

// The calendar date in an IANA zone, n days from today.
export function dateIn(timeZone, n = 0) {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// A property with one room type of `rooms` rooms and one guest.
// Returns {property, roomType, rooms: [...], guest}.
// `extra`: more fields of the property's body (night_audit_time, vat_rate_bp, status...).
export async function setupProperty(
  t,
  { rooms = 2, timezone = 'Europe/Berlin', currency = 'EUR', rate = 10000, businessDate = undefined, extra = {} } = {},
) {
  const code = `P${randomId(3).toUpperCase()}`;
  const property = await ok(
    t.req('POST', '/api/hotel/properties', {
      name: `Property ${code}`,
      code,
      timezone,
      currency,
      business_date: businessDate,
      ...extra,
    }),
    201,
    'create property',
  );
  const roomType = await ok(
    t.req('POST', '/api/hotel/room-types', {
      property_id: property.id,
      code: 'DBL',
      name: 'Double',
      capacity: 2,
      base_rate_minor: rate,
    }),
    201,
    'create room type',
  );
  const list = [];
  for (let i = 0; i < rooms; i++) {
    list.push(
      await ok(
        t.req('POST', '/api/hotel/rooms', {
          property_id: property.id,
          room_type_id: roomType.id,
          room_number: `${101 + i}`,
          floor: 1,
        }),
        201,
        'create room',
      ),
    );
  }
  const guest = await ok(
    t.req('POST', '/api/hotel/guests', {
      first_name: 'Grace',
      last_name: `Guest${randomId(2)}`,
      email: `grace-${randomId(3)}@guest.test`,
      phone: '+49 30 1234567',
    }),
    201,
    'create guest',
  );
  return { property, roomType, rooms: list, guest };
}

export function reservationBody(s, overrides = {}) {
  const checkIn = overrides.check_in_date ?? dateIn(s.property.timezone, 30);
  return {
    property_id: s.property.id,
    room_type_id: s.roomType.id,
    guest_id: s.guest.id,
    check_in_date: checkIn,
    // Only computed when not given: a test may send a check-in that is no date.
    check_out_date: 'check_out_date' in overrides ? overrides.check_out_date : addDays(checkIn, 2),
    adults: 2,
    ...overrides,
  };
}

export async function book(t, s, overrides = {}, headers = {}) {
  return ok(t.req('POST', '/api/hotel/reservations', reservationBody(s, overrides), headers), 201, 'book');
}

// Pays what a checked-in stay still owes, so that it can check out (a
// balance other than zero refuses check-out).
export async function settle(t, reservationId) {
  const r = await ok(t.req('GET', `/api/hotel/reservations/${reservationId}`), 200, 'reservation to settle');
  if (r.status !== 'checked_in') return r;
  const folio = await ok(t.req('GET', `/api/hotel/reservations/${reservationId}/folio`), 200, 'folio to settle');
  if (folio.totals.balance.amount_minor > 0) {
    await ok(
      t.req('POST', `/api/hotel/reservations/${reservationId}/payments`, {
        amount_minor: folio.totals.balance.amount_minor,
        method: 'card',
      }),
      201,
      'settle the balance',
    );
  }
  return r;
}

// Puts at least one row of this tenant in every hotel table: a property with a
// room type, two rooms and a guest (setupProperty), opened yesterday; a
// reservation of room 1 booked with an Idempotency-Key (so a status history
// row and a stored key), a payment and a partial refund, a folio charge, the
// night audit of yesterday, an invoice (so a number sequence and invoice
// lines), and an incident linked to all of them and assigned to the manager.
// Returns setupProperty's answer plus
// {user, reservation, payment, refund, charge, audit, invoice, incident}.
export async function populateTenant(t, options = {}) {
  const yesterday = dateIn(options.timezone ?? 'Europe/Berlin', -1);
  const s = await setupProperty(t, { businessDate: yesterday, ...options });
  const user = await ok(t.req('GET', '/api/auth/me'), 200, 'me');
  const reservation = await book(t, s, { room_id: s.rooms[0].id }, { 'idempotency-key': `populate-${randomId(4)}` });
  const payment = await ok(
    t.req('POST', `/api/hotel/reservations/${reservation.id}/payments`, { amount_minor: 5000, method: 'cash' }),
    201,
    'payment',
  );
  const refund = await ok(
    t.req('POST', `/api/hotel/payments/${payment.id}/refund`, { amount_minor: 1000, reason: 'populate' }),
    201,
    'refund',
  );
  const charge = await ok(
    t.req('POST', `/api/hotel/reservations/${reservation.id}/folio/charges`, { charge_type: 'parking', unit_price_minor: 1500 }),
    201,
    'folio charge',
  );
  const audit = await ok(
    t.req('POST', `/api/hotel/properties/${s.property.id}/night-audit`, { business_date: yesterday }),
    201,
    'night audit',
  );
  const invoice = await ok(t.req('POST', `/api/hotel/reservations/${reservation.id}/invoice`), 201, 'invoice');
  const incident = await ok(
    t.req('POST', '/api/hotel/incidents', {
      title: 'Leaking tap',
      category: 'maintenance',
      severity: 'low',
      property_id: s.property.id,
      room_id: s.rooms[0].id,
      guest_id: s.guest.id,
      reservation_id: reservation.id,
      assigned_to: user.id,
    }),
    201,
    'incident',
  );
  return { ...s, user, reservation, payment, refund, charge: charge.line, audit, invoice, incident };
}

// The hotel tables (migrations 0002, the front office's and the domain events'),
// each tenant-owned.
export const HOTEL_TABLES = [
  'properties',
  'room_types',
  'rooms',
  'guests',
  'reservations',
  'reservation_status_history',
  'payments',
  'folio_lines',
  'night_audits',
  'invoice_sequences',
  'invoices',
  'invoice_lines',
  'incidents',
  'idempotency_keys',
  'domain_events',
];

// What the application may not do to a hotel table at all (PostgreSQL
// grants; SQLite triggers): the append-only ones are never changed, and a
// number sequence is never removed (a number must not be given twice).
// domain_events: keycard_app may insert, read and delete (the retention
// sweep) but never change an event (PostgreSQL grants; SQLite has no
// trigger for it, the application never updates one).
export const REFUSED_WRITES = {
  folio_lines: ['UPDATE', 'DELETE'],
  night_audits: ['UPDATE', 'DELETE'],
  invoices: ['UPDATE', 'DELETE'],
  invoice_lines: ['UPDATE', 'DELETE'],
  invoice_sequences: ['DELETE'],
  domain_events: ['UPDATE'],
};

export { assert };
