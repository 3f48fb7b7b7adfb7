// The single HTTP client of the web app. Every call goes through `request`:
// it adds the bearer token, turns errors into ApiError (problem details), and
// on a 401 refreshes the session once (rotating the refresh cookie) and
// retries. Concurrent 401s share one refresh; tabs share it through the Web
// Locks API, because presenting a refresh token that another tab has just
// spent would revoke the whole session family.
import { ApiError, problemFromResponse } from './errors';
import { session, type ImpersonationState } from './session';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** false: send no token and never refresh (login, refresh itself). */
  auth?: boolean;
}

export interface SessionHandlers {
  /** The refresh failed: the user must sign in again. */
  onSessionExpired?: () => void;
  /** An impersonation token was refused (session ended or expired). */
  onImpersonationExpired?: (state: ImpersonationState) => void;
}

let handlers: SessionHandlers = {};
export function setSessionHandlers(h: SessionHandlers) {
  handlers = h;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function rawFetch(method: string, path: string, opts: RequestOptions, token: string | null) {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
  }
}

export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

let refreshing: Promise<boolean> | null = null;

async function doRefresh(): Promise<boolean> {
  // The refresh token travels in the HttpOnly cookie; an empty body asks the
  // server to use it.
  const res = await rawFetch('POST', '/api/auth/refresh', { body: {}, auth: false }, null).catch(() => null);
  if (!res || !res.ok) return false;
  const answer = (await res.json()) as TokenAnswer;
  session.setAccessToken(answer.access_token);
  return true;
}

/** Refreshes the platform/hotel session once, however many callers ask at the same time. */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks ? locks.request('keycard-refresh', () => doRefresh()).then((ok) => ok) : doRefresh();
    const shared = run.finally(() => {
      refreshing = null;
    });
    refreshing = shared;
    return shared;
  }
  return refreshing;
}

async function parseBody(res: Response): Promise<unknown> {
  if (res.status === 204 || res.status === 205) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return JSON.parse(text);
  return text;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  return (await parseBody(res)) as T;
}

/** Like request, but answers the Response itself (downloads). */
export function requestRaw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  return send(method, path, opts);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const useAuth = opts.auth !== false;
  const token = useAuth ? session.activeToken() : null;
  const res = await rawFetch(method, path, opts, token);
  if (res.status !== 401 || !useAuth) {
    if (!res.ok) throw await problemFromResponse(res);
    return res;
  }

  const problem = await problemFromResponse(res);
  const impersonation = session.impersonation();
  if (token && impersonation && token === impersonation.accessToken) {
    // Impersonation tokens cannot be refreshed: the session is over.
    session.setImpersonation(null);
    handlers.onImpersonationExpired?.(impersonation);
    throw problem;
  }
  // Another call may have refreshed while this one was in flight.
  const current = session.activeToken();
  const refreshed = (current !== null && current !== token) || (await refreshSession());
  if (!refreshed) {
    session.clear();
    handlers.onSessionExpired?.();
    throw problem;
  }
  const retry = await rawFetch(method, path, opts, session.activeToken());
  if (!retry.ok) {
    const again = await problemFromResponse(retry);
    if (retry.status === 401) {
      session.clear();
      handlers.onSessionExpired?.();
    }
    throw again;
  }
  return retry;
}
