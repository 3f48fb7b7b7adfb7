// The hotel (tenant) registry: /api/admin/hotels.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams, type Schemas } from '@/lib/api';

export type Hotel = Schemas['Hotel'];
export type HotelDetail = Schemas['HotelDetail'];
export type HotelType = Schemas['HotelType'];
export type HotelStatus = Schemas['HotelStatus'];
export type HotelListParams = NonNullable<QueryParams<'/api/admin/hotels', 'get'>>;

export const HOTEL_TYPES: HotelType[] = ['INDEPENDENT', 'CHAIN', 'FRANCHISE', 'MANAGEMENT_COMPANY', 'VACATION_RENTAL'];
export const HOTEL_STATUSES: HotelStatus[] = ['TRIAL', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'CANCELLED'];

const keys = {
  all: ['admin', 'hotels'] as const,
  list: (p: HotelListParams) => ['admin', 'hotels', 'list', p] as const,
  detail: (id: string) => ['admin', 'hotels', 'detail', id] as const,
};

export function useHotels(params: HotelListParams) {
  return useQuery({
    queryKey: keys.list(params),
    queryFn: ({ signal }) => api.get('/api/admin/hotels', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHotel(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => api.get('/api/admin/hotels/{id}', { params: { id }, signal }),
  });
}

function useInvalidateHotels() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.all });
    void qc.invalidateQueries({ queryKey: ['admin', 'dashboard'] });
  };
}

export function useCreateHotel() {
  const invalidate = useInvalidateHotels();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/hotels', 'post'>) => api.post('/api/admin/hotels', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateHotel(id: string) {
  const invalidate = useInvalidateHotels();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/hotels/{id}', 'patch'>) =>
      api.patch('/api/admin/hotels/{id}', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useChangeHotelStatus(id: string) {
  const invalidate = useInvalidateHotels();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/hotels/{id}/status', 'post'>) =>
      api.post('/api/admin/hotels/{id}/status', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useDeleteHotel(id: string) {
  const invalidate = useInvalidateHotels();
  return useMutation({
    mutationFn: () => api.delete('/api/admin/hotels/{id}', { params: { id } }),
    onSuccess: invalidate,
  });
}
