// The front desk over a scripted API: the three lists ask the reservations
// list for the property's business date, arrivals still to come are checked
// in (into a free room, or one the server picks), departures show their
// balance and check out, in-house stays open their folio.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session, type Schemas } from '@/lib/api';
import { mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { PROPERTY_ID, TYPE_ID, hotelMe, page, property, reservation, room } from '../test/fixtures';
import { keepForList, listQuery } from './api';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

const D = '2026-11-23';

function stay(id: string, guest: string, status: Schemas['ReservationStatus'], over: Partial<Schemas['Reservation']> = {}) {
  const { status_history: _h, ...r } = reservation(status);
  return { ...r, id, guest_name: guest, confirmation_number: `AUR-${id}`, ...over };
}

describe('front desk lists', () => {
  it('asks for arrivals, departures and stays in house of the date', () => {
    expect(listQuery('arrivals', 'p', D)).toMatchObject({ property_id: 'p', check_in_date: D });
    expect(listQuery('departures', 'p', D)).toMatchObject({ property_id: 'p', check_out_date: D, status: 'checked_in' });
    expect(listQuery('in_house', 'p', D)).toMatchObject({ property_id: 'p', status: 'checked_in' });
    expect(['pending', 'confirmed', 'checked_in', 'cancelled', 'no_show'].filter((s) => keepForList('arrivals', { status: s as 'pending' }))).toEqual([
      'pending',
      'confirmed',
    ]);
  });

  it('checks an arrival in to the room chosen, and shows departures with their balance', async () => {
    const arrivals = [stay('ARR001', 'Grace Hopper', 'confirmed'), stay('ARR002', 'Alan Turing', 'cancelled')];
    const departures = [stay('DEP001', 'Ada Lovelace', 'checked_in', { balance: { amount_minor: 4500, currency: 'EUR' }, check_out_date: D })];
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      'GET /api/hotel/properties': () => page([{ ...property(), business_date: D }]),
      'GET /api/hotel/rooms': () => page([room('r1', '101', 'clean'), room('r2', '102', 'dirty')]),
      'GET /api/hotel/users': () => page([]),
      'GET /api/hotel/reservations': (c: ApiCall) => {
        if (c.query.get('check_in_date') === D) return page(arrivals);
        if (c.query.get('check_out_date') === D) return page(departures);
        return page(departures);
      },
      'GET /api/hotel/availability': () => ({
        property_id: PROPERTY_ID,
        check_in: D,
        check_out: '2026-11-25',
        nights: 2,
        room_types: [{ room_type_id: TYPE_ID, free_room_ids: ['r2'] }],
      }),
      'POST /api/hotel/reservations/ARR001/check-in': () => ({ ...arrivals[0], status: 'checked_in', version: 4 }),
      'POST /api/hotel/reservations/DEP001/check-out': () => ({ ...departures[0], status: 'checked_out' }),
    });
    renderRoutes(routes, '/hotel/front-desk');
    await screen.findByText(/Business date/);
    const table = await screen.findByRole('table', { name: 'Arrivals' });
    expect(within(table).getByText('Grace Hopper')).toBeInTheDocument();
    expect(within(table).queryByText('Alan Turing')).toBeNull();
    const list = calls.find((c) => c.path === '/api/hotel/reservations' && c.query.get('check_in_date'))!;
    expect(list.query.get('property_id')).toBe(PROPERTY_ID);

    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: 'Check in Grace Hopper' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('textbox', { name: 'Room' }));
    await user.click(await screen.findByRole('option', { name: 'Room 102 (dirty)', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Check in' }));
    expect(await screen.findByText('Grace Hopper is checked in (AUR-ARR001).')).toBeInTheDocument();
    const post = calls.find((c) => c.path.endsWith('/check-in'))!;
    expect(post.body).toEqual({ version: 3, room_id: 'r2' });

    await user.click(screen.getByRole('tab', { name: /Departures/ }));
    const out = await screen.findByRole('table', { name: 'Departures' });
    expect(within(out).getByText('€45.00')).toBeInTheDocument();
    await user.click(within(out).getByRole('button', { name: 'Check out Ada Lovelace' }));
    const d2 = await screen.findByRole('dialog');
    expect(within(d2).getByText(/The balance of €45\.00 is still open/)).toBeInTheDocument();
    await user.click(within(d2).getByRole('button', { name: 'Check out' }));
    expect(await screen.findByText('AUR-DEP001 is now checked out.')).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: /In house/ }));
    const inHouse = await screen.findByRole('table', { name: 'In house' });
    expect(within(inHouse).getByRole('link', { name: 'Open folio of Ada Lovelace' })).toHaveAttribute('href', '/hotel/reservations/DEP001#folio');
    await waitFor(() => expect(calls.some((c) => c.query.get('status') === 'checked_in' && !c.query.get('check_out_date'))).toBe(true));
  });

  it('reads the business date from the room rack for a user who may not read properties', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:rooms:read'])),
      'GET /api/hotel/rooms': () => page([room('r1', '101')]),
      'GET /api/hotel/room-rack': (c: ApiCall) => ({
        property_id: PROPERTY_ID,
        from: c.query.get('from'),
        to: c.query.get('to'),
        business_date: D,
        room_types: [],
        rooms: [],
        stays: [],
      }),
      'GET /api/hotel/reservations': () => page([]),
    });
    renderRoutes(routes, '/hotel/front-desk');
    await screen.findByText('No arrivals left today');
    const arrivals = calls.find((c) => c.path === '/api/hotel/reservations' && c.query.get('check_in_date'))!;
    expect(arrivals.query.get('check_in_date')).toBe(D);
    expect(calls.some((c) => c.path === '/api/hotel/properties')).toBe(false);
    // Looking is all this user may do: no check-in buttons are offered anywhere.
    expect(screen.queryByRole('button', { name: /^Check in/ })).toBeNull();
  });
});
