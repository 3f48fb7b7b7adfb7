// Room assignment of a reservation: hold (or move to) a free room of its type
// for its dates, with the version read.
import { Button, Group, Paper, Select, Title } from '@mantine/core';
import { useState } from 'react';
import { statusLabel } from '@/components/status-badge';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAllRooms } from '../common/lookups';
import { useAssignRoom, useAvailability, type ReservationDetail } from './api';

export function AssignRoom({ reservation: r }: { reservation: ReservationDetail }) {
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
