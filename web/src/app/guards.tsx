// Route guards: signed in (else /login, then back), the right panel, a
// permission (else the 403 page).
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ForbiddenPage, PageLoader } from '@/components/error-pages';
import { homeFor, useAuth } from '@/lib/auth/auth-context';
import { visibleNav, type NavItem } from './nav';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageLoader label="Signing in" />;
  if (status === 'anonymous') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}

export function RequirePanel({ panel, children }: { panel: 'admin' | 'hotel'; children: ReactNode }) {
  const { me, impersonationLapsed } = useAuth();
  if (!me) return null;
  if (panel === 'hotel' && me.user_type === 'admin' && impersonationLapsed) {
    // The impersonation expired under the admin's feet: back to that hotel.
    return <Navigate to={`/admin/hotels/${impersonationLapsed.tenantId}`} replace />;
  }
  if (me.user_type !== panel) return <ForbiddenPage home={homeFor(me)} />;
  return <>{children}</>;
}

export function RequirePermission({ code, children }: { code: string; children: ReactNode }) {
  const { me, can } = useAuth();
  if (!can(code)) return <ForbiddenPage home={me ? homeFor(me) : '/'} />;
  return <>{children}</>;
}

/** Shorthand for route tables: `element: guarded('hotel:rooms:read', <RoomsPage />)`. */
export function guarded(code: string, element: ReactNode) {
  return <RequirePermission code={code}>{element}</RequirePermission>;
}

/** `/` and anything before sign-in lands here. */
export function HomeRedirect() {
  const { status, me } = useAuth();
  if (status === 'loading') return <PageLoader label="Signing in" />;
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={homeFor(me)} replace />;
}

/**
 * A panel's landing page (its dashboard): a user without its permission is
 * sent to the first page of the panel they may open instead of a 403.
 */
export function Landing({ code, nav, children }: { code: string; nav: readonly NavItem[]; children: ReactNode }) {
  const { me, can } = useAuth();
  if (can(code)) return <>{children}</>;
  const first = visibleNav(nav, can)[0];
  if (first) return <Navigate to={first.to} replace />;
  return <ForbiddenPage home={me ? homeFor(me) : '/'} />;
}
