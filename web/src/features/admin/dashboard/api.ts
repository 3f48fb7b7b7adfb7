// GET /api/admin/dashboard.
import { useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api';

export interface AdminDashboard {
  hotels: { total: number; by_status: Record<string, number>; by_type: Record<string, number> };
  users: { platform: number; hotel: number };
  active_impersonations: number;
  reservations_last_30_days: {
    since: string;
    total: number;
    by_tenant: { tenant_id: string; name: string; slug: string; count: number }[];
  };
  recent_audit: {
    id: string;
    tenant_id: string | null;
    actor_email: string | null;
    action: string;
    resource_type: string;
    resource_id: string | null;
    created_at: string;
  }[];
}

export function useAdminDashboard() {
  return useQuery({
    queryKey: ['admin', 'dashboard'],
    queryFn: ({ signal }) => request<AdminDashboard>('GET', '/api/admin/dashboard', { signal }),
  });
}
