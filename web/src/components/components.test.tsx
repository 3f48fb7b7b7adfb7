// Shared components: DataTable's states and pagination, ConfirmDialog's
// required reason, StatusBadge's labels, and list state kept in the URL.
import { MantineProvider } from '@mantine/core';
import { act, render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api';
import { ConfirmDialog } from './confirm-dialog';
import { DataTable, type Column } from './data-table';
import { useListParams } from './list-params';
import { StatusBadge, statusLabel } from './status-badge';

const wrap = (ui: ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

type Row = { id: string; name: string };
const columns: Column<Row>[] = [{ key: 'name', header: 'Name', render: (r) => r.name }];

describe('DataTable', () => {
  it('shows a loading state before the first page', () => {
    wrap(<DataTable label="Things" columns={columns} rows={undefined} rowKey={(r) => r.id} loading />);
    expect(screen.getByLabelText('Loading Things')).toHaveAttribute('aria-busy', 'true');
  });

  it('shows the empty state', () => {
    wrap(<DataTable label="Things" columns={columns} rows={[]} rowKey={(r) => r.id} emptyTitle="No things yet" emptyHint="Add one." />);
    expect(screen.getByText('No things yet')).toBeInTheDocument();
    expect(screen.getByText('Add one.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error with a retry', async () => {
    const retry = vi.fn();
    wrap(
      <DataTable
        label="Things"
        columns={columns}
        rows={undefined}
        rowKey={(r) => r.id}
        error={new ApiError(503, { title: 'Service Unavailable', detail: 'The database is busy.' })}
        onRetry={retry}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The database is busy.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('renders rows, opens one with the keyboard and pages through the total', async () => {
    const open = vi.fn();
    const onPage = vi.fn();
    wrap(
      <DataTable
        label="Things"
        columns={columns}
        rows={[
          { id: '1', name: 'First' },
          { id: '2', name: 'Second' },
        ]}
        rowKey={(r) => r.id}
        page={1}
        limit={2}
        total={5}
        onPageChange={onPage}
        onRowClick={open}
      />,
    );
    const table = screen.getByRole('table', { name: 'Things' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('5 items')).toBeInTheDocument();
    const user = userEvent.setup();
    within(table).getByText('Second').closest('tr')!.focus();
    await user.keyboard('{Enter}');
    expect(open).toHaveBeenCalledWith({ id: '2', name: 'Second' });
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(onPage).toHaveBeenCalledWith(3);
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPage).toHaveBeenLastCalledWith(2);
  });
});

describe('ConfirmDialog', () => {
  it('asks for a reason before confirming', async () => {
    const confirm = vi.fn();
    wrap(
      <ConfirmDialog opened title="Log in as Aurora" reasonLabel="Reason" confirmLabel="Start" onConfirm={confirm} onClose={() => {}} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    expect(await screen.findByText('A reason is required')).toBeInTheDocument();
    expect(confirm).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Reason/), '  ticket 42  ');
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(confirm).toHaveBeenCalledWith('ticket 42');
  });
});

describe('StatusBadge', () => {
  it('labels API statuses for people', () => {
    expect(statusLabel('checked_in')).toBe('Checked in');
    expect(statusLabel('OUT_OF_ORDER')).toBe('Out of order');
    wrap(<StatusBadge status="SUSPENDED" />);
    expect(screen.getByText('Suspended')).toBeInTheDocument();
  });
});

describe('useListParams', () => {
  it('reads filters from the URL, resets the page when a filter changes and drops defaults', () => {
    let location = '';
    const Probe = () => {
      location = useLocation().search;
      return null;
    };
    const { result } = renderHook(() => useListParams({ q: '', status: '' }), {
      wrapper: ({ children }) => (
        <MemoryRouter initialEntries={['/x?q=aurora&page=3']}>
          {children}
          <Probe />
        </MemoryRouter>
      ),
    });
    expect(result.current[0]).toEqual({ q: 'aurora', status: '', page: 3 });
    act(() => result.current[1]({ ...result.current[0], status: 'ACTIVE' }));
    expect(result.current[0]).toEqual({ q: 'aurora', status: 'ACTIVE', page: 1 });
    expect(location).toBe('?q=aurora&status=ACTIVE');
    act(() => result.current[1]({ ...result.current[0], page: 2 }));
    expect(location).toBe('?q=aurora&status=ACTIVE&page=2');
    // Pages call it with every current value plus the change.
    act(() => result.current[1]({ ...result.current[0], q: 'harbour' }));
    expect(location).toBe('?q=harbour&status=ACTIVE');
    act(() => result.current[1]({ q: '', status: '' }));
    expect(location).toBe('');
  });

  it('ignores a page that is not a positive integer', () => {
    const { result } = renderHook(() => useListParams({}), {
      wrapper: ({ children }) => <MemoryRouter initialEntries={['/x?page=-2']}>{children}</MemoryRouter>,
    });
    expect(result.current[0].page).toBe(1);
  });
});
