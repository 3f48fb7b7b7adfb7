// The reservation page's folio over a scripted API: its lines and totals, a
// charge posted with an Idempotency-Key, a correction that needs a reason,
// actions hidden without their permission, the check-out refused for an open
// balance and the override with a reason, no invoice section while the
// invoice routes answer 404, and an invoice reversed by a credit note for a
// reason (refused with the problem's detail when it already is).
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { session } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import type { Folio, FolioLine, Invoice } from '../common/front-office';
import { hotelMe, page, property, reservation } from '../test/fixtures';

vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  // The notifications' store outlives a test: a queue left behind delays the next one's.
  notifications.clean();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

const R = reservation('checked_in');
const PATH = `/hotel/reservations/${R.id}`;
const API = `/api/hotel/reservations/${R.id}`;
const eur = (amount_minor: number) => ({ amount_minor, currency: 'EUR' });

const roomNight: FolioLine = {
  id: 'l-room',
  kind: 'charge',
  charge_type: 'room',
  business_date: '2026-11-23',
  room_night: '2026-11-23',
  description: 'Room 101, night of 2026-11-23',
  quantity: 1,
  unit_price: eur(12000),
  amount: eur(12000),
  currency: 'EUR',
  corrects: null,
  corrected: eur(0),
  reason: null,
  method: null,
  posted_by: null,
  created_at: '2026-11-24T02:00:00Z',
};

function folio(lines: FolioLine[] = [roomNight]): Folio {
  const charges = lines.filter((l) => l.kind === 'charge').reduce((s, l) => s + l.amount.amount_minor, 0);
  return {
    reservation_id: R.id,
    currency: 'EUR',
    business_date: '2026-11-24',
    lines,
    totals: {
      charges: eur(charges),
      corrections: eur(0),
      payments: eur(0),
      refunds: eur(0),
      posted_balance: eur(charges),
      pending_room_nights: 1,
      pending_room_charges: eur(12000),
      total: eur(charges + 12000),
      paid: eur(0),
      balance: eur(charges + 12000),
    },
  };
}

function lookups() {
  return {
    'GET /api/hotel/properties': () => page([property()]),
    'GET /api/hotel/room-types': () => page([]),
    'GET /api/hotel/rooms': () => page([]),
    'GET /api/hotel/users': () => page([]),
    [`GET ${API}/payments`]: () => ({ ...page([]), reservation_id: R.id, total: R.total, paid: R.paid, balance: R.balance }),
  };
}

describe('folio on the reservation page', () => {
  it('lists the lines and totals and posts a charge with an Idempotency-Key', async () => {
    let current = folio();
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => current,
      [`POST ${API}/folio/charges`]: (c: ApiCall) => {
        const body = c.body as { quantity: number; unit_price_minor: number; description?: string };
        const line: FolioLine = {
          ...roomNight,
          id: 'l-minibar',
          charge_type: 'minibar',
          room_night: null,
          description: body.description ?? 'Minibar',
          quantity: body.quantity,
          unit_price: eur(body.unit_price_minor),
          amount: eur(body.quantity * body.unit_price_minor),
          posted_by: 'u1',
        };
        current = folio([roomNight, line]);
        return { line, totals: current.totals };
      },
    });
    renderRoutes(routes, PATH);
    const table = await screen.findByRole('table', { name: 'Folio lines' });
    expect(within(table).getByText('Room night')).toBeInTheDocument();
    expect(within(table).getByText('Night audit')).toBeInTheDocument();
    const totals = screen.getByRole('list', { name: 'Folio totals' });
    expect(within(totals).getByRole('listitem', { name: 'Pending room nights' })).toHaveTextContent('1€120.00 still to post');
    expect(within(totals).getByRole('listitem', { name: 'Balance' })).toHaveTextContent('€240.00');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Post charge' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Post charge' }));
    expect(await within(dialog).findByText('Enter a price')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Description/), '2 × water');
    await user.clear(within(dialog).getByLabelText(/Quantity/));
    await user.type(within(dialog).getByLabelText(/Quantity/), '2');
    await user.type(within(dialog).getByLabelText(/Unit price \(EUR\)/), '3.5');
    await user.click(within(dialog).getByRole('button', { name: 'Post charge' }));
    expect(await screen.findByText(/€7\.00 posted; balance/)).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path.endsWith('/folio/charges'))!;
    expect(post.body).toEqual({ charge_type: 'minibar', description: '2 × water', quantity: 2, unit_price_minor: 350 });
    expect(post.headers['Idempotency-Key']).toMatch(/.{16,}/);
    await within(await screen.findByRole('table', { name: 'Folio lines' })).findByText('2 × water');
  });

  it('corrects a charge only with a reason, sending the amount when one is typed', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`POST ${API}/folio/lines/l-room/correct`]: (c: ApiCall) => {
        const amount = (c.body as { amount_minor?: number }).amount_minor ?? 12000;
        return { line: { ...roomNight, id: 'l-corr', kind: 'correction', amount: eur(-amount), corrects: 'l-room' }, totals: folio().totals };
      },
    });
    renderRoutes(routes, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Correct room night of/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Correct' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Room moved, night refunded in part');
    await user.type(within(dialog).getByLabelText(/Amount \(EUR\)/), '40');
    await user.click(within(dialog).getByRole('button', { name: 'Correct' }));
    expect(await screen.findByText(/€40\.00 corrected/)).toBeInTheDocument();
    const post = calls.find((c) => c.path.endsWith('/correct'))!;
    expect(post.body).toEqual({ reason: 'Room moved, night refunded in part', amount_minor: 4000 });
  });

  it('hides posting and correcting from a user who may only read the folio, and shows no invoices while they answer 404', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:folios:read', 'hotel:invoices:read'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
    });
    renderRoutes(routes, PATH);
    await screen.findByRole('table', { name: 'Folio lines' });
    expect(screen.queryByRole('button', { name: 'Post charge' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Correct/ })).toBeNull();
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/invoices'))).toBe(true));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Invoices' })).toBeNull());
    expect(screen.queryByText(/Could not load/)).toBeNull();
  });

  it('lists invoices with a PDF download carrying the token, and issues one', async () => {
    const invoice = {
      id: 'inv1',
      kind: 'invoice',
      number: 'AUR-2026-000001',
      property_id: R.property_id,
      reservation_id: R.id,
      credit_of: null,
      issued_at: '2026-11-25T10:00:00Z',
      business_date: '2026-11-25',
      seller: { name: 'Aurora Lisboa', address: null },
      buyer: { name: 'Grace Hopper', email: null },
      lines: [],
      vat_rate_bp: 0,
      net: eur(24000),
      tax: eur(0),
      gross: eur(24000),
      paid: eur(24000),
      balance: eur(0),
      credited_by: null,
    };
    const created = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`GET ${API}/invoices`]: () => ({ items: [invoice] }),
      [`POST ${API}/invoice`]: () => {
        created();
        return { ...invoice, id: 'inv2', number: 'AUR-2026-000002' };
      },
      'GET /api/hotel/invoices/inv1.pdf': () =>
        new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="AUR-2026-000001.pdf"' } }),
    });
    renderRoutes(routes, PATH);
    const table = await screen.findByRole('table', { name: 'Invoices' });
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: 'PDF of AUR-2026-000001' }));
    expect(await screen.findByText('AUR-2026-000001.pdf was downloaded.')).toBeInTheDocument();
    const pdf = calls.find((c) => c.path === '/api/hotel/invoices/inv1.pdf')!;
    expect(pdf.headers.Authorization).toBe('Bearer access-1');
    await user.click(screen.getByRole('button', { name: 'Issue invoice' }));
    expect(await screen.findByText(/Invoice AUR-2026-000002 was issued/)).toBeInTheDocument();
    expect(created).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Registration card' })).toBeInTheDocument();
  });

  it('offers the registration card only to a user who may read guests (it prints their identity document)', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:folios:read', 'hotel:invoices:read'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`GET ${API}/invoices`]: () => ({ items: [] }),
    });
    renderRoutes(routes, PATH);
    await screen.findByRole('heading', { name: 'Invoices' });
    expect(screen.queryByRole('button', { name: 'Registration card' })).toBeNull();
  });
});

function invoiceOf(id: string, number: string, over: Partial<Invoice> = {}): Invoice {
  return {
    id,
    kind: 'invoice',
    number,
    property_id: R.property_id,
    reservation_id: R.id,
    credit_of: null,
    credited_by: null,
    business_date: '2026-11-25',
    issued_at: '2026-11-25T10:00:00Z',
    issued_by: null,
    seller: { name: 'Aurora Lisboa', address: null },
    buyer: { name: 'Grace Hopper', email: null },
    confirmation_number: R.confirmation_number,
    currency: 'EUR',
    lines: [],
    vat_rate_bp: 1000,
    net: eur(21818),
    tax: eur(2182),
    gross: eur(24000),
    paid: eur(24000),
    balance: eur(0),
    reason: null,
    ...over,
  };
}

describe('credit notes', () => {
  const reversed = invoiceOf('inv1', 'AUR-2026-000001', { credited_by: 'cn1' });
  const note = invoiceOf('cn1', 'AUR-2026-000002', {
    kind: 'credit_note',
    credit_of: 'inv1',
    gross: eur(-24000),
    paid: eur(0),
    balance: eur(-24000),
    reason: 'Billed to the company instead',
  });
  const open = invoiceOf('inv3', 'AUR-2026-000003');

  it('shows kind and reversal, and reverses an invoice only with a reason', async () => {
    let items = [reversed, note, open];
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`GET ${API}/invoices`]: () => ({ items }),
      'POST /api/hotel/invoices/inv3/credit-note': (c: ApiCall) => {
        const cn = invoiceOf('cn3', 'AUR-2026-000004', { kind: 'credit_note', credit_of: 'inv3', reason: (c.body as { reason: string }).reason });
        items = [reversed, note, { ...open, credited_by: 'cn3' }, cn];
        return cn;
      },
    });
    renderRoutes(routes, PATH);
    const table = await screen.findByRole('table', { name: 'Invoices' });
    const row = (n: string) => within(table).getByText(n).closest('tr')!;
    expect(row('AUR-2026-000001')).toHaveTextContent('Reversed by AUR-2026-000002');
    expect(row('AUR-2026-000001')).toHaveTextContent('Invoice');
    expect(row('AUR-2026-000002')).toHaveTextContent('Credit note');
    expect(row('AUR-2026-000002')).toHaveTextContent('Reverses AUR-2026-000001');
    // Only the invoice not yet reversed can be.
    expect(within(table).getAllByRole('button', { name: /^Credit note for/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Credit note for AUR-2026-000003',
    ]);

    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: 'Credit note for AUR-2026-000003' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/credit-note'))).toBe(false);
    await user.type(within(dialog).getByLabelText(/Reason/), 'Billed to the company instead');
    await user.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await screen.findByText('Credit note AUR-2026-000004 was issued.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.path.endsWith('/credit-note'))!;
    expect(post.body).toEqual({ reason: 'Billed to the company instead' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const refreshed = await screen.findByRole('table', { name: 'Invoices' });
    await within(refreshed).findByText('AUR-2026-000004');
    expect(within(refreshed).getByText('AUR-2026-000003').closest('tr')!).toHaveTextContent('Reversed by AUR-2026-000004');
    expect(within(refreshed).queryByRole('button', { name: /^Credit note for/ })).toBeNull();
  });

  it('shows the problem detail when the server refuses (409) and refreshes the list', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`GET ${API}/invoices`]: () => ({ items: [open] }),
      'POST /api/hotel/invoices/inv3/credit-note': () =>
        jsonResponse(409, { title: 'Conflict', status: 409, code: 'already_credited', detail: 'AUR-2026-000003 is already reversed.' }),
    });
    renderRoutes(routes, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Credit note for AUR-2026-000003' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Wrong guest');
    await user.click(within(dialog).getByRole('button', { name: 'Issue credit note' }));
    expect(await screen.findByText('AUR-2026-000003 is already reversed.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET' && c.path.endsWith('/invoices'))).toHaveLength(2));
  });

  it('offers no credit note without hotel:invoices:create', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:folios:read', 'hotel:invoices:read'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`GET ${API}/invoices`]: () => ({ items: [open] }),
    });
    renderRoutes(routes, PATH);
    const table = await screen.findByRole('table', { name: 'Invoices' });
    await within(table).findByText('AUR-2026-000003');
    expect(within(table).queryByRole('button', { name: /Credit note/ })).toBeNull();
  });
});

describe('check-out with an open balance', () => {
  it('shows the balance the server refused with and checks out anyway with a reason', async () => {
    let attempts = 0;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      ...lookups(),
      [`GET ${API}`]: () => ({ ...R, version: attempts > 0 ? 4 : 3 }),
      [`GET ${API}/folio`]: () => folio(),
      [`POST ${API}/check-out`]: (c: ApiCall) => {
        attempts += 1;
        if (!(c.body as { reason?: string }).reason)
          return jsonResponse(409, {
            title: 'Conflict',
            status: 409,
            code: 'balance_outstanding',
            detail: 'The balance is not settled.',
            balance: eur(24000),
          });
        return { ...R, status: 'checked_out', version: 5 };
      },
    });
    renderRoutes(routes, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Check out' }));
    let dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Check out' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Grace Hopper still owes €240.00');
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Check out anyway' }));
    expect(await within(dialog).findByText('A reason is required')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Company pays on invoice');
    await user.click(within(dialog).getByRole('button', { name: 'Check out anyway' }));
    expect(await screen.findByText('AUR-7K2QX9 is now checked out.')).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-out'));
    expect(posts.map((c) => c.body)).toEqual([{ version: 3 }, { version: 4, reason: 'Company pays on invoice' }]);
  });

  it('offers no override without hotel:folios:correct', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:reservations:read', 'hotel:reservations:check_out', 'hotel:folios:read'])),
      ...lookups(),
      [`GET ${API}`]: () => R,
      [`GET ${API}/folio`]: () => folio(),
      [`POST ${API}/check-out`]: () =>
        jsonResponse(409, { title: 'Conflict', status: 409, code: 'balance_outstanding', detail: 'Open balance.', balance: eur(1500) }),
    });
    renderRoutes(routes, PATH);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Check out' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Check out' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('still owes €15.00');
    expect(within(dialog).queryByRole('button', { name: 'Check out anyway' })).toBeNull();
    expect(within(dialog).queryByLabelText(/Reason/)).toBeNull();
  });
});
