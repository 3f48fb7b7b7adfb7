// Check-in from the arrivals list: into the assigned room, a free room of the
// booked type (the availability's free_room_ids for the stay's dates), or a
// ready room the server picks.
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useResetOnOpen } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAllRooms } from '../common/lookups';
import { useAvailability, useReservationAction } from '../reservations/api';
import type { Reservation } from './api';

/** The server picks a ready room of the booked type. */
const AUTO = 'auto';

export function CheckInModal({ reservation: r, onClose }: { reservation: Reservation | null; onClose: () => void }) {
  const act = useReservationAction(r?.id ?? '');
  const rooms = useAllRooms({ property_id: r?.property_id, room_type_id: r?.room_type_id }, r !== null);
  const availability = useAvailability(
    r ? { property_id: r.property_id, check_in: r.check_in_date, check_out: r.check_out_date, room_type_id: r.room_type_id } : null,
  );
  const [choice, setChoice] = useState<string>(AUTO);

  useResetOnOpen(r !== null, () => setChoice(r?.room_id ?? AUTO), r?.id);

  const free = new Set(availability.data?.room_types.find((t) => t.room_type_id === r?.room_type_id)?.free_room_ids ?? []);
  const label = (id: string) => {
    const room = rooms.data?.find((x) => x.id === id);
    if (!room) return 'Assigned room';
    const ready = room.status === 'clean' || room.status === 'inspected';
    return `Room ${room.room_number}${ready ? '' : ` (${statusLabel(room.status).toLowerCase()})`}`;
  };
  const options = [
    ...(r?.room_id ? [{ value: r.room_id, label: `${label(r.room_id)} — assigned` }] : []),
    ...(rooms.data ?? []).filter((x) => free.has(x.id) && x.id !== r?.room_id).map((x) => ({ value: x.id, label: label(x.id) })),
    { value: AUTO, label: 'Any ready room (chosen by Keycard)' },
  ];

  const onCheckIn = async () => {
    if (!r) return;
    try {
      const after = await act.mutateAsync({ action: 'check_in', version: r.version, roomId: choice === AUTO ? undefined : choice });
      notifySuccess(`${after.guest_name} is checked in (${after.confirmation_number}).`, 'Check in');
      onClose();
    } catch (e) {
      notifyError(e, 'Could not check in');
    }
  };

  return (
    <Modal opened={r !== null} onClose={onClose} title={r ? `Check in ${r.guest_name}` : ''}>
      {r && (
        <Stack>
          <Text size="sm" c="dimmed">
            {r.confirmation_number} · {r.nights} {r.nights === 1 ? 'night' : 'nights'} · {r.adults} {r.adults === 1 ? 'adult' : 'adults'}
          </Text>
          <Select
            label="Room"
            data={options}
            value={choice}
            onChange={(v) => setChoice(v ?? AUTO)}
            allowDeselect={false}
            description={availability.isPending ? 'Loading free rooms…' : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="teal" loading={act.isPending} onClick={() => void onCheckIn()}>
              Check in
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
