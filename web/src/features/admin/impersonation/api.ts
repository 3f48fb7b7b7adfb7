// Impersonation sessions: /api/admin/impersonation/sessions.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams, type Schemas } from '@/lib/api';

export type ImpersonationSession = Schemas['ImpersonationSession'];
export type SessionParams = NonNullable<QueryParams<'/api/admin/impersonation/sessions', 'get'>>;

export function useImpersonationSessions(params: SessionParams) {
  return useQuery({
    queryKey: ['admin', 'impersonation', params],
    queryFn: ({ signal }) => api.get('/api/admin/impersonation/sessions', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
