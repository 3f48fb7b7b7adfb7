// Creating a property over a scripted API: inline validation first, then the
// server's 422 field errors and its 409 "code taken" on their inputs.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { hotelMe, page } from '../test/fixtures';

// Whole pages render in jsdom: allow for a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

describe('new property', () => {
  it('validates inline, then shows the server field errors next to the fields', async () => {
    let attempt = 0;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:properties:read', 'hotel:properties:create'])),
      'GET /api/hotel/properties': () => page([]),
      'POST /api/hotel/properties': (c: ApiCall) => {
        attempt += 1;
        if (attempt === 1) {
          return jsonResponse(422, {
            title: 'Unprocessable Content',
            status: 422,
            code: 'validation_failed',
            detail: 'The request has invalid fields.',
            errors: { currency: 'must be an ISO 4217 code' },
          });
        }
        return jsonResponse(409, { title: 'Conflict', status: 409, code: 'code_taken', detail: `The code ${(c.body as { code: string }).code} is taken.` });
      },
    });
    renderRoutes(routes, '/hotel/properties');
    await screen.findByText('No properties yet');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New property' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await within(dialog).findByText('2 to 20 letters, digits or hyphens')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/hotel/properties')).toBe(false);

    await user.type(within(dialog).getByLabelText(/^Name/), 'Aurora Lisboa');
    await user.type(within(dialog).getByLabelText(/^Code/), 'aur');
    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await within(dialog).findByText('must be an ISO 4217 code')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/hotel/properties')!;
    expect(post.body).toMatchObject({ name: 'Aurora Lisboa', code: 'AUR', currency: 'EUR', check_in_time: '15:00', check_out_time: '11:00' });

    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await within(dialog).findByText('The code AUR is taken.')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
