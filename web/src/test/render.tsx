// Test helpers: render a route tree with every provider over a scripted API
// (fetch replaced by a table of "METHOD /path" handlers).
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter, type RouteObject } from 'react-router-dom';
import { vi } from 'vitest';
import { theme } from '@/lib/theme';
import { AuthProvider, type Me } from '@/lib/auth/auth-context';

export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type ApiHandler = (call: ApiCall) => unknown | Response | Promise<unknown | Response>;

export function jsonResponse(status: number, body: unknown) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Replaces fetch; unknown routes answer 404. Returns the list of calls made. */
export function mockApi(routes: Record<string, ApiHandler>) {
  const calls: ApiCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const call: ApiCall = {
        method: (init.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        body: init.body ? JSON.parse(init.body as string) : undefined,
        headers: (init.headers ?? {}) as Record<string, string>,
      };
      calls.push(call);
      const handler = routes[`${call.method} ${call.path}`];
      if (!handler) return jsonResponse(404, { title: 'Not Found', status: 404, code: 'route_not_found' });
      const out = await handler(call);
      if (out instanceof Response) return out;
      return jsonResponse(call.method === 'POST' ? 201 : 200, out);
    }),
  );
  return calls;
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-7000-8000-000000000001',
    email: 'ada@platform.test',
    first_name: 'Ada',
    last_name: 'Admin',
    user_type: 'admin',
    tenant: null,
    roles: ['super-admin'],
    permissions: [
      'admin:dashboard:read',
      'admin:hotels:read',
      'admin:hotels:create',
      'admin:hotels:update',
      'admin:hotels:delete',
      'admin:hotels:impersonate',
      'admin:audit:read',
      'admin:impersonation:read',
    ],
    impersonation: null,
    tenants: [],
    ...overrides,
  };
}

/** Routes that sign `me` in silently (refresh cookie, then /me). */
export function signedInAs(me: Me): Record<string, ApiHandler> {
  return {
    'POST /api/auth/refresh': () => jsonResponse(200, { access_token: 'access-1', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, user: me }),
    'GET /api/auth/me': () => me,
  };
}

/** Renders the routes at `path`; the session (tokens) is the caller's to set up and clear. */
export function renderRoutes(routes: RouteObject[], path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme}>
        <Notifications />
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </MantineProvider>
    </QueryClientProvider>,
  );
  return { ...utils, router };
}
