// Front office (issue 13): the types of the folio, the night audit, the room
// rack and the invoices (from the contract), the room rack's read, and the
// business date of a property whoever asks.
import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { addDays, todayIn } from './dates';
import { hotelKeys } from './keys';
import { useProperties } from './lookups';

export type Money = Schemas['Money'];
export type FrontOfficeProperty = Schemas['Property'];
export type ChargeType = Schemas['ChargeType'];
export type FolioLine = Schemas['FolioLine'];
export type FolioLineKind = FolioLine['kind'];
export type FolioTotals = Schemas['FolioTotals'];
export type Folio = Schemas['Folio'];
export type FolioChange = Schemas['FolioPosted'];
export type Invoice = Schemas['Invoice'];
export type NightAuditSummary = Schemas['NightAudit'];
/** A departure the night audit found still in house (409 `departures_pending`). */
export type PendingDeparture = NonNullable<Schemas['DeparturesPendingProblem']['reservations']>[number];
export type RoomRack = Schemas['RoomRack'];
export type RackRoomType = RoomRack['room_types'][number];
export type RackRoom = RoomRack['rooms'][number];
export type RackStay = RoomRack['stays'][number];

/** The charge types a person may post (room nights come from the night audit and the check-out). */
export const POSTABLE_CHARGE_TYPES: Exclude<ChargeType, 'room'>[] = [
  'minibar',
  'parking',
  'breakfast',
  'late_checkout',
  'cancellation_fee',
  'other',
];

/** GET /api/hotel/room-rack for [from, to). */
export function fetchRoomRack(query: { property_id: string; from: string; to: string }, signal?: AbortSignal) {
  return api.get('/api/hotel/room-rack', { query, signal });
}

export function useRoomRack(query: { property_id: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: [...hotelKeys.roomRack, query],
    queryFn: ({ signal }) => fetchRoomRack(query!, signal),
    enabled: query !== null && query.property_id !== '',
  });
}

/**
 * The property's business date: from the property when the user may read
 * properties, else from the room rack (which answers it too: Front Desk reads
 * reservations but not properties). Falls back to today in the property's
 * zone, or the browser's, while nothing has answered yet.
 */
export function useBusinessDate(propertyId: string | null | undefined) {
  const { can } = useAuth();
  const readable = can('hotel:properties:read');
  const properties = useProperties();
  const property = (properties.data ?? []).find((p) => p.id === propertyId);
  const fromProperty = property?.business_date;
  const today = todayIn(property?.timezone);
  const needRack = !!propertyId && (!readable || (!properties.isPending && !fromProperty));
  const rack = useQuery({
    queryKey: [...hotelKeys.roomRack, 'business-date', propertyId],
    queryFn: async ({ signal }) => (await fetchRoomRack({ property_id: propertyId!, from: today, to: addDays(today, 1) }, signal)).business_date,
    enabled: needRack && can('hotel:reservations:read'),
  });
  const date = fromProperty ?? rack.data ?? null;
  return {
    date,
    /** Nothing has told the business date yet. */
    loading: !!propertyId && date === null && (readable ? properties.isPending || (needRack && rack.isPending) : rack.isPending),
    property,
  };
}
