// /hotel/reservations: search by confirmation number or guest name, filter by
// status, property and dates (all kept in the URL).
import { Anchor, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { isIsoDate } from '../common/dates';
import { usePropertyChoices } from '../common/lookups';
import { toneColor } from '../common/tone';
import { useReservations, type Reservation } from './api';
import { RESERVATION_STATUSES, type ReservationStatus } from './status-machine';

const LIMIT = 20;

export function ReservationsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useListParams({ q: '', status: '', property_id: '', from: '', to: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ ...params, q: q.trim() }), 300);
  const properties = usePropertyChoices();
  const query = useReservations({
    page: params.page,
    limit: LIMIT,
    q: params.q || undefined,
    status: (params.status || undefined) as ReservationStatus | undefined,
    property_id: params.property_id || undefined,
    from: isIsoDate(params.from) ? params.from : undefined,
    to: isIsoDate(params.to) ? params.to : undefined,
    sort: '-check_in_date',
  });
  const filtered = Object.entries(params).some(([k, v]) => k !== 'page' && v !== '');

  const columns: Column<Reservation>[] = [
    {
      key: 'number',
      header: 'Confirmation',
      render: (r) => (
        <Anchor component={Link} to={`/hotel/reservations/${r.id}`} fw={600} ff="monospace" onClick={(e) => e.stopPropagation()}>
          {r.confirmation_number}
        </Anchor>
      ),
    },
    { key: 'guest', header: 'Guest', render: (r) => r.guest_name },
    ...(properties.options.length > 1
      ? [{ key: 'property', header: 'Property', render: (r: Reservation) => properties.label(r.property_id) }]
      : []),
    {
      key: 'stay',
      header: 'Stay',
      render: (r) => (
        <div>
          <Text size="sm">
            {formatDate(r.check_in_date)} → {formatDate(r.check_out_date)}
          </Text>
          <Text size="xs" c="dimmed">
            {r.nights} {r.nights === 1 ? 'night' : 'nights'}
          </Text>
        </div>
      ),
    },
    { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
    { key: 'total', header: 'Total', align: 'right', render: (r) => formatMoney(r.total.amount_minor, r.total.currency) },
    {
      key: 'balance',
      header: 'Balance',
      align: 'right',
      render: (r) => (
        <Text size="sm" style={r.balance.amount_minor > 0 ? { color: toneColor('orange'), fontWeight: 600 } : undefined}>
          {formatMoney(r.balance.amount_minor, r.balance.currency)}
        </Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Reservations"
        description="Every stay, past and coming"
        actions={
          <>
            <Button variant="light" component={Link} to="/hotel/availability">
              Availability
            </Button>
            {can('hotel:reservations:create') && (
              <Button component={Link} to="/hotel/reservations/new">
                New booking
              </Button>
            )}
          </>
        }
      />
      <DataTable
        label="Reservations"
        columns={columns}
        rows={query.data?.items}
        rowKey={(r) => r.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={(r) => navigate(`/hotel/reservations/${r.id}`)}
        emptyTitle={filtered ? 'No reservation matches these filters' : 'No reservations yet'}
        emptyHint={!filtered && can('hotel:reservations:create') ? 'Book the first stay with “New booking”.' : undefined}
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Confirmation number or guest"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={250}
            />
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={RESERVATION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
              value={params.status || null}
              onChange={(v) => setParams({ ...params, status: v ?? '' })}
              w={160}
            />
            {properties.options.length > 1 && (
              <Select
                label="Property"
                placeholder="All properties"
                clearable
                data={properties.options}
                value={params.property_id || null}
                onChange={(v) => setParams({ ...params, property_id: v ?? '' })}
                w={220}
              />
            )}
            <TextInput
              label="Staying from"
              type="date"
              value={params.from}
              onChange={(e) => setParams({ ...params, from: e.currentTarget.value })}
              w={160}
            />
            <TextInput
              label="Staying until"
              type="date"
              value={params.to}
              onChange={(e) => setParams({ ...params, to: e.currentTarget.value })}
              w={160}
            />
          </Group>
        }
      />
    </>
  );
}
