// Helpers for the front-office tests (issue 13): properties opened with a
// business date, stays put in house, the folio routes, and the arithmetic
// every folio's totals must obey.
import { assertStatus } from './api.mjs';
import { addDays, assert, dateIn, ok, setupProperty } from './hotel.mjs';

// The night-audit scheduler switched off (KEYCARD_NIGHT_AUDIT_INTERVAL=0): it
// would close any property whose business date is more than a day behind
// (the fixtures open some with history) while a test looks at it.
export const NO_SCHEDULER = { KEYCARD_NIGHT_AUDIT_INTERVAL: '0' };

export const money = (amount_minor, currency = 'EUR') => ({ amount_minor, currency });

// A property (optionally opened with `business_date`) with one room type of
// `rooms` rooms at `rate`, and one guest. Returns {property, roomType, rooms, guest}.
export function frontOfficeProperty(
  t,
  { rooms = 4, timezone = 'Europe/Lisbon', currency = 'EUR', rate = 10000, business_date, extra = {} } = {},
) {
  return setupProperty(t, { rooms, timezone, currency, rate, businessDate: business_date, extra });
}

export const getProperty = (t, id) => ok(t.req('GET', `/api/hotel/properties/${id}`), 200, 'get property');
export const getReservation = (t, id) => ok(t.req('GET', `/api/hotel/reservations/${id}`), 200, 'get reservation');

// Books a stay (status confirmed unless given) of the property `s`.
export async function stay(t, s, { check_in_date, nights = 2, ...rest } = {}) {
  const body = {
    property_id: s.property.id,
    room_type_id: s.roomType.id,
    guest_id: s.guest.id,
    check_in_date,
    check_out_date: rest.check_out_date ?? addDays(check_in_date, nights),
    adults: 1,
    status: 'confirmed',
    ...rest,
  };
  return ok(t.req('POST', '/api/hotel/reservations', body), 201, `book ${check_in_date}`);
}

// A stay that has checked in (check_in_date must not be after the property's local date).
export async function inHouse(t, s, opts = {}) {
  const r = await stay(t, s, { ...opts, status: 'confirmed' });
  return ok(t.req('POST', `/api/hotel/reservations/${r.id}/check-in`), 200, 'check in');
}

export const folioUrl = (id) => `/api/hotel/reservations/${id}/folio`;
export const getFolio = (t, id) => ok(t.req('GET', folioUrl(id)), 200, 'folio');
export const postCharge = (t, id, body, headers) => t.req('POST', `${folioUrl(id)}/charges`, body, headers);
export const correctLine = (t, id, lineId, body) => t.req('POST', `${folioUrl(id)}/lines/${lineId}/correct`, body);
export const charge = async (t, id, body, headers) => assertStatus(await postCharge(t, id, body, headers), 201, `post ${body.charge_type}`);
export const pay = (t, id, amount_minor, method = 'cash') =>
  ok(t.req('POST', `/api/hotel/reservations/${id}/payments`, { amount_minor, method }), 201, `pay ${amount_minor}`);

export const LINE_KEYS = [
  'id',
  'kind',
  'charge_type',
  'business_date',
  'room_night',
  'description',
  'quantity',
  'unit_price',
  'amount',
  'currency',
  'corrects',
  'corrected',
  'reason',
  'method',
  'posted_by',
  'created_at',
].sort();

export const TOTALS_KEYS = [
  'charges',
  'corrections',
  'payments',
  'refunds',
  'posted_balance',
  'pending_room_nights',
  'pending_room_charges',
  'total',
  'paid',
  'balance',
].sort();

// Every member spec13 names is there (members beyond them are docs/openapi.yaml's business: lib/contract.mjs).
export function assertMembers(object, keys, what) {
  const missing = keys.filter((k) => !(k in object));
  assert.deepEqual(missing, [], `${what} lacks members: ${JSON.stringify(object)}`);
}

export function assertLineShape(line) {
  assertMembers(line, LINE_KEYS, 'line');
  assert.ok(['charge', 'payment', 'refund', 'correction'].includes(line.kind), `kind ${line.kind}`);
  assert.match(line.business_date, /^\d{4}-\d\d-\d\d$/);
  assert.match(line.created_at, /^\d{4}-\d\d-\d\dT/);
}

// The identities of spec13 "Totals", whatever the figures; `rate` (the stay's
// rate) also checks pending_room_charges.
export function assertTotalsConsistent(totals, rate) {
  assertMembers(totals, TOTALS_KEYS, 'totals');
  const v = (k) => totals[k].amount_minor;
  const where = JSON.stringify(totals);
  assert.ok(v('corrections') <= 0, `corrections <= 0: ${where}`);
  assert.ok(v('payments') >= 0 && v('refunds') >= 0, `payments, refunds >= 0: ${where}`);
  assert.equal(v('posted_balance'), v('charges') + v('corrections') - v('payments') + v('refunds'), `posted_balance: ${where}`);
  assert.equal(v('total'), v('charges') + v('corrections') + v('pending_room_charges'), `total: ${where}`);
  assert.equal(v('paid'), v('payments') - v('refunds'), `paid: ${where}`);
  assert.equal(v('balance'), v('total') - v('paid'), `balance: ${where}`);
  assert.ok(Number.isInteger(totals.pending_room_nights) && totals.pending_room_nights >= 0, where);
  if (rate !== undefined) assert.equal(v('pending_room_charges'), rate * totals.pending_room_nights, `pending_room_charges: ${where}`);
}

// The lines of a folio that are room charges, by night.
export const roomLines = (folio) =>
  folio.lines.filter((l) => l.kind === 'charge' && l.charge_type === 'room').sort((a, b) => a.room_night.localeCompare(b.room_night));

export { addDays, assert, dateIn, ok };
