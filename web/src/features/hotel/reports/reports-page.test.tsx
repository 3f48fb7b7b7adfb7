// The hotel Reports page over a scripted API: the catalogue as cards, a form
// built from the chosen report's parameters with this month as its range, a
// preview, the server's 422 on its field, a download named by
// Content-Disposition, a background job followed to its file, and what an
// Accountant (no property list) and a read-only role are offered.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { routes } from '@/app/router';
import { localToday } from '@/components/reports/report-params';
import { session, type Schemas } from '@/lib/api';
import { jsonResponse, mockApi, renderRoutes, signedInAs, type ApiCall } from '@/test/render';
import { PROPERTY_ID, hotelMe, page, property } from '../test/fixtures';

vi.setConfig({ testTimeout: 20_000 });

const CATALOGUE: Schemas['ReportDefinition'][] = [
  {
    id: 'occupancy',
    name: 'Occupancy',
    description: 'Rooms sold and available per night.',
    formats: ['csv', 'xlsx', 'pdf', 'json'],
    parameters: [
      { name: 'from', type: 'date', required: true, description: 'First night' },
      { name: 'to', type: 'date', required: true, description: 'Last night' },
      { name: 'property_id', type: 'uuid', required: false, description: 'One property' },
    ],
  },
  {
    id: 'arrivals',
    name: 'Arrivals',
    description: 'Stays starting on a day.',
    formats: ['csv', 'pdf', 'json'],
    parameters: [{ name: 'date', type: 'date', required: true, description: 'The day' }],
  },
];

const PREVIEW: Schemas['ReportPreview'] = {
  report_id: 'occupancy',
  columns: [
    { name: 'date', label: 'Night', type: 'date' },
    { name: 'rooms_sold', label: 'Rooms sold', type: 'integer' },
    { name: 'occupancy', label: 'Occupancy', type: 'percent' },
  ],
  rows: [
    ['2026-12-01', 8, '80.0'],
    ['2026-12-02', 5, null],
  ],
  totals: [['Total', 13, '65.0']],
  truncated: false,
};

function job(status: Schemas['ReportJobStatus'], progress: number): Schemas['ReportJob'] {
  return {
    id: '01a20000-0000-7000-8000-0000000000f1',
    job_id: '01a20000-0000-7000-8000-0000000000f1',
    report_id: 'occupancy',
    format: 'xlsx',
    parameters: {},
    status,
    progress,
    rows: progress * 10,
    error: null,
    attempts: 1,
    file_name: 'occupancy-2026-12-01-2026-12-17.xlsx',
    created_by: null,
    created_at: '2026-12-17T10:00:00Z',
    started_at: '2026-12-17T10:00:01Z',
    finished_at: status === 'done' ? '2026-12-17T10:00:05Z' : null,
    expires_at: status === 'done' ? '2099-12-24T10:00:05Z' : null,
  };
}

const file = (body: string, name: string, type = 'text/csv; charset=utf-8') =>
  new Response(body, { status: 200, headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` } });

let downloads: { name: string; href: string }[];

beforeEach(() => {
  downloads = [];
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:report'), revokeObjectURL: vi.fn() }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, href: this.href });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  sessionStorage.clear();
  session.clear();
});

// Exact labels: required ones end in " *", and "Toggle navigation" also starts with "To".
const FROM = /^From( \*)?$/;
const TO = /^To( \*)?$/;
const DATE = /^Date( \*)?$/;
const today = localToday();
const isRun = (c: ApiCall) => c.method === 'POST' && c.path.startsWith('/api/hotel/reports/');
const monthStart = `${today.slice(0, 8)}01`;

describe('hotel reports', () => {
  it('previews and downloads a report with this month as the default range, and shows 422s on the fields', async () => {
    let posts = 0;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page([]),
      'GET /api/hotel/properties': () => page([property()]),
      'POST /api/hotel/reports/occupancy': (c: ApiCall) => {
        posts += 1;
        if (posts === 2) {
          return jsonResponse(422, {
            title: 'Unprocessable Content',
            status: 422,
            code: 'validation_failed',
            detail: 'The request has invalid fields.',
            errors: { 'parameters.to': 'must be at most 366 days after from' },
          });
        }
        return (c.body as { format: string }).format === 'json'
          ? jsonResponse(200, PREVIEW)
          : file('date,rooms_sold\n', 'occupancy-2026-12-01-2026-12-17.csv');
      },
    });
    renderRoutes(routes, '/hotel/reports');
    const nav = await screen.findByRole('navigation', { name: 'Hotel panel navigation' });
    expect(within(nav).getByRole('link', { name: 'Reports' })).toBeInTheDocument();
    const cards = await screen.findByRole('list', { name: 'Reports' });
    expect(within(cards).getAllByRole('listitem').map((c) => c.getAttribute('aria-label'))).toEqual(['Occupancy', 'Arrivals']);
    expect(within(within(cards).getByRole('listitem', { name: 'Arrivals' })).getByLabelText('Formats')).toHaveTextContent('CSVPDF');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Choose Occupancy' }));
    const from = await screen.findByLabelText(FROM);
    expect(from).toHaveValue(monthStart);
    expect(screen.getByLabelText(TO)).toHaveValue(today);
    // The property is a choice of the hotel's properties, all of them by default.
    const propertyInput = screen.getByRole('textbox', { name: 'Property' });
    expect(propertyInput).toHaveAttribute('placeholder', 'All properties');

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('table', { name: 'Occupancy preview' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Night', 'Rooms sold', 'Occupancy']);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2026-12-01880.0%');
    expect(table.querySelector('tfoot')).toHaveTextContent('Total1365.0%');
    const preview = calls.find(isRun)!;
    expect(preview.body).toEqual({ format: 'json', parameters: { from: monthStart, to: today } });
    expect(preview.query.get('async')).toBeNull();

    // The server's field error lands on the input it names.
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('must be at most 366 days after from')).toBeInTheDocument();
    expect(screen.getByLabelText(TO)).toHaveAttribute('aria-invalid', 'true');
    expect(downloads).toEqual([]);

    // Inline validation: nothing is sent for an end before the start.
    const posted = calls.filter(isRun).length;
    await user.clear(screen.getByLabelText(TO));
    await user.type(screen.getByLabelText(TO), `${Number(today.slice(0, 4)) - 1}-01-01`);
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('On or after the start date')).toBeInTheDocument();
    expect(calls.filter(isRun)).toHaveLength(posted);

    await user.clear(screen.getByLabelText(TO));
    await user.type(screen.getByLabelText(TO), today);
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('occupancy-2026-12-01-2026-12-17.csv was downloaded.')).toBeInTheDocument();
    expect(downloads).toEqual([{ name: 'occupancy-2026-12-01-2026-12-17.csv', href: 'blob:report' }]);
    const download = calls.filter(isRun).at(-1)!;
    expect(download.body).toEqual({ format: 'csv', parameters: { from: monthStart, to: today } });
    expect(download.headers.Authorization).toBe('Bearer access-1');
  });

  it('follows a background job to its file', async () => {
    let polls = 0;
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page(polls >= 2 ? [job('done', 100)] : []),
      'GET /api/hotel/properties': () => page([property()]),
      'POST /api/hotel/reports/occupancy': () =>
        new Response(JSON.stringify(job('queued', 0)), {
          status: 202,
          headers: { 'Content-Type': 'application/json', Location: `/api/hotel/reports/jobs/${job('queued', 0).id}` },
        }),
      [`GET /api/hotel/reports/jobs/${job('done', 100).id}`]: () => {
        polls += 1;
        return polls === 1 ? job('running', 40) : job('done', 100);
      },
      [`GET /api/hotel/reports/jobs/${job('done', 100).id}/file`]: () =>
        file('xlsx', 'occupancy-2026-12-01-2026-12-17.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    });
    renderRoutes(routes, `/hotel/reports?report=occupancy`);
    await screen.findByLabelText(FROM);
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Excel' }));
    await user.click(screen.getByRole('checkbox', { name: /Run in background/ }));
    // Choosing a property sends it.
    await user.click(screen.getByRole('textbox', { name: 'Property' }));
    await user.click(await screen.findByRole('option', { name: 'Aurora Lisboa (AUR)', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Download Excel' }));

    const region = await screen.findByRole('region', { name: 'Background export' });
    expect(await within(region).findByText(/40% · 400 rows/)).toBeInTheDocument();
    const post = calls.find(isRun)!;
    expect(post.query.get('async')).toBe('true');
    expect(post.body).toEqual({ format: 'xlsx', parameters: { from: monthStart, to: today, property_id: PROPERTY_ID } });

    // Polling stops at done; the file is fetched with the token.
    const button = await within(region).findByRole('button', { name: 'Download occupancy-2026-12-01-2026-12-17.xlsx' }, { timeout: 5000 });
    await user.click(button);
    await screen.findByText('occupancy-2026-12-01-2026-12-17.xlsx was downloaded.');
    expect(downloads.map((d) => d.name)).toEqual(['occupancy-2026-12-01-2026-12-17.xlsx']);
    const pollsAtDone = polls;
    await new Promise((r) => setTimeout(r, 1500));
    expect(polls).toBe(pollsAtDone);
    // The recent exports list shows the finished job with its own download.
    const list = await screen.findByRole('table', { name: 'Recent exports' });
    expect(list).toHaveTextContent('Occupancy');
    expect(within(list).getByRole('button', { name: 'Download occupancy-2026-12-01-2026-12-17.xlsx' })).toBeInTheDocument();
  });

  it('shows a failed job with its error', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:*'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page([]),
      'GET /api/hotel/properties': () => page([]),
      'POST /api/hotel/reports/arrivals': () =>
        new Response(JSON.stringify(job('queued', 0)), {
          status: 202,
          headers: { 'Content-Type': 'application/json' },
        }),
      [`GET /api/hotel/reports/jobs/${job('queued', 0).id}`]: () => ({
        ...job('failed', 30),
        error: 'The PDF would have more than 100,000 rows.',
      }),
    });
    renderRoutes(routes, '/hotel/reports?report=arrivals');
    expect(await screen.findByLabelText(DATE)).toHaveValue(today);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    const region = await screen.findByRole('region', { name: 'Background export' });
    expect(await within(region).findByRole('alert')).toHaveTextContent('The PDF would have more than 100,000 rows.');
    expect(within(region).queryByRole('button', { name: /^Download/ })).toBeNull();
  });

  it('offers an Accountant every property without a list, and a read-only role no buttons', async () => {
    const calls = mockApi({
      ...signedInAs(hotelMe(['hotel:reports:*', 'hotel:payments:*'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page([]),
    });
    const { unmount } = renderRoutes(routes, '/hotel/reports?report=occupancy');
    await screen.findByLabelText(FROM);
    expect(screen.queryByRole('textbox', { name: 'Property' })).toBeNull();
    expect(screen.getByText('All properties')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/api/hotel/properties')).toBe(false);
    unmount();
    session.clear();

    mockApi({
      ...signedInAs(hotelMe(['hotel:reports:read'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page([]),
    });
    renderRoutes(routes, '/hotel/reports?report=occupancy');
    expect(await screen.findByText('Running reports needs another permission')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Preview' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Download/ })).toBeNull();
    expect(screen.getByText('No exports yet')).toBeInTheDocument();
  });

  it('falls back to every property when the server refuses the property list', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:reports:*', 'hotel:properties:read'])),
      'GET /api/hotel/reports': () => page(CATALOGUE),
      'GET /api/hotel/reports/jobs': () => page([]),
      'GET /api/hotel/properties': () => jsonResponse(403, { title: 'Forbidden', status: 403, code: 'missing_permission' }),
    });
    renderRoutes(routes, '/hotel/reports?report=occupancy');
    expect(await screen.findByText('All properties')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Property' })).toBeNull();
    expect(screen.getByLabelText(FROM)).toHaveValue(monthStart);
  });

  it('is not offered to a role without hotel:reports:read', async () => {
    mockApi({
      ...signedInAs(hotelMe(['hotel:rooms:read'])),
      'GET /api/hotel/rooms': () => page([]),
    });
    renderRoutes(routes, '/hotel/reports');
    expect(await screen.findByRole('heading', { name: 'You do not have access to this page' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Hotel panel navigation' });
    expect(within(nav).queryByRole('link', { name: 'Reports' })).toBeNull();
  });
});
