import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuditDiff, diffRows } from './audit-diff';

describe('diffRows', () => {
  it('tells changes from recorded values, sorted by field', () => {
    expect(
      diffRows({ status: { before: 'TRIAL', after: 'ACTIVE' }, reason: 'paid', manager: { id: 'u1', email: 'm@h.test' } }),
    ).toEqual([
      { field: 'manager', after: '{ "id": "u1", "email": "m@h.test" }', changed: false },
      { field: 'reason', after: 'paid', changed: false },
      { field: 'status', before: 'TRIAL', after: 'ACTIVE', changed: true },
    ]);
  });

  it('shows null and numbers as written, and nothing for no changes', () => {
    expect(diffRows({ phone: { before: null, after: '+1 555' }, rate: { before: 100, after: 120 } })).toEqual([
      { field: 'phone', before: 'null', after: '+1 555', changed: true },
      { field: 'rate', before: '100', after: '120', changed: true },
    ]);
    expect(diffRows(null)).toEqual([]);
    expect(diffRows({})).toEqual([]);
  });

  it('does not mistake an object with more keys for a change', () => {
    expect(diffRows({ x: { before: 1, after: 2, note: 'n' } })[0].changed).toBe(false);
  });
});

describe('AuditDiff', () => {
  it('renders before and after cells', () => {
    render(
      <MantineProvider>
        <AuditDiff changes={{ name: { before: 'Aurora', after: 'Aurora Grand' } }} />
      </MantineProvider>,
    );
    const row = screen.getByRole('row', { name: /name/ });
    expect(within(row).getByText('Aurora')).toBeInTheDocument();
    expect(within(row).getByText('Aurora Grand')).toBeInTheDocument();
  });

  it('says when nothing was recorded', () => {
    render(
      <MantineProvider>
        <AuditDiff changes={{}} />
      </MantineProvider>,
    );
    expect(screen.getByText('No details recorded.')).toBeInTheDocument();
  });
});
