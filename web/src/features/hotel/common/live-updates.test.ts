// The live invalidation table against the query keys the panel's pages use:
// an event of each resource makes stale the pages that show it (and the
// audit log) and leaves the others alone; a batch invalidates the union; an
// unknown kind makes everything stale; the night audit is by its type.
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { hotelDashboardQuery } from '../dashboard/api';
import { hotelKeys } from './keys';
import { invalidateForEvents, invalidateLoadedHotelData, LIVE_INVALIDATIONS, resourcesForEvent } from './live-updates';

// The keys the pages ask with (see each feature's api.ts).
const PAGES: Record<string, QueryKey> = {
  roomsGrid: [...hotelKeys.rooms, 'all', { property_id: undefined }],
  reservationsList: [...hotelKeys.reservations, 'list', { page: 1 }],
  reservationPage: [...hotelKeys.reservations, 'detail', 'res-1'],
  frontDesk: [...hotelKeys.reservations, 'front-desk', 'arrivals', 'prop-1', '2026-12-04'],
  dashboard: hotelDashboardQuery({}).queryKey,
  incidentsBoard: [...hotelKeys.incidents, 'list', { status: 'open' }],
  folio: [...hotelKeys.folios, 'res-1'],
  payments: [...hotelKeys.payments, 'reservation', 'res-1'],
  invoices: [...hotelKeys.invoices, 'reservation', 'res-1'],
  roomRack: [...hotelKeys.roomRack, { from: '2026-12-01' }],
  availability: [...hotelKeys.availability, { property_id: 'prop-1' }],
  guests: [...hotelKeys.guests, 'list', {}],
  properties: [...hotelKeys.properties, 'list', {}],
  roomTypes: [...hotelKeys.roomTypes, 'all', null],
  staff: [...hotelKeys.users, 'list', {}],
  roles: [...hotelKeys.roles, 'list', {}],
  audit: [...hotelKeys.audit, {}],
  adminHotels: ['admin', 'hotels', 'list', {}],
};

function staleAfter(events: { type: string; resource_type: string }[]): string[] {
  const qc = new QueryClient();
  for (const key of Object.values(PAGES)) qc.setQueryData(key, { loaded: true });
  invalidateForEvents(qc, events);
  return Object.entries(PAGES)
    .filter(([, key]) => qc.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

describe('live invalidation', () => {
  it('a room event refreshes the rooms grid, the dashboard, the rack and availability', () => {
    expect(staleAfter([{ type: 'room.status_changed', resource_type: 'room' }])).toEqual(
      ['audit', 'availability', 'dashboard', 'roomRack', 'roomsGrid'].sort(),
    );
  });

  it('a reservation event refreshes the reservations list, its page, the front desk, the dashboard and what a stay touches', () => {
    expect(staleAfter([{ type: 'reservation.status_changed', resource_type: 'reservation' }])).toEqual(
      [
        'audit',
        'availability',
        'dashboard',
        'folio',
        'frontDesk',
        'guests',
        'payments',
        'reservationPage',
        'reservationsList',
        'roomRack',
        'roomsGrid',
      ].sort(),
    );
  });

  it('an incident event refreshes the incidents board and the dashboard only', () => {
    expect(staleAfter([{ type: 'incident.created', resource_type: 'incident' }])).toEqual(['audit', 'dashboard', 'incidentsBoard']);
  });

  it('money events refresh the folio, the reservation and the dashboard', () => {
    const folio = staleAfter([{ type: 'folio.charge_posted', resource_type: 'folio_line' }]);
    const payment = staleAfter([{ type: 'payment.refunded', resource_type: 'payment' }]);
    for (const stale of [folio, payment]) {
      expect(stale).toEqual(expect.arrayContaining(['folio', 'reservationPage', 'reservationsList', 'dashboard', 'payments', 'invoices']));
      expect(stale).not.toContain('incidentsBoard');
      expect(stale).not.toContain('roomsGrid');
    }
    expect(staleAfter([{ type: 'invoice.issued', resource_type: 'invoice' }])).toEqual(['audit', 'folio', 'invoices']);
  });

  it('the night audit (a property resource) closes the day everywhere the date shows', () => {
    const stale = staleAfter([{ type: 'night_audit.completed', resource_type: 'property' }]);
    expect(stale).toEqual(expect.arrayContaining(['properties', 'reservationsList', 'folio', 'roomRack', 'dashboard', 'roomsGrid']));
    expect(stale).not.toContain('incidentsBoard');
    expect(stale).not.toEqual(staleAfter([{ type: 'property.updated', resource_type: 'property' }]));
  });

  it('a batch invalidates the union of its events', () => {
    expect(
      staleAfter([
        { type: 'incident.updated', resource_type: 'incident' },
        { type: 'room.updated', resource_type: 'room' },
      ]),
    ).toEqual(['audit', 'availability', 'dashboard', 'incidentsBoard', 'roomRack', 'roomsGrid'].sort());
    expect(staleAfter([])).toEqual([]);
  });

  it('an event of a kind the table does not know makes every hotel query stale, never the admin panel', () => {
    const stale = staleAfter([
      { type: 'room.created', resource_type: 'room' },
      { type: 'spa.booked', resource_type: 'spa_booking' },
    ]);
    expect(stale).toEqual(Object.keys(PAGES).filter((k) => k !== 'adminHotels').sort());
    expect(resourcesForEvent({ type: 'x.y', resource_type: 'constructor' })).toBeNull();
  });

  it('knows every resource type the server streams', () => {
    for (const type of ['room', 'reservation', 'payment', 'folio_line', 'invoice', 'incident', 'guest', 'property', 'room_type', 'user', 'role']) {
      expect(LIVE_INVALIDATIONS[type], type).toBeDefined();
      for (const r of LIVE_INVALIDATIONS[type]) expect(hotelKeys[r], `${type} → ${r}`).toBeDefined();
    }
  });

  it('after a fresh connection, refetches what was loaded (not what is loading or failed)', () => {
    const qc = new QueryClient();
    qc.setQueryData(PAGES.roomsGrid, []);
    qc.setQueryData(PAGES.adminHotels, []);
    const pending: QueryKey = [...hotelKeys.incidents, 'list', { status: 'closed' }];
    qc.getQueryCache().build(qc, { queryKey: pending });
    invalidateLoadedHotelData(qc);
    expect(qc.getQueryState(PAGES.roomsGrid)?.isInvalidated).toBe(true);
    expect(qc.getQueryState(PAGES.adminHotels)?.isInvalidated).toBe(false);
    expect(qc.getQueryState(pending)?.isInvalidated).toBe(false);
  });
});
