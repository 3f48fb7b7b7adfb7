// /hotel/front-desk: the business day of one property in three lists, each
// row with its one action: arrivals to check in (or confirm first), departures
// to check out (with their balance) and the stays in house with their folio.
import { Anchor, Badge, Button, Group, Paper, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListPage } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useBusinessDate } from '../common/front-office';
import { usePropertyChoices } from '../common/lookups';
import { PropertyPicker, chosenProperty } from '../common/property-picker';
import { toneColor } from '../common/tone';
import { CheckOutDialog } from '../folio/check-out-dialog';
import { useReservationAction } from '../reservations/api';
import { useFrontDeskList, type FrontDeskList, type Reservation } from './api';
import { CheckInModal } from './check-in-modal';

const TABS: { value: FrontDeskList; label: string }[] = [
  { value: 'arrivals', label: 'Arrivals' },
  { value: 'departures', label: 'Departures' },
  { value: 'in_house', label: 'In house' },
];

export function FrontDeskPage() {
  const list = useListPage({ property_id: '', tab: 'arrivals' });
  const properties = usePropertyChoices();
  const propertyId = chosenProperty(properties.options, list.params.property_id);
  const business = useBusinessDate(propertyId);
  const date = business.date;
  const tab = (TABS.some((t) => t.value === list.params.tab) ? list.params.tab : 'arrivals') as FrontDeskList;
  const arrivals = useFrontDeskList('arrivals', propertyId, date);
  const departures = useFrontDeskList('departures', propertyId, date);
  const inHouse = useFrontDeskList('in_house', propertyId, date);
  const queries = { arrivals, departures, in_house: inHouse };
  const waiting = business.loading || properties.loading;

  return (
    <>
      <PageHeader
        title="Front desk"
        description={date ? `Business date ${formatDate(date)}` : waiting ? 'Loading the business date…' : 'No property yet'}
        actions={<PropertyPicker value={propertyId} onChange={(id) => list.setParams({ property_id: id })} />}
      />
      <Tabs value={tab} onChange={(v) => list.setParams({ tab: v ?? 'arrivals' })} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((t) => (
            <Tabs.Tab
              key={t.value}
              value={t.value}
              rightSection={
                queries[t.value].data ? (
                  <Badge size="sm" variant="light" circle>
                    {queries[t.value].data?.length}
                  </Badge>
                ) : undefined
              }
            >
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="arrivals">
          <Arrivals query={arrivals} waiting={waiting} />
        </Tabs.Panel>
        <Tabs.Panel value="departures">
          <Departures query={departures} waiting={waiting} />
        </Tabs.Panel>
        <Tabs.Panel value="in_house">
          <InHouse query={inHouse} waiting={waiting} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

type ListQuery = ReturnType<typeof useFrontDeskList>;

function confirmationColumn(): Column<Reservation> {
  return {
    key: 'number',
    header: 'Confirmation',
    render: (r) => (
      <Anchor component={Link} to={`/hotel/reservations/${r.id}`} fw={600} ff="monospace" onClick={(e) => e.stopPropagation()}>
        {r.confirmation_number}
      </Anchor>
    ),
  };
}

const guestColumn: Column<Reservation> = { key: 'guest', header: 'Guest', render: (r) => r.guest_name };
const stayColumn: Column<Reservation> = {
  key: 'stay',
  header: 'Stay',
  render: (r) => (
    <Text size="sm">
      {formatDate(r.check_in_date)} → {formatDate(r.check_out_date)} · {r.nights} {r.nights === 1 ? 'night' : 'nights'}
    </Text>
  ),
};
const balanceColumn: Column<Reservation> = {
  key: 'balance',
  header: 'Balance',
  align: 'right',
  render: (r) => (
    <Text size="sm" style={r.balance.amount_minor > 0 ? { color: toneColor('orange'), fontWeight: 600 } : undefined}>
      {formatMoney(r.balance.amount_minor, r.balance.currency)}
    </Text>
  ),
};

function Table({
  label,
  query,
  columns,
  empty,
  waiting,
}: {
  label: string;
  query: ListQuery;
  columns: Column<Reservation>[];
  empty: string;
  /** The business date is still on its way: the list has not been asked for yet. */
  waiting: boolean;
}) {
  const navigate = useNavigate();
  return (
    <Paper p={0} radius="md">
      <DataTable
        label={label}
        columns={columns}
        rows={query.data}
        rowKey={(r) => r.id}
        loading={query.isFetching || waiting}
        error={query.error}
        onRetry={() => void query.refetch()}
        onRowClick={(r) => navigate(`/hotel/reservations/${r.id}`)}
        emptyTitle={empty}
      />
    </Paper>
  );
}

function Arrivals({ query, waiting }: { query: ListQuery; waiting: boolean }) {
  const { can } = useAuth();
  const [checkingIn, setCheckingIn] = useState<Reservation | null>(null);
  const columns: Column<Reservation>[] = [
    confirmationColumn(),
    guestColumn,
    stayColumn,
    { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
    balanceColumn,
    {
      key: 'action',
      header: <span className="kc-sr-only">Action</span>,
      align: 'right',
      render: (r) =>
        r.status === 'confirmed' ? (
          can('hotel:reservations:check_in') && (
            <RowAction label="Check in" guest={r.guest_name} color="teal" onClick={() => setCheckingIn(r)} />
          )
        ) : (
          can('hotel:reservations:update') && <ConfirmButton reservation={r} />
        ),
    },
  ];
  return (
    <>
      <Table label="Arrivals" query={query} columns={columns} empty="No arrivals left today" waiting={waiting} />
      <CheckInModal reservation={checkingIn} onClose={() => setCheckingIn(null)} />
    </>
  );
}

// A row's one-click action: named for the guest (for screen readers and
// tests), and it does not open the row.
function RowAction({
  label,
  guest,
  onClick,
  color,
  variant,
  loading,
}: {
  label: string;
  guest: string;
  onClick: () => void;
  color?: string;
  variant?: string;
  loading?: boolean;
}) {
  return (
    <Button
      size="compact-sm"
      color={color}
      variant={variant}
      aria-label={`${label} ${guest}`}
      loading={loading}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label}
    </Button>
  );
}

function ConfirmButton({ reservation: r }: { reservation: Reservation }) {
  const act = useReservationAction(r.id);
  const onConfirm = async () => {
    try {
      await act.mutateAsync({ action: 'confirm', version: r.version });
      notifySuccess(`${r.confirmation_number} is now confirmed.`, 'Confirm');
    } catch (e) {
      notifyError(e, 'Could not confirm');
    }
  };
  return (
    <RowAction label="Confirm" guest={r.guest_name} variant="light" loading={act.isPending} onClick={() => void onConfirm()} />
  );
}

function Departures({ query, waiting }: { query: ListQuery; waiting: boolean }) {
  const { can } = useAuth();
  const [checkingOut, setCheckingOut] = useState<Reservation | null>(null);
  const columns: Column<Reservation>[] = [
    confirmationColumn(),
    guestColumn,
    stayColumn,
    balanceColumn,
    {
      key: 'action',
      header: <span className="kc-sr-only">Action</span>,
      align: 'right',
      render: (r) =>
        can('hotel:reservations:check_out') && (
          <RowAction label="Check out" guest={r.guest_name} color="indigo" onClick={() => setCheckingOut(r)} />
        ),
    },
  ];
  return (
    <>
      <Table label="Departures" query={query} columns={columns} empty="No departures left today" waiting={waiting} />
      <CheckOutDialog reservation={checkingOut} opened={checkingOut !== null} onClose={() => setCheckingOut(null)} />
    </>
  );
}

function InHouse({ query, waiting }: { query: ListQuery; waiting: boolean }) {
  const columns: Column<Reservation>[] = [
    confirmationColumn(),
    guestColumn,
    stayColumn,
    balanceColumn,
    {
      key: 'action',
      header: <span className="kc-sr-only">Action</span>,
      align: 'right',
      render: (r) => (
        <Group justify="flex-end">
          <Button
            size="compact-sm"
            variant="light"
            component={Link}
            to={`/hotel/reservations/${r.id}#folio`}
            aria-label={`Open folio of ${r.guest_name}`}
            onClick={(e: React.MouseEvent) => e.stopPropagation()}
          >
            Open folio
          </Button>
        </Group>
      ),
    },
  ];
  return <Table label="In house" query={query} columns={columns} empty="Nobody is in house" waiting={waiting} />;
}
