// GET /api/hotel/dashboard (+ the property list for its filter).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api';

export type HotelDashboard = Schemas['HotelDashboard'];

export function hotelDashboardQuery(params: { property_id?: string; date?: string }) {
  return queryOptions({
    queryKey: ['hotel', 'dashboard', params],
    queryFn: ({ signal }) => api.get('/api/hotel/dashboard', { query: params, signal }),
  });
}

export function useHotelDashboard(params: { property_id?: string; date?: string }) {
  return useQuery(hotelDashboardQuery(params));
}

export function useDashboardProperties(enabled: boolean) {
  return useQuery({
    queryKey: ['hotel', 'properties', 'options'],
    queryFn: ({ signal }) => api.get('/api/hotel/properties', { query: { limit: 100 }, signal }),
    enabled,
  });
}
