// /admin/hotels/:id: counts, details, edit, status change with a reason, soft
// delete, and "Log in as this hotel" (impersonation with a reason).
import { Anchor, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { z } from 'zod';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { QueryView } from '@/components/error-pages';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { StatCard } from '@/components/stat-card';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import {
  HOTEL_STATUSES,
  HOTEL_TYPES,
  useChangeHotelStatus,
  useDeleteHotel,
  useHotel,
  useUpdateHotel,
  type HotelDetail,
  type HotelStatus,
  type HotelType,
} from './api';

export function HotelDetailPage() {
  const { id = '' } = useParams();
  const query = useHotel(id);
  return (
    <QueryView query={query} home="/admin/hotels">
      {(hotel) => <HotelDetailView hotel={hotel} />}
    </QueryView>
  );
}

function HotelDetailView({ hotel }: { hotel: HotelDetail }) {
  const { can, startImpersonation } = useAuth();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'status' | 'delete' | 'impersonate' | null>(null);
  const [impersonating, setImpersonating] = useState(false);
  const remove = useDeleteHotel(hotel.id);
  const deleted = hotel.deleted_at !== null;
  const canLogIn = !deleted && (hotel.status === 'ACTIVE' || hotel.status === 'TRIAL');

  const onImpersonate = async (reason: string) => {
    setImpersonating(true);
    try {
      await startImpersonation(hotel.id, reason);
      notifySuccess(`You are now acting inside ${hotel.name}.`, 'Impersonation started');
      navigate('/hotel/dashboard');
    } catch (e) {
      notifyError(e, 'Could not log in as this hotel');
      setImpersonating(false);
    }
  };

  const onDelete = async () => {
    try {
      await remove.mutateAsync();
      notifySuccess(`${hotel.name} was deleted. Its data is kept; its users can no longer sign in.`, 'Hotel deleted');
      setDialog(null);
    } catch (e) {
      notifyError(e, 'Could not delete the hotel');
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {hotel.name}
            <StatusBadge status={hotel.status} size="lg" />
            {deleted && <StatusBadge status="deleted" color="red" variant="outline" size="lg" />}
          </Group>
        }
        description={
          <>
            <Anchor component={Link} to="/admin/hotels" size="sm">
              Hotels
            </Anchor>{' '}
            / {hotel.slug}
          </>
        }
        actions={
          <>
            {can('admin:hotels:impersonate') && (
              <Button color="orange" onClick={() => setDialog('impersonate')} disabled={!canLogIn}>
                Log in as this hotel
              </Button>
            )}
            {can('admin:hotels:update') && !deleted && (
              <>
                <Button variant="default" onClick={() => setDialog('edit')}>
                  Edit
                </Button>
                <Button variant="default" onClick={() => setDialog('status')}>
                  Change status
                </Button>
              </>
            )}
            {can('admin:hotels:delete') && !deleted && (
              <Button color="red" variant="light" onClick={() => setDialog('delete')}>
                Delete
              </Button>
            )}
          </>
        }
      />

      <Stack>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <StatCard label="Properties" value={hotel.counts.properties} />
          <StatCard label="Rooms" value={hotel.counts.rooms} />
          <StatCard label="Users" value={hotel.counts.users} />
          <StatCard label="Reservations" value={hotel.counts.reservations} />
        </SimpleGrid>

        <Paper p="md" radius="md">
          <Title order={2} fz="h4" mb="sm">
            Details
          </Title>
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Row label="Type" value={statusLabel(hotel.type)} />
              <Row label="Contact email" value={hotel.email} />
              <Row label="Phone" value={hotel.phone ?? '—'} />
              <Row label="Subscription tier" value={hotel.subscription_tier ?? '—'} />
              <Row label="Status reason" value={hotel.status_reason ?? '—'} />
              <Row label="Created" value={formatDateTime(hotel.created_at)} />
              <Row label="Updated" value={formatDateTime(hotel.updated_at)} />
              {deleted && <Row label="Deleted" value={formatDateTime(hotel.deleted_at)} />}
            </Table.Tbody>
          </Table>
          <Group mt="md" gap="md">
            {can('admin:audit:read') && (
              <Anchor component={Link} to={`/admin/audit?tenant_id=${hotel.id}`}>
                Audit log of this hotel
              </Anchor>
            )}
            {can('admin:impersonation:read') && (
              <Anchor component={Link} to={`/admin/impersonation?tenant_id=${hotel.id}`}>
                Impersonation sessions
              </Anchor>
            )}
          </Group>
        </Paper>
      </Stack>

      {/* Keyed by version: the forms start from what the server holds now. */}
      <EditHotelModal key={`edit-${hotel.version}`} hotel={hotel} opened={dialog === 'edit'} onClose={() => setDialog(null)} />
      <StatusModal key={`status-${hotel.version}`} hotel={hotel} opened={dialog === 'status'} onClose={() => setDialog(null)} />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete ${hotel.name}?`}
        message="The hotel is cancelled and hidden from lists; its data is kept and its users are signed out at once."
        confirmLabel="Delete hotel"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog === 'impersonate'}
        title={`Log in as ${hotel.name}`}
        message="You will act inside this hotel with its manager's permissions for up to an hour. Everything you do is recorded with your name."
        reasonLabel="Reason"
        reasonPlaceholder="e.g. support ticket number and what you will check"
        confirmLabel="Start session"
        color="orange"
        loading={impersonating}
        onConfirm={(reason) => void onImpersonate(reason)}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w={180}>{label}</Table.Th>
      <Table.Td>
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {value}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

const editSchema = z.object({
  name: z.string().trim().min(1, 'Required').max(200),
  type: z.enum(HOTEL_TYPES as [HotelType, ...HotelType[]]),
  email: z.string().trim().email('Enter a valid email address'),
  phone: z.string().trim().max(50),
  subscription_tier: z.string().trim().max(50),
});

function EditHotelModal({ hotel, opened, onClose }: { hotel: HotelDetail; opened: boolean; onClose: () => void }) {
  const update = useUpdateHotel(hotel.id);
  const form = useForm({
    initialValues: {
      name: hotel.name,
      type: hotel.type,
      email: hotel.email,
      phone: hotel.phone ?? '',
      subscription_tier: hotel.subscription_tier ?? '',
    },
    validate: zodValidate(editSchema),
  });

  const onSubmit = form.onSubmit(async (v) => {
    try {
      await update.mutateAsync({
        name: v.name.trim(),
        type: v.type,
        email: v.email.trim(),
        phone: v.phone.trim() || null,
        subscription_tier: v.subscription_tier.trim() || undefined,
        version: hotel.version,
      });
      notifySuccess('The hotel was updated.', 'Saved');
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not save');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${hotel.name}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Select
            label="Type"
            allowDeselect={false}
            data={HOTEL_TYPES.map((t) => ({ value: t, label: statusLabel(t) }))}
            {...form.getInputProps('type')}
          />
          <TextInput label="Contact email" type="email" required {...form.getInputProps('email')} />
          <TextInput label="Phone" {...form.getInputProps('phone')} />
          <TextInput label="Subscription tier" {...form.getInputProps('subscription_tier')} />
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

const statusSchema = z.object({
  status: z.enum(HOTEL_STATUSES as [HotelStatus, ...HotelStatus[]]),
  reason: z.string().trim().min(1, 'A reason is required').max(500),
});

function StatusModal({ hotel, opened, onClose }: { hotel: HotelDetail; opened: boolean; onClose: () => void }) {
  const change = useChangeHotelStatus(hotel.id);
  const form = useForm({
    initialValues: { status: hotel.status, reason: '' },
    validate: zodValidate(statusSchema),
  });

  const onSubmit = form.onSubmit(async (v) => {
    try {
      await change.mutateAsync({ status: v.status, reason: v.reason.trim(), version: hotel.version });
      notifySuccess(`${hotel.name} is now ${statusLabel(v.status).toLowerCase()}.`, 'Status changed');
      form.reset();
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not change the status');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Change status">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Only trial and active hotels can sign in. The change applies to the hotel&apos;s very next request.
          </Text>
          <Select
            label="New status"
            allowDeselect={false}
            data={HOTEL_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            {...form.getInputProps('status')}
          />
          <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change status
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
