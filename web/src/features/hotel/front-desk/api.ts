// The front desk's three lists for a property's business date, read whole
// from the reservations list and its front-office filters: arrivals
// (check_in_date = the date, still pending or confirmed), departures
// (check_out_date = the date, checked in) and the stays in house (checked in).
import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';
import { fetchAll } from '@/lib/api/fetch-all';
import { hotelKeys } from '../common/keys';

export type Reservation = Schemas['Reservation'];
export type FrontDeskList = 'arrivals' | 'departures' | 'in_house';

type Query = Omit<NonNullable<QueryParams<'/api/hotel/reservations', 'get'>>, 'page' | 'limit'>;

/** The reservations list's query for one of the lists (the arrivals' statuses are filtered here: the list takes one). */
export function listQuery(list: FrontDeskList, propertyId: string, date: string): Query {
  switch (list) {
    case 'arrivals':
      return { property_id: propertyId, check_in_date: date, sort: 'check_in_date' };
    case 'departures':
      return { property_id: propertyId, check_out_date: date, status: 'checked_in', sort: 'check_in_date' };
    case 'in_house':
      return { property_id: propertyId, status: 'checked_in', sort: 'check_out_date' };
  }
  return { property_id: propertyId };
}

/** Arrivals still to come in; departures and in-house stays as the server filtered them. */
export function keepForList(list: FrontDeskList, r: Pick<Reservation, 'status'>): boolean {
  if (list === 'arrivals') return r.status === 'pending' || r.status === 'confirmed';
  return r.status === 'checked_in';
}

export function useFrontDeskList(list: FrontDeskList, propertyId: string, date: string | null) {
  return useQuery({
    queryKey: [...hotelKeys.reservations, 'front-desk', list, propertyId, date],
    queryFn: async ({ signal }) => {
      const items = await fetchAll((page) =>
        api.get('/api/hotel/reservations', { query: { ...listQuery(list, propertyId, date ?? ''), page, limit: 100 }, signal }),
      );
      return items.filter((r) => keepForList(list, r));
    },
    enabled: propertyId !== '' && date !== null,
  });
}
