// /hotel/rooms: every room as a tile coloured by its housekeeping status,
// grouped by property and floor; filters by property, room type and status
// (kept in the URL); a tile opens a menu to change the status at once, edit
// or delete the room.
import {
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/error-pages';
import { FilterBar, SelectFilter, useListPage } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { statusColor, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { ROOM_STATUSES, useAllRooms, usePropertyChoices, useRoomTypes, type Room, type RoomStatus, type RoomType } from '../common/lookups';
import { PropertyFilter } from '../common/property-filter';
import { toneColor } from '../common/tone';
import { useChangeRoomStatus, useDeleteRoom } from './api';
import { countByStatus, floorLabel, groupRooms } from './grouping';
import { RoomFormModal } from './room-form-modal';

export function RoomsPage() {
  const { can } = useAuth();
  const list = useListPage({ property_id: '', room_type_id: '', status: '' });
  const { params } = list;
  const properties = usePropertyChoices();
  const types = useRoomTypes(params.property_id || null);
  const rooms = useAllRooms({
    property_id: params.property_id || undefined,
    room_type_id: params.room_type_id || undefined,
    status: (params.status || undefined) as RoomStatus | undefined,
  });
  const changeStatus = useChangeRoomStatus();
  const remove = useDeleteRoom();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Room | null>(null);
  const [deleting, setDeleting] = useState<Room | null>(null);
  const typeById = new Map((types.data ?? []).map((t) => [t.id, t]));
  const filtered = params.property_id !== '' || params.room_type_id !== '' || params.status !== '';

  const onStatus = async (room: Room, status: RoomStatus) => {
    try {
      await changeStatus.mutateAsync({ id: room.id, status, version: room.version });
      notifySuccess(`Room ${room.room_number} is now ${statusLabel(status).toLowerCase()}.`, 'Status changed');
    } catch (e) {
      notifyError(e, `Could not change room ${room.room_number}`);
    }
  };

  const onDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      notifySuccess(`Room ${deleting.room_number} was deleted.`, 'Room deleted');
    } catch (e) {
      notifyError(e, 'Could not delete the room');
    }
    setDeleting(null);
  };

  const counts = countByStatus(rooms.data ?? []);
  const groups = groupRooms(rooms.data ?? []);

  return (
    <>
      <PageHeader
        title="Rooms"
        description="Housekeeping status at a glance; choose a room to change it"
        actions={can('hotel:rooms:create') && <Button onClick={() => setCreating(true)}>New room</Button>}
      />
      <Paper p="md" radius="md" mb="md">
        <FilterBar>
          <PropertyFilter list={list} w={240} reset={{ room_type_id: '' }} />
          {can('hotel:room_types:read') && (
            <SelectFilter
              list={list}
              name="room_type_id"
              label="Room type"
              placeholder="All room types"
              data={(types.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.code})` }))}
              w={220}
            />
          )}
          <SelectFilter
            list={list}
            name="status"
            label="Status"
            placeholder="Any status"
            data={ROOM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            w={180}
          />
        </FilterBar>
        <Group gap="xs" mt="md" role="list" aria-label="Rooms by status">
          {ROOM_STATUSES.map((s) => (
            <Badge key={s} role="listitem" color={statusColor(s)} variant="light" size="lg" radius="sm">
              {statusLabel(s)}: {counts[s]}
            </Badge>
          ))}
        </Group>
      </Paper>

      {rooms.isError ? (
        <ErrorState error={rooms.error} onRetry={() => void rooms.refetch()} />
      ) : rooms.isPending ? (
        <SimpleGrid cols={{ base: 3, sm: 5, lg: 8 }} aria-busy="true" aria-label="Loading rooms">
          {Array.from({ length: 12 }, (_, i) => (
            <Skeleton key={i} height={92} radius="md" />
          ))}
        </SimpleGrid>
      ) : groups.length === 0 ? (
        <Paper p="xl" radius="md" ta="center">
          <Text fw={600}>{filtered ? 'No room matches these filters' : 'No rooms yet'}</Text>
          {!filtered && can('hotel:rooms:create') && (
            <Text size="sm" c="dimmed">
              Create a property and a room type first, then add rooms with “New room”.
            </Text>
          )}
        </Paper>
      ) : (
        <Stack gap="lg">
          {groups.map((g) => (
            <Paper key={g.propertyId} p="md" radius="md" component="section" aria-label={properties.label(g.propertyId)}>
              {groups.length > 1 && (
                <Title order={2} fz="h4" mb="sm">
                  {properties.label(g.propertyId)}
                </Title>
              )}
              <Stack gap="md">
                {g.floors.map((f) => (
                  <Box key={String(f.floor)} component="section" aria-label={floorLabel(f.floor)}>
                    <Text size="sm" fw={700} c="dimmed" tt="uppercase" mb={6}>
                      {floorLabel(f.floor)}
                    </Text>
                    <SimpleGrid cols={{ base: 3, xs: 4, sm: 5, md: 6, lg: 8 }} spacing="sm" role="list" aria-label={`Rooms on ${floorLabel(f.floor).toLowerCase()}`}>
                      {f.rooms.map((room) => (
                        <RoomTile
                          key={room.id}
                          room={room}
                          type={typeById.get(room.room_type_id)}
                          onStatus={(s) => void onStatus(room, s)}
                          onEdit={() => setEditing(room)}
                          onDelete={() => setDeleting(room)}
                        />
                      ))}
                    </SimpleGrid>
                  </Box>
                ))}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}

      <RoomFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        defaults={{ property_id: params.property_id || undefined, room_type_id: params.room_type_id || undefined }}
      />
      <RoomFormModal opened={editing !== null} onClose={() => setEditing(null)} room={editing ?? undefined} />
      <ConfirmDialog
        opened={deleting !== null}
        title={`Delete room ${deleting?.room_number ?? ''}?`}
        message="A room with reservations cannot be deleted; set it out of service instead."
        confirmLabel="Delete room"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

function RoomTile({
  room,
  type,
  onStatus,
  onEdit,
  onDelete,
}: {
  room: Room;
  type?: RoomType;
  onStatus: (s: RoomStatus) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { can } = useAuth();
  const color = statusColor(room.status);
  const canStatus = can('hotel:rooms:status');
  const canEdit = can('hotel:rooms:update');
  const canDelete = can('hotel:rooms:delete');
  const label = `Room ${room.room_number}, ${statusLabel(room.status)}${room.occupied ? ', occupied' : ''}`;

  const face = (
    <Stack gap={2} align="flex-start">
      <Group justify="space-between" w="100%" wrap="nowrap" gap={4}>
        <Text fw={800} fz="lg" lh={1.1}>
          {room.room_number}
        </Text>
        {room.occupied && (
          <Badge size="xs" color="indigo" variant="filled" title="A guest is checked in">
            In
          </Badge>
        )}
      </Group>
      {type && (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {type.code}
        </Text>
      )}
      <Text size="xs" fw={600} style={{ color: toneColor(color) }}>
        {statusLabel(room.status)}
      </Text>
    </Stack>
  );

  const style = {
    display: 'block',
    width: '100%',
    padding: '10px 12px',
    borderRadius: 'var(--mantine-radius-md)',
    background: `var(--mantine-color-${color}-light)`,
    borderLeft: `5px solid var(--mantine-color-${color}-6)`,
    minHeight: 84,
  };

  if (!canStatus && !canEdit && !canDelete) {
    return (
      <div role="listitem" aria-label={label} style={style} data-status={room.status}>
        {face}
      </div>
    );
  }

  return (
    <div role="listitem">
      <Menu position="bottom-start" withinPortal shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label={label} style={style} data-status={room.status} className="kc-row-link">
            {face}
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          {canStatus && (
            <>
              <Menu.Label>Set status</Menu.Label>
              {ROOM_STATUSES.filter((s) => s !== room.status).map((s) => (
                <Menu.Item
                  key={s}
                  onClick={() => onStatus(s)}
                  leftSection={<Box w={10} h={10} style={{ borderRadius: 99, background: `var(--mantine-color-${statusColor(s)}-6)` }} />}
                >
                  {statusLabel(s)}
                </Menu.Item>
              ))}
            </>
          )}
          {canStatus && (canEdit || canDelete) && <Menu.Divider />}
          {canEdit && <Menu.Item onClick={onEdit}>Edit room</Menu.Item>}
          {canDelete && (
            <Menu.Item color="red" onClick={onDelete}>
              Delete room
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
