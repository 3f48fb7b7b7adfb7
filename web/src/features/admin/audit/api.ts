// The audit trail of every chain: /api/admin/audit-logs and its verification.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';

export type AuditEntry = Schemas['AuditEntry'];
export type AuditParams = NonNullable<QueryParams<'/api/admin/audit-logs', 'get'>>;

export function useAuditLogs(params: AuditParams) {
  return useQuery({
    queryKey: ['admin', 'audit', params],
    queryFn: ({ signal }) => api.get('/api/admin/audit-logs', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({
    mutationFn: (tenantId: string | undefined) =>
      api.get('/api/admin/audit-logs/verify', { query: { tenant_id: tenantId } }),
  });
}

/** Hotels to choose a chain from. */
export function useTenantOptions() {
  return useQuery({
    queryKey: ['admin', 'hotels', 'options'],
    queryFn: ({ signal }) =>
      api.get('/api/admin/hotels', { query: { limit: 100, sort: 'name', include_deleted: true }, signal }),
    staleTime: 60_000,
  });
}
