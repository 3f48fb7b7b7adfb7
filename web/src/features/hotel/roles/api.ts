// Hotel roles and the hotel: permission catalogue: /api/hotel/roles,
// /api/hotel/permissions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type Schemas } from '@/lib/api';
import { hotelKeys, invalidateHotel } from '../common/keys';

export type HotelRole = Schemas['Role'];

export function useHotelRoles(params: { page: number; limit: number; q?: string }) {
  return useQuery({
    queryKey: [...hotelKeys.roles, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/roles', { query: { ...params, sort: 'display_name' }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHotelRole(id: string | undefined) {
  return useQuery({
    queryKey: [...hotelKeys.roles, 'detail', id],
    queryFn: ({ signal }) => api.get('/api/hotel/roles/{id}', { params: { id: id! }, signal }),
    enabled: id !== undefined,
  });
}

export function useHotelPermissions() {
  return useQuery({
    queryKey: hotelKeys.permissions,
    queryFn: ({ signal }) => api.get('/api/hotel/permissions', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useSaveHotelRole(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { create: BodyParams<'/api/hotel/roles', 'post'> } | { update: BodyParams<'/api/hotel/roles/{id}', 'patch'> }) =>
      'create' in input
        ? api.post('/api/hotel/roles', { body: input.create })
        : api.patch('/api/hotel/roles/{id}', { params: { id: id! }, body: input.update }),
    onSuccess: () => invalidateHotel(qc, 'roles', 'users'),
  });
}

export function useDeleteHotelRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/hotel/roles/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'roles', 'users'),
  });
}
