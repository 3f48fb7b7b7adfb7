// Staff of either panel: /api/admin/users or /api/hotel/users, and the roles
// they can be given (/api/{panel}/roles). A change to staff also changes the
// roles' member counts and the audit trail.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { invalidatePanel, panelKey, permission, type Panel } from '@/lib/panel';

export type StaffMember = Schemas['AdminUser'] | Schemas['HotelUser'];
type Role = Schemas['Role'];
interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}
export type StaffListParams = NonNullable<QueryParams<'/api/hotel/users', 'get'>>;
type CreateBody = BodyParams<'/api/hotel/users', 'post'> & BodyParams<'/api/admin/users', 'post'>;
type UpdateBody = BodyParams<'/api/hotel/users/{id}', 'patch'> & BodyParams<'/api/admin/users/{id}', 'patch'>;

export function useStaffList(panel: Panel, query: StaffListParams) {
  return useQuery({
    queryKey: [...panelKey(panel, 'users'), 'list', query],
    queryFn: ({ signal }): Promise<Page<StaffMember>> =>
      panel === 'admin' ? api.get('/api/admin/users', { query, signal }) : api.get('/api/hotel/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRoleOptions(panel: Panel) {
  const { can } = useAuth();
  const query = { limit: 100, sort: 'display_name' } as const;
  return useQuery({
    queryKey: [...panelKey(panel, 'roles'), 'options'],
    queryFn: ({ signal }): Promise<Page<Role>> =>
      panel === 'admin' ? api.get('/api/admin/roles', { query, signal }) : api.get('/api/hotel/roles', { query, signal }),
    enabled: can(permission(panel, 'roles', 'read')),
  });
}

function useStaffMutation<V, R>(panel: Panel, mutationFn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => invalidatePanel(qc, panel, 'users', 'roles') });
}

export function useCreateStaff(panel: Panel) {
  return useStaffMutation(
    panel,
    (body: CreateBody): Promise<StaffMember> =>
      panel === 'admin' ? api.post('/api/admin/users', { body }) : api.post('/api/hotel/users', { body }),
  );
}

export function useUpdateStaff(panel: Panel) {
  return useStaffMutation(panel, ({ id, body }: { id: string; body: UpdateBody }): Promise<StaffMember> =>
    panel === 'admin'
      ? api.patch('/api/admin/users/{id}', { params: { id }, body })
      : api.patch('/api/hotel/users/{id}', { params: { id }, body }),
  );
}

export function useDeleteStaff(panel: Panel) {
  return useStaffMutation(panel, (id: string): Promise<unknown> =>
    panel === 'admin' ? api.delete('/api/admin/users/{id}', { params: { id } }) : api.delete('/api/hotel/users/{id}', { params: { id } }),
  );
}
