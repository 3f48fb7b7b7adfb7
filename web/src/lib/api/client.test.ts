// The client's session logic against a scripted fetch: one refresh on 401,
// shared by concurrent calls; a failed refresh ends the session; problem
// details become ApiError with field errors; impersonation tokens are never
// refreshed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { buildUrl, request, setSessionHandlers } from './client';
import { session } from './session';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function authOf(init: RequestInit): string | undefined {
  return (init.headers as Record<string, string>).Authorization;
}

let calls: { url: string; init: RequestInit }[];
function mockFetch(handler: Handler) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return handler(url, init);
    }),
  );
}

beforeEach(() => {
  sessionStorage.clear();
  session.clear();
  setSessionHandlers({});
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('buildUrl', () => {
  it('leaves out empty values and repeats arrays', () => {
    expect(buildUrl('/api/x', { q: 'a b', status: '', page: 2, none: undefined, tag: ['x', 'y'] })).toBe(
      '/api/x?q=a+b&page=2&tag=x&tag=y',
    );
    expect(buildUrl('/api/x', {})).toBe('/api/x');
  });
});

describe('request', () => {
  it('sends the bearer token and parses JSON', async () => {
    session.setAccessToken('tok-1');
    mockFetch(() => json(200, { ok: true }));
    await expect(request('GET', '/api/auth/me')).resolves.toEqual({ ok: true });
    expect(authOf(calls[0].init)).toBe('Bearer tok-1');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    session.setAccessToken('old');
    mockFetch((url, init) => {
      if (url === '/api/auth/refresh') return json(200, { access_token: 'new', expires_in: 900 });
      return authOf(init) === 'Bearer new' ? json(200, { id: 1 }) : json(401, { title: 'Unauthorized' });
    });
    await expect(request('GET', '/api/admin/hotels')).resolves.toEqual({ id: 1 });
    expect(calls.map((c) => c.url)).toEqual(['/api/admin/hotels', '/api/auth/refresh', '/api/admin/hotels']);
    expect(session.accessToken()).toBe('new');
  });

  it('shares one refresh between concurrent 401s', async () => {
    session.setAccessToken('old');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    mockFetch(async (url, init) => {
      if (url === '/api/auth/refresh') {
        await gate;
        return json(200, { access_token: 'new', expires_in: 900 });
      }
      return authOf(init) === 'Bearer new' ? json(200, { url }) : json(401, {});
    });
    const all = Promise.all([request('GET', '/api/a'), request('GET', '/api/b'), request('GET', '/api/c')]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    await expect(all).resolves.toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh fails', async () => {
    session.setAccessToken('old');
    const expired = vi.fn();
    setSessionHandlers({ onSessionExpired: expired });
    mockFetch((url) =>
      url === '/api/auth/refresh' ? json(401, { code: 'invalid_refresh_token' }) : json(401, { code: 'invalid_token' }),
    );
    const err = (await request('GET', '/api/admin/hotels').catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(session.accessToken()).toBeNull();
  });

  it('does not loop when the retried call is refused again', async () => {
    session.setAccessToken('old');
    const expired = vi.fn();
    setSessionHandlers({ onSessionExpired: expired });
    mockFetch((url) => (url === '/api/auth/refresh' ? json(200, { access_token: 'new', expires_in: 900 }) : json(401, {})));
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(3);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for calls made without auth (login)', async () => {
    mockFetch(() => json(401, { title: 'Unauthorized', detail: 'Wrong email or password.' }));
    await expect(request('POST', '/api/auth/login', { body: {}, auth: false })).rejects.toMatchObject({
      status: 401,
      detail: 'Wrong email or password.',
    });
    expect(calls).toHaveLength(1);
  });

  it('turns problem details into ApiError with field errors', async () => {
    session.setAccessToken('t');
    mockFetch(() =>
      json(
        422,
        { title: 'Unprocessable Content', status: 422, code: 'validation_failed', detail: 'Invalid.', errors: { slug: 'bad' } },
        'application/problem+json',
      ),
    );
    const err = (await request('POST', '/api/admin/hotels', { body: { slug: 'X' } }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.errors).toEqual({ slug: 'bad' });
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ slug: 'X' });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('answers undefined for 204', async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(request('POST', '/api/auth/logout', { auth: false })).resolves.toBeUndefined();
  });

  it('uses the impersonation token and drops it on 401 instead of refreshing', async () => {
    session.setAccessToken('admin');
    session.setImpersonation({
      accessToken: 'imp',
      sessionId: 's',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      tenantId: 't1',
      tenantName: 'Aurora',
    });
    const ended = vi.fn();
    setSessionHandlers({ onImpersonationExpired: ended });
    mockFetch(() => json(401, { code: 'impersonation_ended' }));
    await expect(request('GET', '/api/hotel/dashboard')).rejects.toMatchObject({ status: 401 });
    expect(authOf(calls[0].init)).toBe('Bearer imp');
    expect(calls.some((c) => c.url === '/api/auth/refresh')).toBe(false);
    expect(session.impersonation()).toBeNull();
    expect(session.activeToken()).toBe('admin');
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended.mock.calls[0][0]).toMatchObject({ tenantId: 't1', tenantName: 'Aurora' });
  });
});

describe('session storage of impersonation', () => {
  it('survives a reload of the tab until it expires', () => {
    session.setImpersonation({
      accessToken: 'imp',
      sessionId: 's',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      tenantId: 't1',
      tenantName: 'Aurora',
    });
    session.reload();
    expect(session.impersonation()?.accessToken).toBe('imp');

    sessionStorage.setItem(
      'keycard.impersonation',
      JSON.stringify({ accessToken: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() }),
    );
    session.reload();
    expect(session.impersonation()).toBeNull();
  });
});
