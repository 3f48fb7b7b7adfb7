// The room rack over a scripted API: one call for the window from the
// business date, rooms by type with their housekeeping status, stays as
// bars (unassigned ones in a lane), the window moved and resized through the
// URL, and a bar dropped onto another room posting assign-room (a 409 shows
// the server's detail).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import type { RackStay, RoomRack } from '../common/front-office';
import { PROPERTY_ID, TYPE_ID, hotelMe, page, property, room } from '../test/fixtures';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

const BUSINESS_DATE = '2026-12-04';
const eur = (amount_minor: number) => ({ amount_minor, currency: 'EUR' });

const stay = (id: string, guest: string, over: Partial<RackStay>): RackStay => ({
  reservation_id: id,
  confirmation_number: `AUR-${id}`,
  guest_name: guest,
  room_id: null,
  room_type_id: TYPE_ID,
  status: 'confirmed',
  check_in_date: BUSINESS_DATE,
  check_out_date: '2026-12-06',
  version: 2,
  balance: eur(0),
  ...over,
});

function rack(from: string, to: string): RoomRack {
  return {
    property_id: PROPERTY_ID,
    from,
    to,
    business_date: BUSINESS_DATE,
    room_types: [{ id: TYPE_ID, code: 'DBL', name: 'Double' }],
    rooms: [
      { id: 'r1', room_number: '101', floor: 1, room_type_id: TYPE_ID, status: 'clean', occupied: true },
      { id: 'r2', room_number: '102', floor: 1, room_type_id: TYPE_ID, status: 'dirty', occupied: false },
      { id: 'r3', room_number: '103', floor: 1, room_type_id: TYPE_ID, status: 'out_of_order', occupied: false },
    ],
    stays: [
      stay('AAAAAA', 'Ada Lovelace', { room_id: 'r1', status: 'checked_in', check_in_date: '2026-12-02' }),
      stay('BBBBBB', 'Grace Hopper', {}),
    ],
  };
}

function dataTransfer() {
  const data: Record<string, string> = {};
  return { setData: (k: string, v: string) => (data[k] = v), getData: (k: string) => data[k] ?? '', effectAllowed: '', dropEffect: '' };
}

function drag(bar: HTMLElement, row: HTMLElement) {
  const dt = dataTransfer();
  fireEvent.dragStart(bar, { dataTransfer: dt });
  fireEvent.dragOver(row, { dataTransfer: dt });
  fireEvent.drop(row, { dataTransfer: dt });
  fireEvent.dragEnd(bar, { dataTransfer: dt });
}

function api(assign: (c: ApiCall) => unknown) {
  return mockApi({
    ...signedInAs(hotelMe(['hotel:*'])),
    'GET /api/hotel/properties': () => page([{ ...property(), business_date: BUSINESS_DATE }]),
    'GET /api/hotel/room-rack': (c: ApiCall) => rack(c.query.get('from') ?? '', c.query.get('to') ?? ''),
    'POST /api/hotel/reservations/BBBBBB/assign-room': assign,
  });
}

describe('room rack', () => {
  it('draws the rooms and stays of 14 days from the business date, and moves the window', async () => {
    const calls = api(() => ({}));
    const { router } = renderRoutes(routes, '/hotel/room-rack');
    const table = await screen.findByRole('table', { name: 'Room rack' });
    const first = calls.find((c) => c.path === '/api/hotel/room-rack')!;
    expect(Object.fromEntries(first.query)).toEqual({ property_id: PROPERTY_ID, from: BUSINESS_DATE, to: '2026-12-18' });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(15);

    const room101 = within(table).getByRole('row', { name: 'Room 101, Clean' });
    const ada = within(room101).getByRole('link', { name: 'Ada Lovelace, AUR-AAAAAA, Checked in' });
    // Arrived before the window: clipped at its start, two nights shown.
    expect(ada).toHaveAttribute('data-clip-start', 'true');
    expect(ada.style.width).toBe('calc(2 * var(--kc-rack-day-w) - 4px)');
    expect(ada).toHaveAttribute('href', '/hotel/reservations/AAAAAA');
    expect(ada).toHaveAttribute('draggable', 'false');
    expect(within(table).getByRole('row', { name: 'Room 103, Out of order' })).toHaveAttribute('data-closed', 'true');
    const lane = within(table).getByRole('row', { name: 'Unassigned stays' });
    expect(within(lane).getByRole('link', { name: /Grace Hopper/ })).toHaveAttribute('draggable', 'true');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next 14 days' }));
    await waitFor(() => expect(router.state.location.search).toContain('from=2026-12-18'));
    await user.click(screen.getByText('7 days'));
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/hotel/room-rack' && c.query.get('from') === '2026-12-18' && c.query.get('to') === '2026-12-25')).toBe(true),
    );
  });

  it('assigns a room by dropping a stay onto its row, and shows a refusal', async () => {
    let refuse = false;
    const calls = api(() =>
      refuse
        ? jsonResponse(409, { title: 'Conflict', status: 409, code: 'room_unavailable', detail: 'Room 101 is held by another stay on these nights.' })
        : { id: 'BBBBBB' },
    );
    renderRoutes(routes, '/hotel/room-rack');
    const table = await screen.findByRole('table', { name: 'Room rack' });
    const bar = () => within(within(table).getByRole('row', { name: 'Unassigned stays' })).getByRole('link', { name: /Grace Hopper/ });

    // An out-of-order room does not take the stay.
    drag(bar(), within(table).getByRole('row', { name: 'Room 103, Out of order' }));
    drag(bar(), within(table).getByRole('row', { name: 'Room 102, Dirty' }));
    expect(await screen.findByText('Room 102 is held for AUR-BBBBBB.')).toBeInTheDocument();
    const posts = calls.filter((c) => c.path.endsWith('/assign-room'));
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ room_id: 'r2', version: 2 });

    refuse = true;
    const before = calls.filter((c) => c.path === '/api/hotel/room-rack').length;
    drag(bar(), within(table).getByRole('row', { name: 'Room 101, Clean' }));
    expect(await screen.findByText('Room 101 is held by another stay on these nights.')).toBeInTheDocument();
    // Refused or not, the rack is read again.
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/hotel/room-rack').length).toBeGreaterThan(before));
  });

  it('lets a user who may not change reservations look but not drag', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:rooms:read'])),
      'GET /api/hotel/rooms': () => page([room('r1', '101')]),
      'GET /api/hotel/room-rack': (c: ApiCall) => rack(c.query.get('from') ?? '', c.query.get('to') ?? ''),
    });
    renderRoutes(routes, '/hotel/room-rack');
    const table = await screen.findByRole('table', { name: 'Room rack' });
    expect(within(table).getByRole('link', { name: /Grace Hopper/ })).toHaveAttribute('draggable', 'false');
  });
});
