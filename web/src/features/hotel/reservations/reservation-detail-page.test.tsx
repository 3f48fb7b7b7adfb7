// The reservation page over a scripted API: only the moves the status and
// the role allow, a cancellation needs a reason, a payment carries an
// Idempotency-Key that a retry repeats.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { hotelMe, page, property, reservation } from '../test/fixtures';

const R = reservation('confirmed');
const PATH = `/hotel/reservations/${R.id}`;
const ACTIONS = ['Confirm', 'Check in', 'Check out', 'Cancel reservation', 'Mark no-show'];

// Whole pages render in jsdom: allow for a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

function lookups() {
  return {
    'GET /api/hotel/properties': () => page([property()]),
    'GET /api/hotel/room-types': () => page([]),
    'GET /api/hotel/rooms': () => page([]),
    'GET /api/hotel/users': () => page([]),
    'GET /api/hotel/availability': () => ({ property_id: R.property_id, check_in: R.check_in_date, check_out: R.check_out_date, nights: 2, room_types: [] }),
  };
}

const offered = () => screen.queryAllByRole('button').map((b) => b.textContent ?? '').filter((t) => ACTIONS.includes(t));

describe('reservation page', () => {
  it('offers only what a confirmed stay allows, and cancels only with a reason', async () => {
    let current = R;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${PATH.replace('/hotel', '/api/hotel')}`]: () => current,
      [`GET /api/hotel/reservations/${R.id}/payments`]: () => ({ ...page([]), reservation_id: R.id, total: R.total, paid: R.paid, balance: R.balance }),
      [`POST /api/hotel/reservations/${R.id}/cancel`]: (c: ApiCall) => {
        current = { ...R, status: 'cancelled', version: 4, cancel_reason: (c.body as { reason: string }).reason };
        return current;
      },
    });
    renderRoutes(routes, PATH);
    await screen.findByRole('heading', { name: /AUR-7K2QX9/ });
    expect(offered()).toEqual(['Check in', 'Mark no-show', 'Cancel reservation']);
    expect(within(screen.getByRole('group', { name: 'Balance' })).getByText('€240.00')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel reservation' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel reservation' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/cancel'))).toBe(false);

    await user.type(within(dialog).getByLabelText(/Reason/), 'Guest called');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel reservation' }));
    await screen.findByText(/AUR-7K2QX9 is now cancelled/);
    const cancel = calls.find((c) => c.path.endsWith('/cancel'))!;
    expect(cancel.body).toEqual({ version: 3, reason: 'Guest called' });
    await waitFor(() => expect(offered()).toEqual([]));
  });

  it('shows a read-only user no action, no edit and no payments', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read'])),
      ...lookups(),
      [`GET /api/hotel/reservations/${R.id}`]: () => R,
    });
    renderRoutes(routes, PATH);
    await screen.findByRole('heading', { name: /AUR-7K2QX9/ });
    expect(offered()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Payments' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Room assignment' })).toBeNull();
    expect(calls.some((c) => c.path.includes('/payments'))).toBe(false);
  });

  it('sends a payment with an Idempotency-Key and repeats that key when retrying after a lost answer', async () => {
    let attempts = 0;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:payments:read', 'hotel:payments:create'])),
      ...lookups(),
      [`GET /api/hotel/reservations/${R.id}`]: () => R,
      [`GET /api/hotel/reservations/${R.id}/payments`]: () => ({ ...page([]), reservation_id: R.id, total: R.total, paid: R.paid, balance: R.balance }),
      [`POST /api/hotel/reservations/${R.id}/payments`]: (c: ApiCall) => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        const amount = (c.body as { amount_minor: number }).amount_minor;
        return {
          id: 'p1',
          tenant_id: R.tenant_id,
          reservation_id: R.id,
          kind: 'payment',
          refund_of: null,
          amount: { amount_minor: amount, currency: 'EUR' },
          amount_minor: amount,
          currency: 'EUR',
          method: 'card',
          reference: null,
          reason: null,
          created_by: null,
          created_at: '2026-11-23T10:00:00Z',
          refunded: { amount_minor: 0, currency: 'EUR' },
          reservation: { reservation_id: R.id, total: R.total, paid: { amount_minor: amount, currency: 'EUR' }, balance: { amount_minor: 24000 - amount, currency: 'EUR' } },
        };
      },
    });
    renderRoutes(routes, PATH);
    await screen.findByRole('heading', { name: /AUR-7K2QX9/ });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Take payment' }));
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByLabelText(/Amount \(EUR\)/);
    expect(amount).toHaveValue('240.00');
    await user.clear(amount);
    await user.type(amount, '100.5');
    await user.click(within(dialog).getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText('Could not record the payment')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText(/€100\.50 received; balance €139\.50/)).toBeInTheDocument();

    const posts = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/payments'));
    expect(posts).toHaveLength(2);
    expect(posts[0].body).toEqual({ amount_minor: 10050, method: 'card' });
    const key = posts[0].headers['Idempotency-Key'];
    expect(key).toMatch(/.{16,}/);
    expect(posts[1].headers['Idempotency-Key']).toBe(key);
  });
});
