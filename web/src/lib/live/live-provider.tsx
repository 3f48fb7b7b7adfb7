// The live connection of a signed-in hotel session, shared by every page
// under it: `LiveEventsProvider` opens one LiveClient per session key (user,
// hotel, impersonation) and closes it when the key changes or the provider
// unmounts (sign-out, another hotel, back to the admin panel). Pages read the
// connection state with `useLiveState()`; what an event changes in the cache
// is the caller's `onEvents`.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, isApiError, refreshSession, requestRaw, session } from '@/lib/api';
import { LiveClient, type EndReason, type LiveEvent, type LiveState, type ReadyInfo } from './live-client';

/** The connection state, or `off` where there is no live connection (no session, no permission). */
export type LiveStatus = LiveState | 'off';

const LiveStateContext = createContext<LiveStatus>('off');

export const HOTEL_EVENTS_PATH = '/api/hotel/events';

/**
 * Opens GET /api/hotel/events as a stream with the session's token, through
 * the app's client: a 401 refreshes the session once and retries (an
 * impersonation token ends the impersonation instead). `onToken` learns the
 * token the stream was opened with.
 */
export async function openHotelEvents(lastEventId: string | null, signal: AbortSignal, onToken?: (token: string) => void) {
  const token = session.activeToken();
  if (!token) throw new ApiError(401, { title: 'Signed out', detail: 'No session to stream events for.' });
  onToken?.(token);
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
  return requestRaw('GET', HOTEL_EVENTS_PATH, { headers, signal });
}

/** Refusals that asking again will not change: the client stops (and says offline). */
export function isFatalLiveError(e: unknown): boolean {
  return isApiError(e) && [400, 401, 403, 404].includes(e.status);
}

/** 429 too_many_streams or 503: the least delay its Retry-After asks for (0: none given), else null. */
export function liveThrottleMs(e: unknown): number | null {
  if (!isApiError(e) || (e.status !== 429 && e.status !== 503)) return null;
  return (e.retryAfterSeconds ?? 0) * 1000;
}

export interface LiveEventsProviderProps {
  /** Who the connection is for; another value reconnects, null closes it. */
  sessionKey: string | null;
  onEvents: (events: LiveEvent[]) => void;
  onReady?: (info: ReadyInfo) => void;
  /** The server ended the stream because the caller's permissions changed. */
  onAccessChanged?: () => void;
  children: ReactNode;
}

export function LiveEventsProvider({ sessionKey, onEvents, onReady, onAccessChanged, children }: LiveEventsProviderProps) {
  const [state, setState] = useState<LiveStatus>('off');
  const handlers = useRef({ onEvents, onReady, onAccessChanged });
  useEffect(() => {
    handlers.current = { onEvents, onReady, onAccessChanged };
  });

  useEffect(() => {
    if (sessionKey === null) {
      setState('off');
      return;
    }
    let streamToken: string | null = null;
    const client = new LiveClient({
      connect: (lastEventId, signal) =>
        openHotelEvents(lastEventId, signal, (token) => {
          streamToken = token;
        }),
      onEvents: (events) => handlers.current.onEvents(events),
      onReady: (info) => handlers.current.onReady?.(info),
      onState: setState,
      onEnd: async (reason: EndReason) => {
        if (reason === 'access_changed') handlers.current.onAccessChanged?.();
        // Renew the access token before reconnecting, unless another call did
        // already; an impersonation token cannot be renewed (the reconnect's
        // 401 ends the impersonation).
        if (reason === 'token_expired' && !session.impersonation() && session.activeToken() === streamToken) {
          await refreshSession();
        }
      },
      isFatal: isFatalLiveError,
      throttledFor: liveThrottleMs,
    });
    setState('connecting');
    client.start();
    const online = () => client.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      client.stop();
    };
  }, [sessionKey]);

  return <LiveStateContext.Provider value={state}>{children}</LiveStateContext.Provider>;
}

export function useLiveState(): LiveStatus {
  return useContext(LiveStateContext);
}
