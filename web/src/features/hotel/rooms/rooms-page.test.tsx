// The rooms grid over a scripted API: filters from the address reach the
// API, a tile's menu changes the status with the version read, and a user who
// may only look gets tiles without menus.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { TYPE_ID, hotelMe, page, property, room } from '../test/fixtures';

// Whole pages render in jsdom: allow for a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

describe('rooms grid', () => {
  it('changes a room status from its tile with the version it read', async () => {
    const rooms = [room('r1', '101', 'dirty', 7), room('r2', '102')];
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      'GET /api/hotel/properties': () => page([property()]),
      'GET /api/hotel/room-types': () => page([]),
      'GET /api/hotel/rooms': (c: ApiCall) => page(rooms.filter((r) => !c.query.get('status') || r.status === c.query.get('status'))),
      'POST /api/hotel/rooms/r1/status': (c: ApiCall) => {
        rooms[0] = { ...rooms[0], status: (c.body as { status: 'clean' }).status, version: 8 };
        return jsonOk(rooms[0]);
      },
    });
    const { router } = renderRoutes(routes, `/hotel/rooms?status=dirty&room_type_id=${TYPE_ID}`);
    await screen.findByRole('button', { name: 'Room 101, Dirty' });
    expect(screen.queryByRole('button', { name: /Room 102/ })).toBeNull();
    const list = calls.find((c) => c.method === 'GET' && c.path === '/api/hotel/rooms')!;
    expect(list.query.get('status')).toBe('dirty');
    expect(list.query.get('room_type_id')).toBe(TYPE_ID);
    expect(within(screen.getByRole('list', { name: 'Rooms by status' })).getByText(/Dirty: 1/)).toBeInTheDocument();

    await router.navigate('/hotel/rooms');
    await screen.findByRole('button', { name: 'Room 102, Clean' });
    const tile = screen.getByRole('button', { name: 'Room 101, Dirty' });

    const user = userEvent.setup();
    await user.click(tile);
    // The current status is not offered.
    expect(screen.queryByRole('menuitem', { name: 'Dirty' })).toBeNull();
    await user.click(await screen.findByRole('menuitem', { name: 'Clean' }));
    expect(await screen.findByRole('button', { name: 'Room 101, Clean' })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path.startsWith('/api/hotel/'))!;
    expect(post.path).toBe('/api/hotel/rooms/r1/status');
    expect(post.body).toEqual({ status: 'clean', version: 7 });
  });

  it('shows a user who may only read rooms plain tiles, no menus and no New room', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:rooms:read'])),
      'GET /api/hotel/rooms': () => page([room('r1', '101', 'out_of_order')]),
    });
    renderRoutes(routes, '/hotel/rooms');
    const tile = await screen.findByRole('listitem', { name: 'Room 101, Out of order' });
    expect(within(tile).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /Room 101/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New room' })).toBeNull();
    // Without properties:read the property filter is not offered.
    expect(screen.queryByLabelText('Property')).toBeNull();
  });
});

function jsonOk(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}
