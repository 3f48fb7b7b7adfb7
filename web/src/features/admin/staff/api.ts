// Platform staff: /api/admin/users (+ the roles they can be given).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams, type Schemas } from '@/lib/api';

export type AdminUser = Schemas['AdminUser'];
export type AdminUserListParams = NonNullable<QueryParams<'/api/admin/users', 'get'>>;

const all = ['admin', 'users'] as const;

export function useAdminUsers(params: AdminUserListParams) {
  return useQuery({
    queryKey: [...all, 'list', params],
    queryFn: ({ signal }) => api.get('/api/admin/users', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAdminRoleOptions() {
  return useQuery({
    queryKey: ['admin', 'roles', 'options'],
    queryFn: ({ signal }) => api.get('/api/admin/roles', { query: { limit: 100, sort: 'display_name' }, signal }),
  });
}

export function useCreateAdminUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/users', 'post'>) => api.post('/api/admin/users', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}

export function useUpdateAdminUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyParams<'/api/admin/users/{id}', 'patch'> }) =>
      api.patch('/api/admin/users/{id}', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}

export function useDeleteAdminUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/admin/users/{id}', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}
