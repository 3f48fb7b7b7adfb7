// Creating a property over a scripted API: inline validation first, then the
// server's 422 field errors and its 409 "code taken" on their inputs; the
// night audit's time and the VAT rate (a percentage, sent in basis points)
// on create and, only when changed, on edit.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { PROPERTY_ID, hotelMe, page, property } from '../test/fixtures';

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
    expect(post.body).toMatchObject({
      name: 'Aurora Lisboa',
      code: 'AUR',
      currency: 'EUR',
      check_in_time: '15:00',
      check_out_time: '11:00',
      night_audit_time: '03:00',
      vat_rate_bp: 0,
    });

    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await within(dialog).findByText('The code AUR is taken.')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});

describe('night audit time and VAT rate', () => {
  it('validates both inline and creates with the VAT rate in basis points', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:properties:read', 'hotel:properties:create'])),
      'GET /api/hotel/properties': () => page([]),
      'POST /api/hotel/properties': (c: ApiCall) => ({ ...property(), ...(c.body as object) }),
    });
    renderRoutes(routes, '/hotel/properties');
    await screen.findByText('No properties yet');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New property' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Aurora Lisboa');
    await user.type(within(dialog).getByLabelText(/^Code/), 'aur');
    const auditAt = within(dialog).getByLabelText(/^Night audit at/);
    const vat = within(dialog).getByLabelText(/^VAT included in prices/);
    expect(auditAt).toHaveValue('03:00');
    await user.clear(auditAt);
    await user.clear(vat);
    await user.type(vat, '150');
    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await within(dialog).findByText('A time such as 15:00')).toBeInTheDocument();
    expect(within(dialog).getByText('At most 100 %')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/hotel/properties')).toBe(false);

    await user.type(auditAt, '04:30');
    await user.clear(vat);
    await user.type(vat, '7.5');
    await user.click(within(dialog).getByRole('button', { name: 'Create property' }));
    expect(await screen.findByText('Aurora Lisboa was created.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/hotel/properties')!;
    expect(post.body).toMatchObject({ code: 'AUR', night_audit_time: '04:30', vat_rate_bp: 750 });
  });

  it('shows them as a percentage when editing and sends only the one changed', async () => {
    const current = { ...property(), night_audit_time: '02:30', vat_rate_bp: 1000 };
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:properties:read', 'hotel:properties:update'])),
      [`GET /api/hotel/properties/${PROPERTY_ID}`]: () => current,
      'GET /api/hotel/room-types': () => page([]),
      'GET /api/hotel/rooms': () => page([]),
      [`PATCH /api/hotel/properties/${PROPERTY_ID}`]: (c: ApiCall) => ({ ...current, ...(c.body as object), version: 2 }),
    });
    renderRoutes(routes, `/hotel/properties/${PROPERTY_ID}`);
    expect((await screen.findByText('VAT rate')).nextSibling).toHaveTextContent('10 %');
    expect(screen.getByText('Night audit at').nextSibling).toHaveTextContent('02:30');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog');
    const vat = within(dialog).getByLabelText(/^VAT included in prices/);
    expect(within(dialog).getByLabelText(/^Night audit at/)).toHaveValue('02:30');
    expect(vat).toHaveValue('10');
    await user.clear(vat);
    await user.type(vat, '12.25');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Aurora Lisboa was saved.')).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toMatchObject({ vat_rate_bp: 1225, version: 1 });
    expect(patch.body).not.toHaveProperty('night_audit_time');
  });
});
