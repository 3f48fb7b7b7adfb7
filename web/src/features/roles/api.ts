// Roles of either panel and its permission catalogue: /api/{admin,hotel}/roles
// and /api/{admin,hotel}/permissions. A change to a role also changes what
// its members see in the staff list, and the audit trail.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type Schemas } from '@/lib/api';
import { invalidatePanel, panelKey, type Panel } from '@/lib/panel';

export type Role = Schemas['Role'];
type Catalogue = Schemas['PermissionList'];
type CreateBody = BodyParams<'/api/hotel/roles', 'post'> & BodyParams<'/api/admin/roles', 'post'>;
type UpdateBody = BodyParams<'/api/hotel/roles/{id}', 'patch'> & BodyParams<'/api/admin/roles/{id}', 'patch'>;
interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export function useRoles(panel: Panel, params: { page: number; limit: number; q?: string }) {
  const query = { ...params, sort: 'display_name' } as const;
  return useQuery({
    queryKey: [...panelKey(panel, 'roles'), 'list', params],
    queryFn: ({ signal }): Promise<Page<Role>> =>
      panel === 'admin' ? api.get('/api/admin/roles', { query, signal }) : api.get('/api/hotel/roles', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRole(panel: Panel, id: string | undefined) {
  return useQuery({
    queryKey: [...panelKey(panel, 'roles'), 'detail', id],
    queryFn: ({ signal }): Promise<Role> =>
      panel === 'admin'
        ? api.get('/api/admin/roles/{id}', { params: { id: id! }, signal })
        : api.get('/api/hotel/roles/{id}', { params: { id: id! }, signal }),
    enabled: id !== undefined,
  });
}

export function usePermissionCatalogue(panel: Panel) {
  return useQuery({
    queryKey: panelKey(panel, 'permissions'),
    queryFn: ({ signal }): Promise<Catalogue> =>
      panel === 'admin' ? api.get('/api/admin/permissions', { signal }) : api.get('/api/hotel/permissions', { signal }),
    staleTime: 10 * 60_000,
  });
}

function useRoleMutation<V, R>(panel: Panel, mutationFn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => invalidatePanel(qc, panel, 'roles', 'users') });
}

export function useCreateRole(panel: Panel) {
  return useRoleMutation(
    panel,
    (body: CreateBody): Promise<Role> =>
      panel === 'admin' ? api.post('/api/admin/roles', { body }) : api.post('/api/hotel/roles', { body }),
  );
}

export function useUpdateRole(panel: Panel, id: string) {
  return useRoleMutation(
    panel,
    (body: UpdateBody): Promise<Role> =>
      panel === 'admin'
        ? api.patch('/api/admin/roles/{id}', { params: { id }, body })
        : api.patch('/api/hotel/roles/{id}', { params: { id }, body }),
  );
}

export function useDeleteRole(panel: Panel) {
  return useRoleMutation(
    panel,
    (id: string): Promise<unknown> =>
      panel === 'admin' ? api.delete('/api/admin/roles/{id}', { params: { id } }) : api.delete('/api/hotel/roles/{id}', { params: { id } }),
  );
}
