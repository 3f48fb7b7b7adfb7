// The night audit on the property page over a scripted API: the business
// date and last audit are shown, departures still in house stop the audit
// and are listed, a forced run needs a reason, and the summary follows.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import type { NightAuditSummary } from '../common/front-office';
import { PROPERTY_ID, hotelMe, page, property } from '../test/fixtures';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

const eur = (amount_minor: number) => ({ amount_minor, currency: 'EUR' });
const summary: NightAuditSummary = {
  id: 'na1',
  property_id: PROPERTY_ID,
  business_date_closed: '2026-11-23',
  room_charges_posted: 3,
  amount_posted: eur(36000),
  no_shows: 1,
  cancelled: 0,
  rooms_available: 10,
  rooms_sold: 3,
  occupancy: 0.3,
  room_revenue: eur(36000),
  adr: eur(12000),
  revpar: eur(3600),
  forced: true,
  reason: 'Late departure agreed',
  run_by: 'u1',
  created_at: '2026-11-24T03:00:00Z',
};

describe('night audit', () => {
  it('lists pending departures, forces with a reason and shows the summary', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      [`GET /api/hotel/properties/${PROPERTY_ID}`]: () => ({ ...property(), business_date: '2026-11-23', last_audit_date: null, night_audit_time: '03:00' }),
      'GET /api/hotel/room-types': () => page([]),
      'GET /api/hotel/rooms': () => page([]),
      'GET /api/hotel/users': () => page([]),
      [`GET /api/hotel/properties/${PROPERTY_ID}/night-audits`]: () => page([]),
      [`POST /api/hotel/properties/${PROPERTY_ID}/night-audit`]: (c: ApiCall) =>
        (c.body as { force?: boolean }).force
          ? summary
          : jsonResponse(409, {
              title: 'Conflict',
              status: 409,
              code: 'departures_pending',
              detail: 'Departures are still in house.',
              reservations: [{ id: 'res1', confirmation_number: 'AUR-DEP001', guest_name: 'Ada Lovelace', check_out_date: '2026-11-23' }],
            }),
    });
    renderRoutes(routes, `/hotel/properties/${PROPERTY_ID}`);
    await screen.findByRole('heading', { name: 'Night audit' });
    expect(screen.getByText('Last night audit').nextSibling).toHaveTextContent('Never');
    expect(await screen.findByText('No night audit yet')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Run night audit' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Run night audit' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByRole('link', { name: 'AUR-DEP001' })).toHaveAttribute('href', '/hotel/reservations/res1');
    await user.click(within(dialog).getByRole('button', { name: 'Force night audit' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Late departure agreed');
    await user.click(within(dialog).getByRole('button', { name: 'Force night audit' }));
    const result = await screen.findByRole('list', { name: 'Night audit summary' });
    expect(within(result).getByRole('listitem', { name: 'Room nights posted' })).toHaveTextContent('3');
    expect(within(result).getByRole('listitem', { name: 'Occupancy' })).toHaveTextContent('30.0%');
    const posts = calls.filter((c) => c.path.endsWith('/night-audit')).map((c) => c.body);
    expect(posts).toEqual([{ business_date: '2026-11-23' }, { business_date: '2026-11-23', force: true, reason: 'Late departure agreed' }]);
  });

  it('offers no run without hotel:night_audit:run', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:properties:read', 'hotel:night_audit:read'])),
      [`GET /api/hotel/properties/${PROPERTY_ID}`]: () => ({ ...property(), business_date: '2026-11-23', last_audit_date: '2026-11-22' }),
      [`GET /api/hotel/properties/${PROPERTY_ID}/night-audits`]: () => page([{ ...summary, forced: false, reason: null }]),
    });
    renderRoutes(routes, `/hotel/properties/${PROPERTY_ID}`);
    const table = await screen.findByRole('table', { name: 'Night audits' });
    expect(within(table).getByText('€360.00')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run night audit' })).toBeNull();
  });
});
