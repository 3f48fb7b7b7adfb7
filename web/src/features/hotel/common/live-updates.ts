// What a live domain event (GET /api/hotel/events) makes stale in the hotel
// panel's cache: one table from the event's resource to the query keys that
// show it (common/keys), the same sets the panel's own mutations invalidate.
// Only the queries on screen refetch; the rest refetch when next shown.
import type { QueryClient } from '@tanstack/react-query';
import { hotelKeys, invalidateHotel, type HotelResource } from './keys';

export interface DomainEventRef {
  type: string;
  resource_type: string;
}

/** resource_type → the resources whose queries show it. */
export const LIVE_INVALIDATIONS: Readonly<Record<string, readonly HotelResource[]>> = {
  // The rooms grid, the room rack, what can be sold, the housekeeping counts.
  room: ['rooms', 'availability', 'dashboard', 'roomRack'],
  // Lists, the reservation page, the front desk, the rack, arrivals/departures;
  // a check-in/out moves a room and posts to the folio.
  reservation: ['reservations', 'rooms', 'availability', 'dashboard', 'payments', 'guests', 'folios', 'roomRack'],
  payment: ['payments', 'folios', 'reservations', 'dashboard', 'roomRack', 'invoices'],
  folio_line: ['folios', 'reservations', 'payments', 'dashboard', 'roomRack', 'invoices'],
  invoice: ['invoices', 'folios'],
  incident: ['incidents', 'dashboard'],
  // A guest's name shows on reservations and incidents (an erasure blanks it).
  guest: ['guests', 'reservations', 'incidents'],
  property: ['properties', 'dashboard', 'rooms', 'roomRack', 'availability'],
  room_type: ['roomTypes', 'availability', 'rooms', 'roomRack', 'dashboard'],
  user: ['users', 'roles'],
  role: ['roles', 'users', 'permissions'],
};

/** The night audit (resource_type property) closes a day: rates posted, no-shows, the business date. */
const NIGHT_AUDIT: readonly HotelResource[] = [
  'properties',
  'nightAudits',
  'reservations',
  'folios',
  'roomRack',
  'dashboard',
  'rooms',
  'availability',
  'payments',
];

/** The resources an event makes stale; null when the event is of a kind this table does not know (everything is stale). */
export function resourcesForEvent(event: DomainEventRef): readonly HotelResource[] | null {
  if (event.type.startsWith('night_audit.')) return NIGHT_AUDIT;
  return Object.hasOwn(LIVE_INVALIDATIONS, event.resource_type) ? LIVE_INVALIDATIONS[event.resource_type] : null;
}

/** Invalidates once what a batch of events makes stale (and the audit log: every event is an audit entry). */
export function invalidateForEvents(qc: QueryClient, events: readonly DomainEventRef[]) {
  if (events.length === 0) return;
  const resources = new Set<HotelResource>();
  for (const e of events) {
    const stale = resourcesForEvent(e);
    if (stale === null) {
      void qc.invalidateQueries({ queryKey: ['hotel'] });
      return;
    }
    for (const r of stale) resources.add(r);
  }
  invalidateHotel(qc, ...resources);
}

/**
 * After a connection that could not go on from a known event (the first of
 * a session): what was loaded before the stream began may have missed a
 * change, so the hotel data already loaded is refetched once.
 */
export function invalidateLoadedHotelData(qc: QueryClient) {
  void qc.invalidateQueries({
    queryKey: ['hotel'],
    predicate: (q) => q.state.status === 'success' && q.queryKey[1] !== hotelKeys.permissions[1],
  });
}
