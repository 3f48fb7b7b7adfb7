// The route tree with its guards over a scripted API: sign-in and back,
// panels, permissions, 404 from the API, the hotel form's server errors and
// the impersonation banner.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { session } from '@/lib/api';
import { jsonResponse, makeMe, mockApi, renderRoutes, signedInAs } from '@/test/render';
import { routes } from './router';

const hotel = {
  id: '01a20000-0000-7000-8000-0000000000aa',
  name: 'Aurora Grand',
  slug: 'aurora-grand',
  type: 'INDEPENDENT',
  status: 'ACTIVE',
  status_reason: null,
  email: 'desk@aurora.test',
  phone: null,
  address: {},
  config: {},
  subscription: {},
  metadata: {},
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
  deleted_at: null,
  version: 3,
  subscription_tier: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

describe('routing and guards', () => {
  it('sends an anonymous visitor to /login and back to the page after sign-in', async () => {
    const me = makeMe();
    const calls = mockApi({
      'POST /api/auth/refresh': () => jsonResponse(401, { title: 'Unauthorized', code: 'invalid_refresh_token' }),
      'POST /api/auth/login': (c) =>
        (c.body as { password: string }).password === 'right-password'
          ? jsonResponse(200, { access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer', expires_in: 900, user: me })
          : jsonResponse(401, { title: 'Unauthorized', code: 'invalid_credentials' }),
      'GET /api/admin/hotels': () => ({ items: [hotel], page: 1, limit: 20, total: 1 }),
    });
    const { router } = renderRoutes(routes, '/admin/hotels?status=ACTIVE');
    await screen.findByRole('heading', { name: 'Sign in to Keycard' });
    expect(router.state.location.pathname).toBe('/login');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Email/), 'ada@platform.test');
    await user.type(screen.getByLabelText(/Password/), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong email or password.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/Password/));
    await user.type(screen.getByLabelText(/Password/), 'right-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const table = await screen.findByRole('table', { name: 'Hotels' });
    expect(within(table).getByText('Aurora Grand')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/hotels');
    expect(router.state.location.search).toBe('?status=ACTIVE');
    const list = calls.find((c) => c.path === '/api/admin/hotels')!;
    expect(list.query.get('status')).toBe('ACTIVE');
    expect(list.headers.Authorization).toBe('Bearer a1');
  });

  it('shows the 403 page to a hotel user on an admin page', async () => {
    const me = makeMe({
      user_type: 'hotel',
      tenant: { id: hotel.id, name: 'Aurora', slug: 'aurora', status: 'ACTIVE' },
      permissions: ['hotel:dashboard:read'],
    });
    mockApi(signedInAs(me));
    renderRoutes(routes, '/admin/dashboard');
    expect(await screen.findByRole('heading', { name: 'You do not have access to this page' })).toBeInTheDocument();
  });

  it('hides what the user may not open and refuses it by address', async () => {
    const me = makeMe({ permissions: ['admin:hotels:read', 'admin:dashboard:read'] });
    mockApi({
      ...signedInAs(me),
      'GET /api/admin/dashboard': () => ({
        hotels: { total: 0, by_status: {}, by_type: {} },
        users: { platform: 1, hotel: 0 },
        active_impersonations: 0,
        reservations_last_30_days: { since: '2026-10-01T00:00:00Z', total: 0, by_tenant: [] },
        recent_audit: [],
      }),
    });
    const { router } = renderRoutes(routes, '/admin/dashboard');
    await screen.findByRole('heading', { name: 'Platform dashboard' });
    const nav = screen.getByRole('navigation', { name: 'Admin panel navigation' });
    expect(within(nav).getByRole('link', { name: 'Hotels' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Platform staff' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();

    await router.navigate('/admin/staff');
    expect(await screen.findByRole('heading', { name: 'You do not have access to this page' })).toBeInTheDocument();
  });

  it('shows the 404 page for an id the API does not know', async () => {
    mockApi({
      ...signedInAs(makeMe()),
      'GET /api/admin/hotels/01a20000-0000-7000-8000-0000000000bb': () =>
        jsonResponse(404, { title: 'Not Found', status: 404, code: 'not_found' }),
    });
    renderRoutes(routes, '/admin/hotels/01a20000-0000-7000-8000-0000000000bb');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('session end', () => {
  it('returns to the login page when the session cannot be refreshed, then back to the page', async () => {
    const me = makeMe({ permissions: ['admin:hotels:read', 'admin:audit:read'] });
    let expired = false;
    let refreshes = 0;
    mockApi({
      'POST /api/auth/refresh': () => {
        refreshes += 1;
        return expired
          ? jsonResponse(401, { title: 'Unauthorized', code: 'invalid_refresh_token' })
          : jsonResponse(200, { access_token: 'access-1', expires_in: 900 });
      },
      'GET /api/auth/me': () => me,
      'GET /api/admin/hotels': (c) =>
        c.headers.Authorization === 'Bearer access-2' || !expired
          ? { items: [hotel], page: 1, limit: 20, total: 1 }
          : jsonResponse(401, { title: 'Unauthorized', code: 'token_expired' }),
      'GET /api/admin/audit-logs': (c) =>
        c.headers.Authorization === 'Bearer access-2'
          ? { items: [], page: 1, limit: 25, total: 0 }
          : jsonResponse(401, { title: 'Unauthorized', code: 'token_expired' }),
      'POST /api/auth/login': () =>
        jsonResponse(200, { access_token: 'access-2', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900, user: me }),
    });
    const { router } = renderRoutes(routes, '/admin/hotels');
    await screen.findByRole('table', { name: 'Hotels' });

    expired = true;
    await router.navigate('/admin/audit?action=hotel');
    await screen.findByRole('heading', { name: 'Sign in to Keycard' });
    expect(screen.getByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/admin/audit?action=hotel');
    expect(refreshes).toBe(2);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Email/), me.email);
    await user.type(screen.getByLabelText(/Password/), 'any-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Audit log' });
    expect(router.state.location.pathname + router.state.location.search).toBe('/admin/audit?action=hotel');
  });

  it('sends the admin back to the hotel when the impersonation lapses', async () => {
    session.setImpersonation({
      accessToken: 'imp-1',
      sessionId: 's1',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      tenantId: hotel.id,
      tenantName: 'Aurora Grand',
    });
    const adminMe = makeMe();
    const hotelMe = makeMe({
      user_type: 'hotel',
      tenant: { id: hotel.id, name: 'Aurora Grand', slug: 'aurora-grand', status: 'ACTIVE' },
      permissions: ['hotel:dashboard:read'],
    });
    let meCalls = 0;
    mockApi({
      'POST /api/auth/refresh': () => jsonResponse(200, { access_token: 'admin-1', expires_in: 900 }),
      'GET /api/auth/me': (c) => {
        meCalls += 1;
        return c.headers.Authorization === 'Bearer imp-1' ? hotelMe : adminMe;
      },
      // The server has ended the session: the impersonation token is refused
      // (and an admin token has no business in the hotel panel).
      'GET /api/hotel/dashboard': (c) =>
        c.headers.Authorization === 'Bearer imp-1'
          ? jsonResponse(401, { title: 'Unauthorized', code: 'impersonation_ended' })
          : jsonResponse(403, { title: 'Forbidden', code: 'wrong_panel' }),
      [`GET /api/admin/hotels/${hotel.id}`]: () => ({ ...hotel, counts: { properties: 0, rooms: 0, users: 1, reservations: 0 } }),
    });
    const { router } = renderRoutes(routes, '/hotel/dashboard');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/hotels/${hotel.id}`));
    expect(await screen.findByRole('heading', { name: /Aurora Grand/ })).toBeInTheDocument();
    expect(await screen.findByText(/The impersonation session in Aurora Grand has ended/)).toBeInTheDocument();
    expect(session.impersonation()).toBeNull();
    expect(meCalls).toBeGreaterThanOrEqual(2);
  });
});

describe('switching hotels', () => {
  it('moves a hotel user who belongs to two hotels to the other one', async () => {
    const a = { id: '01a20000-0000-7000-8000-00000000000a', name: 'Aurora', slug: 'aurora', status: 'ACTIVE' as const };
    const b = { id: '01a20000-0000-7000-8000-00000000000b', name: 'Harbour Inn', slug: 'harbour', status: 'TRIAL' as const };
    const base = { user_type: 'hotel' as const, permissions: ['hotel:dashboard:read' as const], tenants: [a, b] };
    const inA = makeMe({ ...base, tenant: a });
    const inB = makeMe({ ...base, tenant: b });
    const dashboard = {
      property_id: null, date: '2026-11-23', arrivals: 0, departures: 0, in_house: 0, rooms_available: 0,
      rooms_sold: 0, occupancy: 0, open_incidents: 0, currency: null, room_revenue: null, adr: null, revpar: null,
    };
    const calls = mockApi({
      ...signedInAs(inA),
      'GET /api/hotel/dashboard': () => dashboard,
      'POST /api/auth/switch-tenant': () =>
        jsonResponse(200, { access_token: 'access-b', refresh_token: 'rb', token_type: 'Bearer', expires_in: 900, user: inB }),
    });
    renderRoutes(routes, '/hotel/dashboard');
    expect(await screen.findByText('Aurora at a glance')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Harbour Inn' }));
    expect(await screen.findByText('Harbour Inn at a glance')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/auth/switch-tenant')!.body).toEqual({ tenant_id: b.id });
    expect(calls.filter((c) => c.path === '/api/hotel/dashboard').at(-1)!.headers.Authorization).toBe('Bearer access-b');
  });
});

describe('hotel form', () => {
  it("shows the server's 422 field errors next to the fields", async () => {
    const calls = mockApi({
      ...signedInAs(makeMe()),
      'POST /api/admin/hotels': () =>
        jsonResponse(422, {
          title: 'Unprocessable Content',
          status: 422,
          code: 'validation_failed',
          detail: 'The request has invalid fields.',
          errors: { email: 'this domain does not accept mail', 'manager.password': 'is too common' },
        }),
    });
    renderRoutes(routes, '/admin/hotels/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Name/), 'Harbour Inn');
    expect(screen.getByLabelText(/^Slug/)).toHaveValue('harbour-inn');
    await user.type(screen.getByLabelText(/^Contact email/), 'desk@harbour.test');
    await user.type(screen.getByLabelText(/^Manager email/), 'max@harbour.test');
    await user.type(screen.getByLabelText(/^Manager password/), 'password123');
    await user.type(screen.getByLabelText(/^Manager first name/), 'Max');
    await user.type(screen.getByLabelText(/^Manager last name/), 'Moor');
    await user.click(screen.getByRole('button', { name: 'Create hotel' }));

    expect(await screen.findByText('this domain does not accept mail')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Contact email/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('is too common')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/admin/hotels')!;
    expect(post.body).toMatchObject({
      name: 'Harbour Inn',
      slug: 'harbour-inn',
      type: 'INDEPENDENT',
      manager: { email: 'max@harbour.test', first_name: 'Max', last_name: 'Moor' },
    });
  });

  it('validates inline without calling the server', async () => {
    const calls = mockApi(signedInAs(makeMe()));
    renderRoutes(routes, '/admin/hotels/new');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Slug/), 'Not A Slug');
    await user.click(screen.getByRole('button', { name: 'Create hotel' }));
    expect(await screen.findByText('Lower-case letters, digits and single hyphens')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/admin/hotels')).toBe(false);
  });
});

describe('impersonation banner', () => {
  it('names the hotel and the admin, and End session returns to the hotel in the admin panel', async () => {
    const expiresAt = new Date(Date.now() + 25 * 60_000 + 30_000).toISOString();
    session.setImpersonation({ accessToken: 'imp-1', sessionId: 's1', expiresAt, tenantId: hotel.id, tenantName: 'Aurora Grand' });
    const hotelMe = makeMe({
      user_type: 'hotel',
      tenant: { id: hotel.id, name: 'Aurora Grand', slug: 'aurora-grand', status: 'ACTIVE' },
      permissions: ['hotel:dashboard:read'],
      impersonation: {
        session_id: 's1',
        tenant_id: hotel.id,
        tenant_name: 'Aurora Grand',
        admin_user_id: '00000000-0000-7000-8000-000000000001',
        admin_email: 'ada@platform.test',
        started_at: new Date().toISOString(),
        expires_at: expiresAt,
      },
    });
    const adminMe = makeMe();
    const calls = mockApi({
      'POST /api/auth/refresh': () => jsonResponse(200, { access_token: 'admin-1', expires_in: 900 }),
      'GET /api/auth/me': (c) => (c.headers.Authorization === 'Bearer imp-1' ? hotelMe : adminMe),
      'GET /api/hotel/dashboard': () => ({
        property_id: null,
        date: '2026-11-23',
        arrivals: 2,
        departures: 1,
        in_house: 5,
        rooms_available: 10,
        rooms_sold: 5,
        occupancy: 0.5,
        open_incidents: 0,
        currency: 'EUR',
        room_revenue: { amount_minor: 50000, currency: 'EUR' },
        adr: { amount_minor: 10000, currency: 'EUR' },
        revpar: { amount_minor: 5000, currency: 'EUR' },
      }),
      'POST /api/admin/impersonation/end': (c) =>
        c.headers.Authorization === 'Bearer imp-1'
          ? jsonResponse(200, { access_token: 'admin-2', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900, user: adminMe })
          : jsonResponse(401, {}),
      [`GET /api/admin/hotels/${hotel.id}`]: () => ({ ...hotel, counts: { properties: 1, rooms: 10, users: 3, reservations: 7 } }),
    });
    const { router } = renderRoutes(routes, '/hotel/dashboard');
    const banner = await screen.findByTestId('impersonation-banner');
    expect(banner).toHaveTextContent('Acting as Aurora Grand');
    expect(banner).toHaveTextContent('ada@platform.test');
    expect(banner).toHaveTextContent('25 min left');
    expect(await screen.findByText('50.0%')).toBeInTheDocument();

    await userEvent.setup().click(within(banner).getByRole('button', { name: 'End session' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/hotels/${hotel.id}`));
    expect(await screen.findByRole('heading', { name: /Aurora Grand/ })).toBeInTheDocument();
    expect(screen.queryByTestId('impersonation-banner')).toBeNull();
    expect(session.impersonation()).toBeNull();
    expect(calls.filter((c) => c.path === `/api/admin/hotels/${hotel.id}`).at(-1)!.headers.Authorization).toBe('Bearer admin-2');
  });
});
