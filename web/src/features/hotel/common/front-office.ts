// Front office (issue 13): the folio, the night audit, the room rack and the
// invoices, typed by hand from the contract until docs/openapi.yaml
// describes them; the calls go through the one client (`request`), so they
// carry the token, refresh once on 401 and answer problems as ApiError.
import { useQuery } from '@tanstack/react-query';
import { request, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { addDays, todayIn } from './dates';
import { hotelKeys } from './keys';
import { useProperties } from './lookups';

export interface Money {
  amount_minor: number;
  currency: string;
}

/** What a property gains with the front office (read-only business date, last closed date, VAT). */
export interface FrontOfficeFields {
  business_date?: string;
  night_audit_time?: string;
  last_audit_date?: string | null;
  vat_rate_bp?: number;
}

export type FrontOfficeProperty = Schemas['Property'] & FrontOfficeFields;

export type FolioLineKind = 'charge' | 'payment' | 'refund' | 'correction';
export type ChargeType = 'room' | 'minibar' | 'parking' | 'breakfast' | 'late_checkout' | 'cancellation_fee' | 'other';

/** The charge types a person may post (room nights come from the night audit and the check-out). */
export const POSTABLE_CHARGE_TYPES: Exclude<ChargeType, 'room'>[] = [
  'minibar',
  'parking',
  'breakfast',
  'late_checkout',
  'cancellation_fee',
  'other',
];

export interface FolioLine {
  id: string;
  kind: FolioLineKind;
  charge_type: ChargeType | null;
  business_date: string;
  room_night: string | null;
  description: string;
  quantity: number;
  unit_price: Money;
  /** Signed as its effect on the balance: charges and refunds +, corrections and payments −. */
  amount: Money;
  currency: string;
  corrects: string | null;
  corrected: Money;
  reason: string | null;
  method: string | null;
  /** null: the scheduled night audit. */
  posted_by: string | null;
  created_at: string;
}

export interface FolioTotals {
  charges: Money;
  corrections: Money;
  payments: Money;
  refunds: Money;
  posted_balance: Money;
  pending_room_nights: number;
  pending_room_charges: Money;
  total: Money;
  paid: Money;
  balance: Money;
}

export interface Folio {
  reservation_id: string;
  currency: string;
  business_date: string;
  lines: FolioLine[];
  totals: FolioTotals;
}

export interface FolioChange {
  line: FolioLine;
  totals: FolioTotals;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unit_price: Money;
  amount: Money;
  business_date: string;
}

export interface Invoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  property_id: string;
  reservation_id: string;
  credit_of: string | null;
  issued_at: string;
  business_date: string;
  seller: { name: string; address: string | null };
  buyer: { name: string; email: string | null };
  lines: InvoiceLine[];
  vat_rate_bp: number;
  net: Money;
  tax: Money;
  gross: Money;
  paid: Money;
  balance: Money;
  credited_by: string | null;
}

export interface NightAuditSummary {
  id: string;
  property_id: string;
  business_date_closed: string;
  room_charges_posted: number;
  amount_posted: Money;
  no_shows: number;
  cancelled: number;
  rooms_available: number;
  rooms_sold: number;
  occupancy: number;
  adr: Money;
  revpar: Money;
  forced: boolean;
  reason: string | null;
  run_by: string | null;
  created_at: string;
}

/** A departure the night audit found still in house (409 `departures_pending`). */
export interface PendingDeparture {
  id: string;
  confirmation_number: string;
  guest_name: string;
  check_out_date: string;
}

export interface RackRoomType {
  id: string;
  code: string;
  name: string;
}

export interface RackRoom {
  id: string;
  room_number: string;
  floor: number | null;
  room_type_id: string;
  status: Schemas['RoomStatus'];
  occupied: boolean;
}

export interface RackStay {
  reservation_id: string;
  confirmation_number: string;
  guest_name: string;
  room_id: string | null;
  room_type_id: string;
  status: Schemas['ReservationStatus'];
  check_in_date: string;
  check_out_date: string;
  balance: Money;
}

export interface RoomRack {
  property_id: string;
  from: string;
  to: string;
  business_date: string;
  room_types: RackRoomType[];
  rooms: RackRoom[];
  stays: RackStay[];
}

export const ROOM_RACK_PATH = '/api/hotel/room-rack';

/** GET /api/hotel/room-rack for [from, to). */
export function fetchRoomRack(query: { property_id: string; from: string; to: string }, signal?: AbortSignal) {
  return request<RoomRack>('GET', ROOM_RACK_PATH, { query, signal });
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
  const property = (properties.data ?? []).find((p) => p.id === propertyId) as FrontOfficeProperty | undefined;
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
