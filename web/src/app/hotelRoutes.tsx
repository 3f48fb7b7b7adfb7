// The hotel panel's pages and navigation (children of /hotel). Each route
// guards its permission; each nav item is shown only with its permission.
import type { RouteObject } from 'react-router-dom';
import { HotelDashboardPage } from '@/features/hotel/dashboard/dashboard-page';
import { Landing } from './guards';
import type { NavItem } from './nav';

export const hotelNav: NavItem[] = [{ label: 'Dashboard', to: '/hotel/dashboard', permission: 'hotel:dashboard:read' }];

export const hotelRoutes: RouteObject[] = [
  {
    path: 'dashboard',
    element: (
      <Landing code="hotel:dashboard:read" nav={hotelNav}>
        <HotelDashboardPage />
      </Landing>
    ),
  },
];
