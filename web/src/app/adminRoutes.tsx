// The admin panel's pages and navigation (children of /admin).
import type { RouteObject } from 'react-router-dom';
import { AdminDashboardPage } from '@/features/admin/dashboard/dashboard-page';
import { guarded } from './guards';
import type { NavItem } from './nav';

export const adminNav: NavItem[] = [{ label: 'Dashboard', to: '/admin/dashboard', permission: 'admin:dashboard:read' }];

export const adminRoutes: RouteObject[] = [
  { path: 'dashboard', element: guarded('admin:dashboard:read', <AdminDashboardPage />) },
];
