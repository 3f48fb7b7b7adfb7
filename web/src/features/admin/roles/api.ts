// Platform roles and the permission catalogue: /api/admin/roles, /api/admin/permissions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type Schemas } from '@/lib/api';

export type Role = Schemas['Role'];
const all = ['admin', 'roles'] as const;

export function useAdminRoles(params: { page: number; limit: number; q?: string }) {
  return useQuery({
    queryKey: [...all, 'list', params],
    queryFn: ({ signal }) => api.get('/api/admin/roles', { query: { ...params, sort: 'display_name' }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAdminRole(id: string | undefined) {
  return useQuery({
    queryKey: [...all, 'detail', id],
    queryFn: ({ signal }) => api.get('/api/admin/roles/{id}', { params: { id: id! }, signal }),
    enabled: id !== undefined,
  });
}

export function useAdminPermissions() {
  return useQuery({
    queryKey: ['admin', 'permissions'],
    queryFn: ({ signal }) => api.get('/api/admin/permissions', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useCreateAdminRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/roles', 'post'>) => api.post('/api/admin/roles', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}

export function useUpdateAdminRole(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/admin/roles/{id}', 'patch'>) => api.patch('/api/admin/roles/{id}', { params: { id }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}

export function useDeleteAdminRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/admin/roles/{id}', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: all }),
  });
}
