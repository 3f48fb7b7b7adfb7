// GET /api/hotel/dashboard (+ the property list for its filter).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api';

export interface Money {
  amount_minor: number;
  currency: string;
}

export interface HotelDashboard {
  property_id: string | null;
  date: string;
  arrivals: number;
  departures: number;
  in_house: number;
  rooms_available: number;
  rooms_sold: number;
  occupancy: number;
  open_incidents: number;
  currency: string | null;
  room_revenue: Money | null;
  adr: Money | null;
  revpar: Money | null;
}

export interface PropertyOption {
  id: string;
  name: string;
  code: string;
}

export function hotelDashboardQuery(params: { property_id?: string; date?: string }) {
  return queryOptions({
    queryKey: ['hotel', 'dashboard', params],
    queryFn: ({ signal }) => request<HotelDashboard>('GET', '/api/hotel/dashboard', { query: params, signal }),
  });
}

export function useHotelDashboard(params: { property_id?: string; date?: string }) {
  return useQuery(hotelDashboardQuery(params));
}

export function useDashboardProperties(enabled: boolean) {
  return useQuery({
    queryKey: ['hotel', 'properties', 'options'],
    queryFn: ({ signal }) =>
      request<{ items: PropertyOption[] }>('GET', '/api/hotel/properties', { query: { limit: 100 }, signal }),
    enabled,
  });
}
