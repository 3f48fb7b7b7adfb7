// /hotel/guests: search by name, email or phone; add a guest in a dialog.
import { Anchor, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { ListPage, SearchFilter, useListPage } from '@/components/list-page';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { GuestFields, emptyGuest, guestCreateBody, guestSchema, type Guest, type GuestFormValues } from '../common/guest-form';
import { useCreateGuest, useGuests } from './api';

const LIMIT = 20;

const columns: Column<Guest>[] = [
  {
    key: 'name',
    header: 'Guest',
    render: (g) => (
      <Group gap={6}>
        <Anchor component={Link} to={`/hotel/guests/${g.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
          {g.first_name} {g.last_name}
        </Anchor>
        {g.erased && (
          <Badge size="xs" color="gray" variant="light">
            Erased
          </Badge>
        )}
      </Group>
    ),
  },
  { key: 'email', header: 'Email', render: (g) => g.email ?? '—' },
  { key: 'phone', header: 'Phone', render: (g) => g.phone ?? '—' },
  { key: 'nationality', header: 'Nationality', render: (g) => g.nationality ?? '—' },
  { key: 'created', header: 'Added', render: (g) => formatDateTime(g.created_at) },
];

export function GuestsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListPage({ q: '' }, LIMIT);
  const [creating, setCreating] = useState(false);
  const query = useGuests({ page: list.params.page, limit: LIMIT, q: list.params.q || undefined, sort: 'last_name' });

  return (
    <ListPage
      title="Guests"
      description="Everyone who has stayed or booked"
      actions={can('hotel:guests:create') && <Button onClick={() => setCreating(true)}>New guest</Button>}
      list={list}
      query={query}
      label="Guests"
      columns={columns}
      rowKey={(g) => g.id}
      onRowClick={(g) => navigate(`/hotel/guests/${g.id}`)}
      emptyTitle={list.filtered ? 'No guest matches this search' : 'No guests yet'}
      emptyHint={!list.filtered && can('hotel:guests:create') ? 'Add one with “New guest”, or while booking.' : undefined}
      filters={<SearchFilter list={list} placeholder="Name, email or phone" w={320} />}
    >
      <NewGuestModal opened={creating} onClose={() => setCreating(false)} onCreated={(g) => navigate(`/hotel/guests/${g.id}`)} />
    </ListPage>
  );
}

function NewGuestModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (g: Guest) => void }) {
  const create = useCreateGuest();
  const form = useForm<GuestFormValues>({ initialValues: emptyGuest, validate: zodValidate(guestSchema) });
  const onSubmit = form.onSubmit(async (v) => {
    try {
      const guest = await create.mutateAsync(guestCreateBody(v));
      notifySuccess(`${guest.first_name} ${guest.last_name} was added.`, 'Guest added');
      form.reset();
      onClose();
      onCreated(guest);
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not add the guest');
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New guest" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <GuestFields form={form} />
          <Text size="xs" c="dimmed">
            Personal data is kept only as long as needed; it can be exported or erased on request.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add guest
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
