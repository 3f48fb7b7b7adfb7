// Query keys of the hotel panel. Every key starts with ['hotel', resource],
// so a change can invalidate everything that shows a resource, whichever
// page asked for it (a check-out changes the reservation, its room, the
// availability and the dashboard).
import type { QueryClient } from '@tanstack/react-query';
import { invalidatePanel } from '@/lib/panel';

export const hotelKeys = {
  properties: ['hotel', 'properties'] as const,
  roomTypes: ['hotel', 'room-types'] as const,
  rooms: ['hotel', 'rooms'] as const,
  guests: ['hotel', 'guests'] as const,
  reservations: ['hotel', 'reservations'] as const,
  availability: ['hotel', 'availability'] as const,
  payments: ['hotel', 'payments'] as const,
  incidents: ['hotel', 'incidents'] as const,
  users: ['hotel', 'users'] as const,
  roles: ['hotel', 'roles'] as const,
  permissions: ['hotel', 'permissions'] as const,
  audit: ['hotel', 'audit'] as const,
  dashboard: ['hotel', 'dashboard'] as const,
  folios: ['hotel', 'folios'] as const,
  invoices: ['hotel', 'invoices'] as const,
  nightAudits: ['hotel', 'night-audits'] as const,
  roomRack: ['hotel', 'room-rack'] as const,
};

export type HotelResource = keyof typeof hotelKeys;

/** Marks every query of these resources stale (and refetches the ones on screen). */
export function invalidateHotel(qc: QueryClient, ...resources: HotelResource[]) {
  invalidatePanel(qc, 'hotel', ...resources.map((r) => hotelKeys[r][1]));
}
