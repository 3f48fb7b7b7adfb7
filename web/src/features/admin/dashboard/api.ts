// GET /api/admin/dashboard.
import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/lib/api';

export type AdminDashboard = Schemas['AdminDashboard'];

export function useAdminDashboard() {
  return useQuery({
    queryKey: ['admin', 'dashboard'],
    queryFn: ({ signal }) => api.get('/api/admin/dashboard', { signal }),
  });
}
