// The admin panel's pages and navigation (children of /admin). Each route
// guards its permission; each nav item is shown only with its permission.
import { Suspense, lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { PageLoader } from '@/components/error-pages';
import { HotelCreatePage } from '@/features/admin/hotels/hotel-create-page';
import { HotelDetailPage } from '@/features/admin/hotels/hotel-detail-page';
import { HotelsPage } from '@/features/admin/hotels/hotels-page';
import { SessionsPage } from '@/features/admin/impersonation/sessions-page';
import { AdminReportsPage } from '@/features/admin/reports/reports-page';
import { AuditPage } from '@/features/audit/audit-page';
import { RoleEditorPage } from '@/features/roles/role-editor-page';
import { RolesPage } from '@/features/roles/roles-page';
import { StaffPage } from '@/features/staff/staff-page';
import { Landing, guarded } from './guards';
import type { NavItem } from './nav';

// The charts library is large: load it with the dashboard only.
const AdminDashboardPage = lazy(() =>
  import('@/features/admin/dashboard/dashboard-page').then((m) => ({ default: m.AdminDashboardPage })),
);

export const adminNav: NavItem[] = [
  { label: 'Dashboard', to: '/admin/dashboard', permission: 'admin:dashboard:read' },
  { label: 'Hotels', to: '/admin/hotels', permission: 'admin:hotels:read' },
  { label: 'Platform staff', to: '/admin/staff', permission: 'admin:users:read' },
  { label: 'Roles', to: '/admin/roles', permission: 'admin:roles:read' },
  { label: 'Audit log', to: '/admin/audit', permission: 'admin:audit:read' },
  { label: 'Impersonation', to: '/admin/impersonation', permission: 'admin:impersonation:read' },
  { label: 'Reports', to: '/admin/reports', permission: 'admin:reports:read' },
];

export const adminRoutes: RouteObject[] = [
  {
    path: 'dashboard',
    element: (
      <Landing code="admin:dashboard:read" nav={adminNav}>
        <Suspense fallback={<PageLoader />}>
          <AdminDashboardPage />
        </Suspense>
      </Landing>
    ),
  },
  { path: 'hotels', element: guarded('admin:hotels:read', <HotelsPage />) },
  { path: 'hotels/new', element: guarded('admin:hotels:create', <HotelCreatePage />) },
  { path: 'hotels/:id', element: guarded('admin:hotels:read', <HotelDetailPage />) },
  { path: 'staff', element: guarded('admin:users:read', <StaffPage panel="admin" />) },
  { path: 'roles', element: guarded('admin:roles:read', <RolesPage panel="admin" />) },
  { path: 'roles/new', element: guarded('admin:roles:create', <RoleEditorPage panel="admin" />) },
  { path: 'roles/:id', element: guarded('admin:roles:read', <RoleEditorPage panel="admin" />) },
  { path: 'audit', element: guarded('admin:audit:read', <AuditPage panel="admin" />) },
  { path: 'impersonation', element: guarded('admin:impersonation:read', <SessionsPage />) },
  { path: 'reports', element: guarded('admin:reports:read', <AdminReportsPage />) },
];
