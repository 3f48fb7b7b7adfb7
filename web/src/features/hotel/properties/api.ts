// Properties and their room types: /api/hotel/properties, /api/hotel/room-types.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams } from '@/lib/api';
import { hotelKeys, invalidateHotel } from '../common/keys';

export type PropertyListParams = NonNullable<QueryParams<'/api/hotel/properties', 'get'>>;

export function usePropertyList(params: PropertyListParams) {
  return useQuery({
    queryKey: [...hotelKeys.properties, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/properties', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useProperty(id: string) {
  return useQuery({
    queryKey: [...hotelKeys.properties, 'detail', id],
    queryFn: ({ signal }) => api.get('/api/hotel/properties/{id}', { params: { id }, signal }),
  });
}

export function useCreateProperty() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/properties', 'post'>) => api.post('/api/hotel/properties', { body }),
    onSuccess: () => invalidateHotel(qc, 'properties'),
  });
}

export function useUpdateProperty(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/properties/{id}', 'patch'>) =>
      api.patch('/api/hotel/properties/{id}', { params: { id }, body }),
    onSuccess: () => invalidateHotel(qc, 'properties', 'dashboard'),
  });
}

export function useDeleteProperty(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/api/hotel/properties/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'properties', 'dashboard'),
  });
}

export function useCreateRoomType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/room-types', 'post'>) => api.post('/api/hotel/room-types', { body }),
    onSuccess: () => invalidateHotel(qc, 'roomTypes', 'availability'),
  });
}

export function useUpdateRoomType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyParams<'/api/hotel/room-types/{id}', 'patch'> }) =>
      api.patch('/api/hotel/room-types/{id}', { params: { id }, body }),
    onSuccess: () => invalidateHotel(qc, 'roomTypes', 'availability'),
  });
}

export function useDeleteRoomType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/hotel/room-types/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'roomTypes', 'availability'),
  });
}
