// The hotel panel's live updates: one connection for the signed-in hotel
// session (it lives as long as the /hotel shell, across its pages), whose
// events invalidate the queries that show the changed resource. A new user,
// another hotel or another impersonation is a new connection.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { invalidateForEvents, invalidateLoadedHotelData } from '@/features/hotel/common/live-updates';
import { useAuth } from '@/lib/auth/auth-context';
import type { LiveEvent, ReadyInfo } from '@/lib/live/live-client';
import { LiveEventsProvider } from '@/lib/live/live-provider';

export function HotelLive({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const { me, impersonation, can, reloadMe } = useAuth();
  const sessionKey =
    me && me.user_type === 'hotel' && me.tenant && can('hotel:events:read')
      ? `${me.id}:${me.tenant.id}:${impersonation?.sessionId ?? ''}`
      : null;

  const onEvents = useCallback((events: LiveEvent[]) => invalidateForEvents(qc, events), [qc]);
  const onReady = useCallback(
    (info: ReadyInfo) => {
      if (!info.resumed) invalidateLoadedHotelData(qc);
    },
    [qc],
  );
  const onAccessChanged = useCallback(() => void reloadMe(), [reloadMe]);

  return (
    <LiveEventsProvider sessionKey={sessionKey} onEvents={onEvents} onReady={onReady} onAccessChanged={onAccessChanged}>
      {children}
    </LiveEventsProvider>
  );
}
