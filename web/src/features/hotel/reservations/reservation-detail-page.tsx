// /hotel/reservations/:id: the stay, its money (total, paid, balance), the
// status actions the state machine and the user's role allow (check-out
// through the folio's dialog: an open balance needs an override), room
// assignment, the folio, payments, invoices and the status history.
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { QueryView } from '@/components/error-pages';
import { PageHeader } from '@/components/page-header';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAllRooms, usePropertyChoices, useRoomTypes } from '../common/lookups';
import { CheckOutDialog } from '../folio/check-out-dialog';
import { FolioSection } from '../folio/folio-section';
import { InvoicesSection } from '../folio/invoices-section';
import { useReservation, useReservationAction, type ReservationDetail } from './api';
import { AssignRoom } from './assign-room';
import { EditReservationModal } from './edit-reservation-modal';
import { PaymentsSection } from './payments';
import { MoneySummary, StatusHistory } from './reservation-sections';
import {
  ACTION_LABEL,
  ACTION_RESULT,
  allowedActions,
  canAssignRoom,
  type ReservationAction,
} from './status-machine';

export function ReservationDetailPage() {
  const { id = '' } = useParams();
  const query = useReservation(id);
  return (
    <QueryView query={query} home="/hotel/reservations">
      {(r) => <ReservationView reservation={r} />}
    </QueryView>
  );
}

const ACTION_COLOR: Record<ReservationAction, string> = {
  confirm: 'blue',
  check_in: 'teal',
  check_out: 'indigo',
  cancel: 'red',
  no_show: 'grape',
};

function ReservationView({ reservation: r }: { reservation: ReservationDetail }) {
  const { can } = useAuth();
  const [pending, setPending] = useState<ReservationAction | null>(null);
  const [editing, setEditing] = useState(false);
  const act = useReservationAction(r.id);
  const properties = usePropertyChoices();
  const property = properties.find(r.property_id);
  const types = useRoomTypes(r.property_id);
  const rooms = useAllRooms({ property_id: r.property_id, room_type_id: r.room_type_id });
  const roomType = types.data?.find((t) => t.id === r.room_type_id);
  const room = rooms.data?.find((x) => x.id === r.room_id);
  const actions = allowedActions(r.status, can);

  const onAction = async (reason: string) => {
    if (!pending) return;
    try {
      const after = await act.mutateAsync({ action: pending, version: r.version, reason });
      notifySuccess(`${after.confirmation_number} is now ${statusLabel(after.status).toLowerCase()}.`, ACTION_LABEL[pending]);
      setPending(null);
    } catch (e) {
      notifyError(e, `Could not ${ACTION_LABEL[pending].toLowerCase()}`);
      setPending(null);
    }
  };

  const roomText = r.room_id ? (room ? `Room ${room.room_number}` : 'Assigned') : 'Not assigned yet';
  const rows: [string, ReactNode][] = [
    [
      'Guest',
      can('hotel:guests:read') ? (
        <Anchor component={Link} to={`/hotel/guests/${r.guest_id}`}>
          {r.guest_name}
        </Anchor>
      ) : (
        r.guest_name
      ),
    ],
    ['Property', property ? `${property.name} (${property.code})` : properties.label(r.property_id)],
    ['Room type', roomType ? `${roomType.name} (${roomType.code})` : '—'],
    ['Room', roomText],
    ['Arrival', formatDate(r.check_in_date)],
    ['Departure', formatDate(r.check_out_date)],
    ['Nights', String(r.nights)],
    ['Guests', `${r.adults} adult${r.adults === 1 ? '' : 's'}${r.children ? `, ${r.children} child${r.children === 1 ? '' : 'ren'}` : ''}`],
    ['Rate per night', formatMoney(r.rate_minor, r.currency)],
    ['Notes', r.notes ?? '—'],
  ];
  if (r.checked_in_at) rows.push(['Checked in', formatDateTime(r.checked_in_at)]);
  if (r.checked_out_at) rows.push(['Checked out', formatDateTime(r.checked_out_at)]);
  if (r.cancelled_at) rows.push(['Cancelled', `${formatDateTime(r.cancelled_at)}${r.cancel_reason ? ` — ${r.cancel_reason}` : ''}`]);

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{r.confirmation_number}</span>
            <StatusBadge status={r.status} size="lg" />
          </Group>
        }
        description={
          <>
            <Anchor component={Link} to="/hotel/reservations" size="sm">
              Reservations
            </Anchor>{' '}
            / {r.guest_name}
          </>
        }
        actions={
          <>
            {actions.map((a) => (
              <Button
                key={a}
                color={ACTION_COLOR[a]}
                variant={a === 'cancel' || a === 'no_show' ? 'light' : 'filled'}
                onClick={() => setPending(a)}
              >
                {ACTION_LABEL[a]}
              </Button>
            ))}
            {can('hotel:reservations:update') && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
          </>
        }
      />
      <Stack>
        <MoneySummary reservation={r} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper p="md" radius="md">
            <Title order={2} fz="h4" mb="sm">
              Stay
            </Title>
            <Table variant="vertical" layout="fixed" withRowBorders={false}>
              <Table.Tbody>
                {rows.map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th w={140}>{label}</Table.Th>
                    <Table.Td style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Stack>
            {canAssignRoom(r.status) && can('hotel:reservations:update') && can('hotel:rooms:read') && <AssignRoom reservation={r} />}
            <StatusHistory reservation={r} />
          </Stack>
        </SimpleGrid>
        {can('hotel:folios:read') && <FolioSection reservation={r} />}
        {can('hotel:payments:read') && <PaymentsSection reservation={r} />}
        {(can('hotel:invoices:read') || can('hotel:invoices:create')) && <InvoicesSection reservation={r} />}
      </Stack>

      <CheckOutDialog reservation={r} opened={pending === 'check_out'} onClose={() => setPending(null)} />
      <ConfirmDialog
        opened={pending !== null && pending !== 'check_out'}
        title={pending ? `${ACTION_LABEL[pending]} ${r.confirmation_number}?` : ''}
        message={pending ? actionMessage(pending, r, roomText) : undefined}
        confirmLabel={pending ? ACTION_LABEL[pending] : 'Confirm'}
        color={pending ? ACTION_COLOR[pending] : 'blue'}
        reasonLabel={pending === 'cancel' ? 'Reason' : undefined}
        reasonPlaceholder="e.g. the guest called to cancel"
        loading={act.isPending}
        onConfirm={(reason) => void onAction(reason)}
        onClose={() => setPending(null)}
      />
      <EditReservationModal reservation={r} opened={editing} onClose={() => setEditing(false)} />
    </>
  );
}

function actionMessage(action: ReservationAction, r: ReservationDetail, roomText: string): string {
  switch (action) {
    case 'confirm':
      return `The stay of ${r.guest_name} becomes confirmed.`;
    case 'check_in':
      return r.room_id
        ? `${r.guest_name} checks into ${roomText.toLowerCase()}; the room is marked occupied.`
        : `${r.guest_name} checks into a ready room of the booked type, chosen now.`;
    case 'check_out':
      return r.balance.amount_minor > 0
        ? `The balance of ${formatMoney(r.balance.amount_minor, r.balance.currency)} is still open. The room becomes dirty.`
        : `The room becomes dirty and free for housekeeping.`;
    case 'no_show':
      return `${r.guest_name} did not arrive; the room is released.`;
    case 'cancel':
      return 'The room is released; the reason is kept with the reservation.';
  }
  return `The reservation becomes ${statusLabel(ACTION_RESULT[action]).toLowerCase()}.`;
}
