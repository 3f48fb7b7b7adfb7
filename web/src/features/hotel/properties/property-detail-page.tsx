// /hotel/properties/:id: the property's details (edit, delete) with its
// business date and last audit, its room types (create, edit, delete) and
// its night audit (run, past audits).
import { ActionIcon, Anchor, Button, Group, Menu, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DataTable, type Column } from '@/components/data-table';
import { QueryView } from '@/components/error-pages';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import type { Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAllRooms, useRoomTypes } from '../common/lookups';
import type { FrontOfficeProperty } from '../common/front-office';
import { useDeleteProperty, useDeleteRoomType, useProperty } from './api';
import { NightAuditSection, businessRows } from './night-audit';
import { PropertyFormModal } from './property-form-modal';
import { RoomTypeFormModal } from './room-type-form-modal';

type Property = FrontOfficeProperty;
type RoomType = Schemas['RoomType'];

export function PropertyDetailPage() {
  const { id = '' } = useParams();
  const query = useProperty(id);
  return (
    <QueryView query={query} home="/hotel/properties">
      {(p) => <PropertyDetail property={p} />}
    </QueryView>
  );
}

function PropertyDetail({ property }: { property: Property }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const remove = useDeleteProperty(property.id);

  const onDelete = async () => {
    try {
      await remove.mutateAsync();
      notifySuccess(`${property.name} was deleted.`, 'Property deleted');
      navigate('/hotel/properties', { replace: true });
    } catch (e) {
      notifyError(e, 'Could not delete the property');
      setDialog(null);
    }
  };

  const rows: [string, string][] = [
    ['Code', property.code],
    ['Time zone', property.timezone],
    ['Currency', property.currency],
    ['Address', property.address ?? '—'],
    ['Check-in from', property.check_in_time],
    ['Check-out until', property.check_out_time],
    ...businessRows(property),
    ['Updated', formatDateTime(property.updated_at)],
  ];

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            {property.name}
            <StatusBadge status={property.status} size="lg" />
          </Group>
        }
        description={
          <>
            <Anchor component={Link} to="/hotel/properties" size="sm">
              Properties
            </Anchor>{' '}
            / {property.code}
          </>
        }
        actions={
          <>
            {can('hotel:rooms:read') && (
              <Button variant="light" component={Link} to={`/hotel/rooms?property_id=${property.id}`}>
                Rooms
              </Button>
            )}
            {can('hotel:properties:update') && (
              <Button variant="default" onClick={() => setDialog('edit')}>
                Edit
              </Button>
            )}
            {can('hotel:properties:delete') && (
              <Button color="red" variant="light" onClick={() => setDialog('delete')}>
                Delete
              </Button>
            )}
          </>
        }
      />
      <Paper p="md" radius="md" mb="lg">
        <Title order={2} fz="h4" mb="sm">
          Details
        </Title>
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={170}>{label}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {can('hotel:room_types:read') && <RoomTypesSection property={property} />}
      <NightAuditSection property={property} />
      <PropertyFormModal opened={dialog === 'edit'} onClose={() => setDialog(null)} property={property} />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={`Delete ${property.name}?`}
        message="A property that still has room types, rooms or reservations cannot be deleted."
        confirmLabel="Delete property"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

function RoomTypesSection({ property }: { property: Property }) {
  const { can } = useAuth();
  const types = useRoomTypes(property.id);
  const rooms = useAllRooms({ property_id: property.id });
  const remove = useDeleteRoomType();
  const [editing, setEditing] = useState<RoomType | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RoomType | null>(null);
  const roomCount = (typeId: string) => rooms.data?.filter((r) => r.room_type_id === typeId).length;

  const onDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      notifySuccess(`${deleting.name} was deleted.`, 'Room type deleted');
      setDeleting(null);
    } catch (e) {
      notifyError(e, 'Could not delete the room type');
      setDeleting(null);
    }
  };

  const columns: Column<RoomType>[] = [
    {
      key: 'name',
      header: 'Room type',
      render: (t) => (
        <div>
          <Text fw={600} size="sm">
            {t.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t.code}
          </Text>
        </div>
      ),
    },
    { key: 'capacity', header: 'Capacity', align: 'right', render: (t) => t.capacity },
    { key: 'rate', header: 'Base rate / night', align: 'right', render: (t) => formatMoney(t.base_rate_minor, t.currency) },
    ...(can('hotel:rooms:read')
      ? [{ key: 'rooms', header: 'Rooms', align: 'right' as const, render: (t: RoomType) => roomCount(t.id) ?? '…' }]
      : []),
    {
      key: 'actions',
      header: <span className="kc-sr-only">Actions</span>,
      align: 'right',
      render: (t) =>
        (can('hotel:room_types:update') || can('hotel:room_types:delete')) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={`Actions for ${t.name}`} onClick={(e) => e.stopPropagation()}>
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {can('hotel:room_types:update') && <Menu.Item onClick={() => setEditing(t)}>Edit</Menu.Item>}
              {can('hotel:room_types:delete') && (
                <Menu.Item color="red" onClick={() => setDeleting(t)}>
                  Delete
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Room types
        </Title>
        {can('hotel:room_types:create') && <Button onClick={() => setCreating(true)}>New room type</Button>}
      </Group>
      <DataTable
        label="Room types"
        columns={columns}
        rows={types.data}
        rowKey={(t) => t.id}
        loading={types.isFetching}
        error={types.error}
        onRetry={() => void types.refetch()}
        onRowClick={can('hotel:room_types:update') ? (t) => setEditing(t) : undefined}
        emptyTitle="No room types yet"
        emptyHint={can('hotel:room_types:create') ? 'Add one with “New room type”, then create its rooms.' : undefined}
      />
      <RoomTypeFormModal opened={creating} onClose={() => setCreating(false)} property={property} />
      <RoomTypeFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        property={property}
        roomType={editing ?? undefined}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? 'this room type'}?`}
        message="A room type that still has rooms or reservations cannot be deleted."
        confirmLabel="Delete room type"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
