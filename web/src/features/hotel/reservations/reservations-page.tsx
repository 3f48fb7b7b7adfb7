// /hotel/reservations: search by confirmation number or guest name, filter by
// status, property and dates (all kept in the URL).
import { Anchor, Button, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { DateFilter, ListPage, SearchFilter, SelectFilter, useListPage } from '@/components/list-page';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { isIsoDate } from '../common/dates';
import { usePropertyChoices } from '../common/lookups';
import { PropertyFilter } from '../common/property-filter';
import { toneColor } from '../common/tone';
import { useReservations, type Reservation } from './api';
import { RESERVATION_STATUSES, type ReservationStatus } from './status-machine';

const LIMIT = 20;

export function ReservationsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListPage({ q: '', status: '', property_id: '', from: '', to: '' }, LIMIT);
  const { params, filtered } = list;
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
    <ListPage
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
      list={list}
      query={query}
      label="Reservations"
      columns={columns}
      rowKey={(r) => r.id}
      onRowClick={(r) => navigate(`/hotel/reservations/${r.id}`)}
      emptyTitle={filtered ? 'No reservation matches these filters' : 'No reservations yet'}
      emptyHint={!filtered && can('hotel:reservations:create') ? 'Book the first stay with “New booking”.' : undefined}
      filters={
        <>
          <SearchFilter list={list} placeholder="Confirmation number or guest" w={250} />
          <SelectFilter
            list={list}
            name="status"
            label="Status"
            placeholder="Any status"
            data={RESERVATION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            w={160}
          />
          <PropertyFilter list={list} />
          <DateFilter list={list} name="from" label="Staying from" />
          <DateFilter list={list} name="to" label="Staying until" />
        </>
      }
    />
  );
}
