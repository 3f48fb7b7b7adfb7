// Hotel staff: /api/hotel/users (+ the hotel roles they can be given).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { hotelKeys, invalidateHotel } from '../common/keys';

export type HotelUserListParams = NonNullable<QueryParams<'/api/hotel/users', 'get'>>;

export function useHotelUsers(params: HotelUserListParams) {
  return useQuery({
    queryKey: [...hotelKeys.users, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/users', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHotelRoleOptions() {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...hotelKeys.roles, 'options'],
    queryFn: ({ signal }) => api.get('/api/hotel/roles', { query: { limit: 100, sort: 'display_name' }, signal }),
    enabled: can('hotel:roles:read'),
  });
}

export function useCreateHotelUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/users', 'post'>) => api.post('/api/hotel/users', { body }),
    onSuccess: () => invalidateHotel(qc, 'users', 'roles'),
  });
}

export function useUpdateHotelUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyParams<'/api/hotel/users/{id}', 'patch'> }) =>
      api.patch('/api/hotel/users/{id}', { params: { id }, body }),
    onSuccess: () => invalidateHotel(qc, 'users', 'roles'),
  });
}

export function useDeleteHotelUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/hotel/users/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'users', 'roles'),
  });
}
