// Lists the hotel pages share as choices and labels: properties, room types,
// rooms and staff. Each is asked for only when the user may read it; a user
// who may not (Front Desk cannot read properties) still gets the property
// ids they can see through the rooms, so the filters keep working.
import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';
import { fetchAll } from '@/lib/api/fetch-all';
import { useAuth } from '@/lib/auth/auth-context';
import { fullName } from '@/lib/format';
import { hotelKeys } from './keys';

export type Property = Schemas['Property'];
export type RoomType = Schemas['RoomType'];
export type Room = Schemas['Room'];
export type RoomStatus = Schemas['RoomStatus'];
export type HotelUser = Schemas['HotelUser'];

export const ROOM_STATUSES: RoomStatus[] = ['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service'];

const MAX = 100;

/** Every item of a list, page by page (the API answers at most 100 at a time). */
export { fetchAll };

export function useProperties() {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.properties, 'all'],
    queryFn: ({ signal }) =>
      fetchAll((page) => api.get('/api/hotel/properties', { query: { page, limit: MAX, sort: 'name' }, signal })),
    enabled: can('hotel:properties:read'),
    staleTime: 60_000,
  });
}

export function useRoomTypes(propertyId?: string | null) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.roomTypes, 'all', propertyId ?? null],
    queryFn: ({ signal }) =>
      fetchAll((page) =>
        api.get('/api/hotel/room-types', {
          query: { page, limit: MAX, sort: 'name', property_id: propertyId ?? undefined },
          signal,
        }),
      ),
    enabled: can('hotel:room_types:read'),
    staleTime: 60_000,
  });
}

type RoomFilters = Omit<NonNullable<QueryParams<'/api/hotel/rooms', 'get'>>, 'page' | 'limit'>;

export function useAllRooms(filters: RoomFilters = {}, enabled = true) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.rooms, 'all', filters],
    queryFn: ({ signal }) =>
      fetchAll((page) =>
        api.get('/api/hotel/rooms', { query: { sort: 'room_number', ...filters, page, limit: MAX }, signal }),
      ),
    enabled: enabled && can('hotel:rooms:read'),
  });
}

export function useStaff() {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.users, 'all'],
    queryFn: ({ signal }) =>
      fetchAll((page) => api.get('/api/hotel/users', { query: { page, limit: MAX, sort: 'last_name' }, signal })),
    enabled: can('hotel:users:read'),
    staleTime: 60_000,
  });
}

export interface Choice {
  value: string;
  label: string;
}

export function propertyLabel(p: Pick<Property, 'name' | 'code'>): string {
  return `${p.name} (${p.code})`;
}

/** Property ids in order of first appearance. */
export function distinctPropertyIds(rows: readonly { property_id: string }[]): string[] {
  return [...new Set(rows.map((r) => r.property_id))];
}

/**
 * The properties a user can choose from: by name when they may read
 * properties, else the ones their rooms belong to ("Property 1", …).
 */
export function usePropertyChoices() {
  const { can } = useAuth();
  const readable = can('hotel:properties:read');
  const properties = useProperties();
  const rooms = useAllRooms({}, !readable);
  let options: Choice[] = [];
  if (readable) options = (properties.data ?? []).map((p) => ({ value: p.id, label: propertyLabel(p) }));
  else options = distinctPropertyIds(rooms.data ?? []).map((id, i) => ({ value: id, label: `Property ${i + 1}` }));
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return {
    options,
    properties: properties.data ?? [],
    loading: readable ? properties.isPending : rooms.isPending && can('hotel:rooms:read'),
    label: (id: string | null | undefined) => (id ? (labels.get(id) ?? '—') : '—'),
    find: (id: string | null | undefined) => (properties.data ?? []).find((p) => p.id === id),
  };
}

export function staffName(users: readonly HotelUser[] | undefined, id: string | null | undefined): string | null {
  if (!id) return null;
  const u = users?.find((x) => x.id === id);
  return u ? fullName(u) || u.email : null;
}
