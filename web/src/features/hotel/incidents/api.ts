// Incidents: /api/hotel/incidents (one query per board column).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyParams, type QueryParams, type Schemas } from '@/lib/api';
import { hotelKeys, invalidateHotel } from '../common/keys';

export type Incident = Schemas['Incident'];
export type IncidentStatus = Schemas['IncidentStatus'];
export type IncidentSeverity = Schemas['IncidentSeverity'];
export type IncidentListParams = NonNullable<QueryParams<'/api/hotel/incidents', 'get'>>;

export const INCIDENT_STATUSES: IncidentStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
export const INCIDENT_SEVERITIES: IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];
export const INCIDENT_CATEGORIES = ['maintenance', 'housekeeping', 'complaint', 'security', 'lost_and_found', 'other'];

export function useIncidents(params: IncidentListParams) {
  return useQuery({
    queryKey: [...hotelKeys.incidents, 'list', params],
    queryFn: ({ signal }) => api.get('/api/hotel/incidents', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyParams<'/api/hotel/incidents', 'post'>) => api.post('/api/hotel/incidents', { body }),
    onSuccess: () => invalidateHotel(qc, 'incidents', 'dashboard'),
  });
}

export function useUpdateIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyParams<'/api/hotel/incidents/{id}', 'patch'> }) =>
      api.patch('/api/hotel/incidents/{id}', { params: { id }, body }),
    onSuccess: () => invalidateHotel(qc, 'incidents', 'dashboard'),
  });
}

export function useDeleteIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/api/hotel/incidents/{id}', { params: { id } }),
    onSuccess: () => invalidateHotel(qc, 'incidents', 'dashboard'),
  });
}

/** The neighbouring columns of a status on the board (for ← and → moves). */
export function neighbours(status: IncidentStatus): { prev: IncidentStatus | null; next: IncidentStatus | null } {
  const i = INCIDENT_STATUSES.indexOf(status);
  return { prev: i > 0 ? INCIDENT_STATUSES[i - 1] : null, next: i < INCIDENT_STATUSES.length - 1 ? INCIDENT_STATUSES[i + 1] : null };
}
