// /hotel/guests/:id: the guest's details (edit), their stays, and the data
// protection actions: export everything held on them (a JSON file) and
// erase their personal data (financial records stay).
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DataTable, type Column } from '@/components/data-table';
import { QueryView } from '@/components/error-pages';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import type { Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { GuestFields, guestSchema, guestUpdateBody, guestValues, type Guest, type GuestFormValues } from '../common/guest-form';
import { usePropertyChoices } from '../common/lookups';
import { useDeleteGuest, useEraseGuest, useExportGuest, useGuest, useGuestStays, useUpdateGuest } from './api';

type Reservation = Schemas['Reservation'];
const STAYS_LIMIT = 10;

export function GuestDetailPage() {
  const { id = '' } = useParams();
  const query = useGuest(id);
  return (
    <QueryView query={query} home="/hotel/guests">
      {(g) => <GuestDetail guest={g} />}
    </QueryView>
  );
}

function GuestDetail({ guest }: { guest: Guest }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'erase' | 'delete' | null>(null);
  const exporter = useExportGuest(guest.id);
  const erase = useEraseGuest(guest.id);
  const remove = useDeleteGuest(guest.id);
  const name = `${guest.first_name} ${guest.last_name}`;

  const onExport = async () => {
    try {
      const data = await exporter.mutateAsync();
      notifySuccess(
        `The file holds the guest, ${data.reservations.length} reservation(s) and ${data.payments.length} payment(s).`,
        'Guest data exported',
      );
    } catch (e) {
      notifyError(e, 'Could not export the guest');
    }
  };

  const onErase = async () => {
    try {
      await erase.mutateAsync(guest.version);
      notifySuccess('The personal data was erased; reservations and payments are kept.', 'Guest erased');
      setDialog(null);
    } catch (e) {
      notifyError(e, 'Could not erase the guest');
      setDialog(null);
    }
  };

  const onDelete = async () => {
    try {
      await remove.mutateAsync();
      notifySuccess(`${name} was deleted.`, 'Guest deleted');
      navigate('/hotel/guests', { replace: true });
    } catch (e) {
      notifyError(e, 'Could not delete the guest');
      setDialog(null);
    }
  };

  const rows: [string, string][] = [
    ['Email', guest.email ?? '—'],
    ['Phone', guest.phone ?? '—'],
    ['ID', [guest.id_type, guest.id_number].filter(Boolean).join(' ') || '—'],
    ['Nationality', guest.nationality ?? '—'],
    ['Notes', guest.notes ?? '—'],
    ['Added', formatDateTime(guest.created_at)],
    ['Updated', formatDateTime(guest.updated_at)],
  ];

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {name}
            {guest.erased && (
              <Badge color="gray" variant="light" size="lg">
                Erased
              </Badge>
            )}
          </Group>
        }
        description={
          <Anchor component={Link} to="/hotel/guests" size="sm">
            Guests
          </Anchor>
        }
        actions={
          <>
            {can('hotel:reservations:create') && !guest.erased && (
              <Button component={Link} to={`/hotel/reservations/new?guest_id=${guest.id}`}>
                Book a stay
              </Button>
            )}
            {can('hotel:guests:update') && !guest.erased && (
              <Button variant="default" onClick={() => setDialog('edit')}>
                Edit
              </Button>
            )}
            {can('hotel:guests:export') && (
              <Button variant="light" onClick={() => void onExport()} loading={exporter.isPending}>
                Export data
              </Button>
            )}
            {can('hotel:guests:erase') && !guest.erased && (
              <Button color="red" variant="light" onClick={() => setDialog('erase')}>
                Erase personal data
              </Button>
            )}
            {can('hotel:guests:delete') && (
              <Button color="red" variant="subtle" onClick={() => setDialog('delete')}>
                Delete
              </Button>
            )}
          </>
        }
      />
      <Stack>
        {guest.erased && (
          <Alert color="gray" title="Personal data erased">
            The personal data of this guest was erased on {formatDateTime(guest.erased_at)}. Reservations and payments are kept
            for the accounts.
          </Alert>
        )}
        <Paper p="md" radius="md">
          <Title order={2} fz="h4" mb="sm">
            Details
          </Title>
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              {rows.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w={150}>{label}</Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        {can('hotel:reservations:read') && <GuestStays guestId={guest.id} />}
      </Stack>

      <EditGuestModal guest={guest} opened={dialog === 'edit'} onClose={() => setDialog(null)} />
      <ConfirmDialog
        opened={dialog === 'erase'}
        title={`Erase ${name}'s personal data?`}
        message={
          <Stack gap="xs">
            <Text size="sm">
              The name becomes “Erased Guest” and the email, phone, identity document, nationality and notes are deleted for
              good. Reservations and payments stay for the accounts.
            </Text>
            <Text size="sm" fw={600}>
              This cannot be undone. Export the data first if the guest asked for a copy.
            </Text>
          </Stack>
        }
        confirmLabel="Erase personal data"
        loading={erase.isPending}
        onConfirm={() => void onErase()}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete ${name}?`}
        message="A guest with reservations cannot be deleted; erase their personal data instead."
        confirmLabel="Delete guest"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

function GuestStays({ guestId }: { guestId: string }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const stays = useGuestStays(guestId, page, STAYS_LIMIT);
  const properties = usePropertyChoices();
  const columns: Column<Reservation>[] = [
    {
      key: 'number',
      header: 'Confirmation',
      render: (r) => (
        <Anchor component={Link} to={`/hotel/reservations/${r.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
          {r.confirmation_number}
        </Anchor>
      ),
    },
    ...(properties.options.length > 1
      ? [{ key: 'property', header: 'Property', render: (r: Reservation) => properties.label(r.property_id) }]
      : []),
    { key: 'dates', header: 'Stay', render: (r) => `${formatDate(r.check_in_date)} → ${formatDate(r.check_out_date)}` },
    { key: 'nights', header: 'Nights', align: 'right', render: (r) => r.nights },
    { key: 'status', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
    { key: 'total', header: 'Total', align: 'right', render: (r) => formatMoney(r.total.amount_minor, r.total.currency) },
    { key: 'balance', header: 'Balance', align: 'right', render: (r) => formatMoney(r.balance.amount_minor, r.balance.currency) },
  ];
  return (
    <div>
      <Title order={2} fz="h4" mb="sm">
        Stays
      </Title>
      <DataTable
        label="Stays"
        columns={columns}
        rows={stays.data?.items}
        rowKey={(r) => r.id}
        loading={stays.isFetching}
        error={stays.error}
        onRetry={() => void stays.refetch()}
        page={page}
        limit={STAYS_LIMIT}
        total={stays.data?.total}
        onPageChange={setPage}
        onRowClick={(r) => navigate(`/hotel/reservations/${r.id}`)}
        emptyTitle="No stays yet"
      />
    </div>
  );
}

function EditGuestModal({ guest, opened, onClose }: { guest: Guest; opened: boolean; onClose: () => void }) {
  const update = useUpdateGuest(guest.id);
  const form = useForm<GuestFormValues>({ initialValues: guestValues(guest), validate: zodValidate(guestSchema) });
  useResetOnOpen(
    opened,
    () => {
      form.setValues(guestValues(guest));
      form.resetDirty();
      form.clearErrors();
    },
    guest.version,
  );

  const onSubmit = form.onSubmit(async (v) => {
    const body = guestUpdateBody(guest, v);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ ...body, version: guest.version });
      notifySuccess(`${v.first_name} ${v.last_name} was saved.`, 'Guest saved');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not save the guest');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${guest.first_name} ${guest.last_name}`} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <GuestFields form={form} />
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
