// Guest queries used by the guest pages and the booking flow's guest step.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams } from '@/lib/api';
import { hotelKeys, invalidateHotel } from './keys';

export type GuestListParams = NonNullable<QueryParams<'/api/hotel/guests', 'get'>>;

export function useGuests(params: GuestListParams, enabled = true) {
  return useQuery({
    queryKey: [...hotelKeys.guests, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/guests', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGuest(id: string, enabled = true) {
  return useQuery({
    queryKey: [...hotelKeys.guests, 'detail', id],
    queryFn: ({ signal }) => api.get('/api/hotel/guests/{id}', { params: { id }, signal }),
    enabled: enabled && id !== '',
  });
}

export function useCreateGuest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/guests', 'post'>) => api.post('/api/hotel/guests', { body }),
    onSuccess: () => invalidateHotel(qc, 'guests'),
  });
}
