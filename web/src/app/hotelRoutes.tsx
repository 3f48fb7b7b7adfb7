// The hotel panel's pages and navigation (children of /hotel). Each route
// guards its permission; each nav item is shown only with its permission.
import type { RouteObject } from 'react-router-dom';
import { AuditPage } from '@/features/audit/audit-page';
import { HotelDashboardPage } from '@/features/hotel/dashboard/dashboard-page';
import { FrontDeskPage } from '@/features/hotel/front-desk/front-desk-page';
import { GuestDetailPage } from '@/features/hotel/guests/guest-detail-page';
import { GuestsPage } from '@/features/hotel/guests/guests-page';
import { IncidentsPage } from '@/features/hotel/incidents/incidents-page';
import { PropertiesPage } from '@/features/hotel/properties/properties-page';
import { PropertyDetailPage } from '@/features/hotel/properties/property-detail-page';
import { HotelReportsPage } from '@/features/hotel/reports/reports-page';
import { AvailabilityPage } from '@/features/hotel/reservations/availability-page';
import { BookingPage } from '@/features/hotel/reservations/booking-page';
import { ReservationDetailPage } from '@/features/hotel/reservations/reservation-detail-page';
import { ReservationsPage } from '@/features/hotel/reservations/reservations-page';
import { RoomRackPage } from '@/features/hotel/room-rack/room-rack-page';
import { RoomsPage } from '@/features/hotel/rooms/rooms-page';
import { RoleEditorPage } from '@/features/roles/role-editor-page';
import { RolesPage } from '@/features/roles/roles-page';
import { StaffPage } from '@/features/staff/staff-page';
import { Landing, guarded } from './guards';
import type { NavItem } from './nav';

export const hotelNav: NavItem[] = [
  { label: 'Dashboard', to: '/hotel/dashboard', permission: 'hotel:dashboard:read' },
  { label: 'Front desk', to: '/hotel/front-desk', permission: 'hotel:reservations:read' },
  { label: 'Room rack', to: '/hotel/room-rack', permission: 'hotel:reservations:read' },
  { label: 'Reservations', to: '/hotel/reservations', permission: 'hotel:reservations:read' },
  { label: 'Availability', to: '/hotel/availability', permission: 'hotel:reservations:read' },
  { label: 'Rooms', to: '/hotel/rooms', permission: 'hotel:rooms:read' },
  { label: 'Guests', to: '/hotel/guests', permission: 'hotel:guests:read' },
  { label: 'Incidents', to: '/hotel/incidents', permission: 'hotel:incidents:read' },
  { label: 'Reports', to: '/hotel/reports', permission: 'hotel:reports:read' },
  { label: 'Properties', to: '/hotel/properties', permission: 'hotel:properties:read' },
  { label: 'Staff', to: '/hotel/staff', permission: 'hotel:users:read' },
  { label: 'Roles', to: '/hotel/roles', permission: 'hotel:roles:read' },
  { label: 'Audit log', to: '/hotel/audit', permission: 'hotel:audit:read' },
];

export const hotelRoutes: RouteObject[] = [
  {
    path: 'dashboard',
    element: (
      <Landing code="hotel:dashboard:read" nav={hotelNav}>
        <HotelDashboardPage />
      </Landing>
    ),
  },
  { path: 'reservations', element: guarded('hotel:reservations:read', <ReservationsPage />) },
  { path: 'reservations/new', element: guarded('hotel:reservations:create', <BookingPage />) },
  { path: 'reservations/:id', element: guarded('hotel:reservations:read', <ReservationDetailPage />) },
  { path: 'front-desk', element: guarded('hotel:reservations:read', <FrontDeskPage />) },
  { path: 'room-rack', element: guarded('hotel:reservations:read', <RoomRackPage />) },
  { path: 'availability', element: guarded('hotel:reservations:read', <AvailabilityPage />) },
  { path: 'rooms', element: guarded('hotel:rooms:read', <RoomsPage />) },
  { path: 'guests', element: guarded('hotel:guests:read', <GuestsPage />) },
  { path: 'guests/:id', element: guarded('hotel:guests:read', <GuestDetailPage />) },
  { path: 'incidents', element: guarded('hotel:incidents:read', <IncidentsPage />) },
  { path: 'reports', element: guarded('hotel:reports:read', <HotelReportsPage />) },
  { path: 'properties', element: guarded('hotel:properties:read', <PropertiesPage />) },
  { path: 'properties/:id', element: guarded('hotel:properties:read', <PropertyDetailPage />) },
  { path: 'staff', element: guarded('hotel:users:read', <StaffPage panel="hotel" />) },
  { path: 'roles', element: guarded('hotel:roles:read', <RolesPage panel="hotel" />) },
  { path: 'roles/new', element: guarded('hotel:roles:create', <RoleEditorPage panel="hotel" />) },
  { path: 'roles/:id', element: guarded('hotel:roles:read', <RoleEditorPage panel="hotel" />) },
  { path: 'audit', element: guarded('hotel:audit:read', <AuditPage panel="hotel" />) },
];
