// This hotel's audit trail: /api/hotel/audit-logs.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';
import { hotelKeys } from '../common/keys';

export type AuditEntry = Schemas['AuditEntry'];
export type HotelAuditParams = NonNullable<QueryParams<'/api/hotel/audit-logs', 'get'>>;

export function useHotelAudit(params: HotelAuditParams) {
  return useQuery({
    queryKey: [...hotelKeys.audit, params],
    queryFn: ({ signal }) => api.get('/api/hotel/audit-logs', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
