// Who is signed in, what they may do, and the session's transitions: login,
// logout, the silent sign-in on load (refresh cookie), impersonation start/end.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, refreshSession, session, setSessionHandlers, type ImpersonationState, type Schemas } from '@/lib/api';
import { notifyError } from '@/lib/notify';
import { can as canWith } from './permissions';

export type Me = Schemas['Me'];

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  /** Why the last session ended, shown on the login page. */
  endedReason: 'expired' | null;
  /** The hotel whose impersonation the server ended (expired) while in use. */
  impersonationLapsed: { tenantId: string; tenantName: string } | null;
  impersonation: ImpersonationState | null;
  can: (code: string) => boolean;
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  reloadMe: () => Promise<Me | null>;
  startImpersonation: (tenantId: string, reason: string) => Promise<Me>;
  /** Ends the impersonation; answers the tenant id that was impersonated. */
  endImpersonation: () => Promise<string | null>;
  /** A hotel user who belongs to several hotels moves to another one. */
  switchTenant: (tenantId: string) => Promise<Me>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [endedReason, setEndedReason] = useState<'expired' | null>(null);
  const [impersonationLapsed, setImpersonationLapsed] = useState<AuthContextValue['impersonationLapsed']>(null);
  const [impersonation, setImpersonation] = useState(session.impersonation());

  useEffect(() => session.subscribe(() => setImpersonation(session.impersonation())), []);

  const fetchMe = useCallback(async () => {
    const answer = await api.get('/api/auth/me');
    setMe(answer);
    setStatus('authenticated');
    return answer;
  }, []);

  useEffect(() => {
    setSessionHandlers({
      onSessionExpired: () => {
        queryClient.clear();
        setMe(null);
        setEndedReason('expired');
        setStatus('anonymous');
      },
      onImpersonationExpired: (state) => {
        setImpersonationLapsed({ tenantId: state.tenantId, tenantName: state.tenantName });
        notifyError(
          new Error(`The impersonation session in ${state.tenantName} has ended. You are back in the admin panel.`),
          'Impersonation ended',
        );
        queryClient.clear();
        void fetchMe().catch(() => undefined);
      },
    });
    return () => setSessionHandlers({});
  }, [fetchMe, queryClient]);

  // On load: sign in silently through the refresh cookie.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const ok = session.accessToken() ? true : await refreshSession();
      if (cancelled) return;
      if (!ok) {
        session.setImpersonation(null);
        setStatus('anonymous');
        return;
      }
      try {
        await fetchMe();
      } catch {
        if (!cancelled) setStatus('anonymous');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [fetchMe]);

  const login = useCallback(
    async (email: string, password: string) => {
      const pair = await api.post('/api/auth/login', { body: { email, password }, auth: false });
      queryClient.clear();
      session.setImpersonation(null);
      session.setAccessToken(pair.access_token);
      setEndedReason(null);
      setImpersonationLapsed(null);
      setMe(pair.user);
      setStatus('authenticated');
      return pair.user;
    },
    [queryClient],
  );

  const endImpersonation = useCallback(async () => {
    const current = session.impersonation();
    if (!current) return null;
    try {
      const pair = await api.post('/api/admin/impersonation/end');
      session.setImpersonation(null);
      session.setAccessToken(pair.access_token);
      setMe(pair.user);
    } catch (e) {
      // The session may already be over on the server: drop the token anyway.
      session.setImpersonation(null);
      await fetchMe().catch(() => undefined);
      if (!isApiError(e) || e.status !== 401) throw e;
    } finally {
      queryClient.clear();
    }
    return current.tenantId;
  }, [fetchMe, queryClient]);

  const logout = useCallback(async () => {
    if (session.impersonation()) await endImpersonation().catch(() => undefined);
    await api.post('/api/auth/logout', { body: {}, auth: false }).catch(() => undefined);
    session.clear();
    queryClient.clear();
    setMe(null);
    setEndedReason(null);
    setStatus('anonymous');
  }, [endImpersonation, queryClient]);

  const startImpersonation = useCallback(
    async (tenantId: string, reason: string) => {
      const started = await api.post('/api/admin/impersonation/start', {
        body: { target_tenant_id: tenantId, reason },
      });
      setImpersonationLapsed(null);
      session.setImpersonation({
        accessToken: started.access_token,
        sessionId: started.session_id,
        expiresAt: started.expires_at,
        tenantId: started.tenant.id,
        tenantName: started.tenant.name,
      });
      queryClient.clear();
      return fetchMe();
    },
    [fetchMe, queryClient],
  );

  const switchTenant = useCallback(
    async (tenantId: string) => {
      const pair = await api.post('/api/auth/switch-tenant', { body: { tenant_id: tenantId } });
      queryClient.clear();
      session.setAccessToken(pair.access_token);
      setMe(pair.user);
      return pair.user;
    },
    [queryClient],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      me,
      endedReason,
      impersonationLapsed,
      impersonation,
      can: (code: string) => canWith(me?.permissions, code),
      login,
      logout,
      reloadMe: () => fetchMe().catch(() => null),
      startImpersonation,
      endImpersonation,
      switchTenant,
    }),
    [status, me, endedReason, impersonationLapsed, impersonation, login, logout, fetchMe, startImpersonation, endImpersonation, switchTenant],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The permission check for components: `const can = useCan(); can('hotel:rooms:status')`. */
export function useCan(): (code: string) => boolean {
  return useAuth().can;
}

/** Where a user lands after login. */
export function homeFor(me: Pick<Me, 'user_type'>): string {
  return me.user_type === 'admin' ? '/admin/dashboard' : '/hotel/dashboard';
}
