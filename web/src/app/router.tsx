// The route tree: /login, /admin/* and /hotel/* (each behind sign-in and its
// panel), `/` to the user's home, anything else the 404 page.
import { Navigate, createBrowserRouter, useRouteError, type RouteObject } from 'react-router-dom';
import { ErrorState, NotFoundPage } from '@/components/error-pages';
import { LiveStatusIndicator } from '@/components/live-status';
import { LoginPage } from '@/features/auth/login-page';
import { useAuth, homeFor } from '@/lib/auth/auth-context';
import { adminNav, adminRoutes } from './adminRoutes';
import { HomeRedirect, RequireAuth, RequirePanel } from './guards';
import { HotelLive } from './hotel-live';
import { hotelNav, hotelRoutes } from './hotelRoutes';
import { ImpersonationBanner } from './impersonation-banner';
import { PanelShell } from './panel-shell';

function RouteError() {
  const error = useRouteError();
  return <ErrorState error={error} onRetry={() => window.location.reload()} />;
}

function PanelNotFound() {
  const { me } = useAuth();
  return <NotFoundPage home={me ? homeFor(me) : '/'} />;
}

export const routes: RouteObject[] = [
  { path: '/', element: <HomeRedirect /> },
  { path: '/login', element: <LoginPage /> },
  {
    path: '/admin',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <RequirePanel panel="admin">
          <PanelShell panel="Admin panel" nav={adminNav} />
        </RequirePanel>
      </RequireAuth>
    ),
    children: [{ index: true, element: <Navigate to="dashboard" replace /> }, ...adminRoutes, { path: '*', element: <PanelNotFound /> }],
  },
  {
    path: '/hotel',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <RequirePanel panel="hotel">
          <HotelLive>
            <PanelShell panel="Hotel panel" nav={hotelNav} banner={<ImpersonationBanner />} status={<LiveStatusIndicator />} />
          </HotelLive>
        </RequirePanel>
      </RequireAuth>
    ),
    children: [{ index: true, element: <Navigate to="dashboard" replace /> }, ...hotelRoutes, { path: '*', element: <PanelNotFound /> }],
  },
  { path: '*', element: <NotFoundPage /> },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
