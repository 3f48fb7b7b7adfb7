// Either panel's audit trail: /api/admin/audit-logs (every chain, with
// hash-chain verification and the hotels to choose a chain from) or
// /api/hotel/audit-logs (this hotel's chain, with its staff to choose from).
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';
import { fetchAll } from '@/lib/api/fetch-all';
import { useAuth } from '@/lib/auth/auth-context';
import { panelKey, permission, type Panel } from '@/lib/panel';

export type AuditEntry = Schemas['AuditEntry'];
export type AuditParams = NonNullable<QueryParams<'/api/admin/audit-logs', 'get'>>;
interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export function useAuditLogs(panel: Panel, params: AuditParams) {
  return useQuery({
    queryKey: [...panelKey(panel, 'audit'), params],
    queryFn: ({ signal }): Promise<Page<AuditEntry>> => {
      if (panel === 'admin') return api.get('/api/admin/audit-logs', { query: params, signal });
      const { tenant_id: _chain, ...query } = params;
      return api.get('/api/hotel/audit-logs', { query, signal });
    },
    placeholderData: keepPreviousData,
  });
}

/** Checks the hash chains (admin): one hotel's, the platform's, or all. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: (tenantId: string | undefined) => api.get('/api/admin/audit-logs/verify', { query: { tenant_id: tenantId } }),
  });
}

/** Hotels to choose a chain from (admin). */
export function useTenantOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'hotels', 'options'],
    queryFn: ({ signal }) => api.get('/api/admin/hotels', { query: { limit: 100, sort: 'name', include_deleted: true }, signal }),
    staleTime: 60_000,
    enabled,
  });
}

/** The hotel's staff to choose who acted (hotel; the same list the hotel pages label staff with). */
export function useHotelActors(enabled: boolean) {
  const { can } = useAuth();
  return useQuery({
    queryKey: [...panelKey('hotel', 'users'), 'all'],
    queryFn: ({ signal }) =>
      fetchAll((page) => api.get('/api/hotel/users', { query: { page, limit: 100, sort: 'last_name' }, signal })),
    enabled: enabled && can(permission('hotel', 'users', 'read')),
    staleTime: 60_000,
  });
}
