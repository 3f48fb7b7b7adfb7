// /hotel/reservations/:id: the stay, its money (total, paid, balance), the
// status actions the state machine and the user's role allow, room
// assignment, payments and the status history.
import { Alert, Anchor, Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { QueryView } from '@/components/error-pages';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { StatCard } from '@/components/stat-card';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { isIsoDate, nightsBetween } from '../common/dates';
import { staffName, useAllRooms, usePropertyChoices, useRoomTypes, useStaff } from '../common/lookups';
import { currencyDigits, fromMinor, toMinor } from '../common/money';
import { useAssignRoom, useAvailability, useReservation, useReservationAction, useUpdateReservation, type ReservationDetail } from './api';
import { PaymentsSection } from './payments';
import {
  ACTION_LABEL,
  ACTION_RESULT,
  allowedActions,
  canAssignRoom,
  canEditDates,
  canEditStay,
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
  const staff = useStaff();
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StatCard label="Total" value={formatMoney(r.total.amount_minor, r.total.currency)} hint={`${r.nights} × ${formatMoney(r.rate_minor, r.currency)}`} />
          <StatCard label="Paid" value={formatMoney(r.paid.amount_minor, r.paid.currency)} hint="Payments minus refunds" />
          <StatCard label="Balance" value={formatMoney(r.balance.amount_minor, r.balance.currency)} hint={r.balance.amount_minor > 0 ? 'Still due' : r.balance.amount_minor < 0 ? 'Owed to the guest' : 'Settled'} />
        </SimpleGrid>
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
            <Paper p="md" radius="md">
              <Title order={2} fz="h4" mb="sm">
                History
              </Title>
              <Timeline active={r.status_history.length - 1} bulletSize={14} lineWidth={2}>
                {r.status_history.map((h, i) => (
                  <Timeline.Item key={i} title={h.from_status ? `${statusLabel(h.from_status)} → ${statusLabel(h.to_status)}` : `Booked as ${statusLabel(h.to_status).toLowerCase()}`}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(h.changed_at)}
                      {staffName(staff.data, h.changed_by) ? ` · ${staffName(staff.data, h.changed_by)}` : ''}
                    </Text>
                    {h.reason && <Text size="sm">{h.reason}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Paper>
          </Stack>
        </SimpleGrid>
        {can('hotel:payments:read') && <PaymentsSection reservation={r} />}
      </Stack>

      <ConfirmDialog
        opened={pending !== null}
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

function AssignRoom({ reservation: r }: { reservation: ReservationDetail }) {
  const rooms = useAllRooms({ property_id: r.property_id, room_type_id: r.room_type_id });
  const availability = useAvailability({
    property_id: r.property_id,
    check_in: r.check_in_date,
    check_out: r.check_out_date,
    room_type_id: r.room_type_id,
  });
  const assign = useAssignRoom(r.id);
  const [choice, setChoice] = useState<string | null>(null);
  const free = new Set(availability.data?.room_types.find((t) => t.room_type_id === r.room_type_id)?.free_room_ids ?? []);
  const options = (rooms.data ?? [])
    .filter((room) => free.has(room.id) && room.id !== r.room_id)
    .map((room) => ({
      value: room.id,
      label: `Room ${room.room_number}${room.status !== 'clean' && room.status !== 'inspected' ? ` (${statusLabel(room.status).toLowerCase()})` : ''}`,
    }));

  const onAssign = async () => {
    if (!choice) return;
    try {
      await assign.mutateAsync({ roomId: choice, version: r.version });
      const number = rooms.data?.find((x) => x.id === choice)?.room_number;
      notifySuccess(`Room ${number ?? ''} is held for ${r.confirmation_number}.`, 'Room assigned');
      setChoice(null);
    } catch (e) {
      notifyError(e, 'Could not assign the room');
    }
  };

  return (
    <Paper p="md" radius="md">
      <Title order={2} fz="h4" mb="sm">
        Room assignment
      </Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={r.room_id ? 'Move to room' : 'Assign room'}
          placeholder={availability.isPending || rooms.isPending ? 'Loading free rooms…' : options.length ? 'Choose a free room' : 'No other free room'}
          data={options}
          value={choice}
          onChange={setChoice}
          disabled={options.length === 0}
          w={230}
        />
        <Button onClick={() => void onAssign()} disabled={!choice} loading={assign.isPending}>
          Assign
        </Button>
      </Group>
    </Paper>
  );
}

const editSchema = z
  .object({
    check_in_date: z.string().refine(isIsoDate, 'A date'),
    check_out_date: z.string().refine(isIsoDate, 'A date'),
    adults: z.number({ error: 'Required' }).int().min(1, 'At least 1').max(50),
    children: z.number({ error: 'Required' }).int().min(0).max(50),
    rate: z.number({ error: 'Required' }).min(0, 'Not negative'),
    notes: z.string().max(2000, 'At most 2000 characters'),
  })
  .refine((v) => nightsBetween(v.check_in_date, v.check_out_date) > 0, {
    path: ['check_out_date'],
    message: 'After the arrival',
  });

type EditValues = { check_in_date: string; check_out_date: string; adults: number | ''; children: number | ''; rate: number | ''; notes: string };

function EditReservationModal({ reservation: r, opened, onClose }: { reservation: ReservationDetail; opened: boolean; onClose: () => void }) {
  const update = useUpdateReservation(r.id);
  const digits = currencyDigits(r.currency);
  const datesOpen = canEditDates(r.status);
  const stayOpen = canEditStay(r.status);
  const initial = (): EditValues => ({
    check_in_date: r.check_in_date,
    check_out_date: r.check_out_date,
    adults: r.adults,
    children: r.children,
    rate: fromMinor(r.rate_minor, r.currency),
    notes: r.notes ?? '',
  });
  const form = useForm<EditValues>({ initialValues: initial(), validate: zodValidate(editSchema) });
  useResetOnOpen(
    opened,
    () => {
      form.setValues(initial());
      form.clearErrors();
    },
    r.version,
  );

  const onSubmit = form.onSubmit(async (v) => {
    const body: Parameters<typeof update.mutateAsync>[0] = { version: r.version };
    if (datesOpen && v.check_in_date !== r.check_in_date) body.check_in_date = v.check_in_date;
    if (datesOpen && v.check_out_date !== r.check_out_date) body.check_out_date = v.check_out_date;
    if (stayOpen && Number(v.adults) !== r.adults) body.adults = Number(v.adults);
    if (stayOpen && Number(v.children) !== r.children) body.children = Number(v.children);
    const rate = toMinor(Number(v.rate), r.currency);
    if (stayOpen && rate !== r.rate_minor) body.rate_minor = rate;
    if (v.notes.trim() !== (r.notes ?? '')) body.notes = v.notes.trim() || null;
    if (Object.keys(body).length === 1) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync(body);
      notifySuccess(`${r.confirmation_number} was saved.`, 'Reservation saved');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { rate_minor: 'rate' })) notifyError(e, 'Could not save the reservation');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${r.confirmation_number}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {!stayOpen && (
            <Alert color="gray">This stay is {statusLabel(r.status).toLowerCase()}: only its notes can change.</Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Arrival" type="date" disabled={!datesOpen} {...form.getInputProps('check_in_date')} />
            <TextInput label="Departure" type="date" disabled={!datesOpen} {...form.getInputProps('check_out_date')} />
            <NumberInput label="Adults" min={1} max={50} allowDecimal={false} disabled={!stayOpen} {...form.getInputProps('adults')} />
            <NumberInput label="Children" min={0} max={50} allowDecimal={false} disabled={!stayOpen} {...form.getInputProps('children')} />
            <NumberInput
              label={`Rate per night (${r.currency})`}
              min={0}
              decimalScale={digits}
              fixedDecimalScale={digits > 0}
              thousandSeparator=","
              disabled={!stayOpen}
              {...form.getInputProps('rate')}
            />
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
