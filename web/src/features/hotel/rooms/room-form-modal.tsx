// Create or edit a room: property (fixed once created), room type of that
// property, number, floor, first status, notes.
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import { notifyError, notifySuccess } from '@/lib/notify';
import { ROOM_STATUSES, usePropertyChoices, useRoomTypes, type Room, type RoomStatus } from '../common/lookups';
import { useCreateRoom, useUpdateRoom } from './api';

const schema = z.object({
  property_id: z.string().min(1, 'Choose a property'),
  room_type_id: z.string().min(1, 'Choose a room type'),
  room_number: z.string().trim().min(1, 'Required').max(20, 'At most 20 characters'),
  floor: z.union([z.literal(''), z.number().int('A whole number').min(-10, 'At least -10').max(300, 'At most 300')]),
  status: z.enum(ROOM_STATUSES as [RoomStatus, ...RoomStatus[]]),
  notes: z.string().max(2000, 'At most 2000 characters'),
});

type Values = {
  property_id: string;
  room_type_id: string;
  room_number: string;
  floor: number | '';
  status: RoomStatus;
  notes: string;
};

export function RoomFormModal({
  opened,
  onClose,
  room,
  defaults,
}: {
  opened: boolean;
  onClose: () => void;
  room?: Room;
  defaults?: { property_id?: string; room_type_id?: string };
}) {
  const editing = room !== undefined;
  const create = useCreateRoom();
  const update = useUpdateRoom();
  const properties = usePropertyChoices();
  const form = useForm<Values>({
    initialValues: { property_id: '', room_type_id: '', room_number: '', floor: '', status: 'clean', notes: '' },
    validate: zodValidate(schema),
  });
  const propertyId = form.getValues().property_id;
  const types = useRoomTypes(propertyId || null);

  useResetOnOpen(
    opened,
    () => {
      const onlyProperty = properties.options.length === 1 ? properties.options[0].value : '';
      form.setValues({
        property_id: room?.property_id ?? defaults?.property_id ?? onlyProperty,
        room_type_id: room?.room_type_id ?? defaults?.room_type_id ?? '',
        room_number: room?.room_number ?? '',
        floor: room?.floor ?? '',
        status: room?.status ?? 'clean',
        notes: room?.notes ?? '',
      });
      form.resetDirty();
      form.clearErrors();
    },
    room,
  );

  const onSubmit = form.onSubmit(async (v) => {
    const floor = v.floor === '' ? undefined : Number(v.floor);
    try {
      if (room) {
        await update.mutateAsync({
          id: room.id,
          body: {
            room_type_id: v.room_type_id,
            room_number: v.room_number.trim(),
            floor: floor ?? null,
            notes: v.notes.trim() || null,
            version: room.version,
          },
        });
        notifySuccess(`Room ${v.room_number.trim()} was saved.`, 'Room saved');
      } else {
        await create.mutateAsync({
          property_id: v.property_id,
          room_type_id: v.room_type_id,
          room_number: v.room_number.trim(),
          floor,
          status: v.status,
          notes: v.notes.trim() || undefined,
        });
        notifySuccess(`Room ${v.room_number.trim()} was created.`, 'Room created');
      }
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, editing ? 'Could not save the room' : 'Could not create the room');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit room ${room.room_number}` : 'New room'}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Property"
              required
              disabled={editing}
              allowDeselect={false}
              data={properties.options}
              {...form.getInputProps('property_id')}
              onChange={(v) => {
                form.setFieldValue('property_id', v ?? '');
                form.setFieldValue('room_type_id', '');
              }}
            />
            <Select
              label="Room type"
              required
              allowDeselect={false}
              disabled={!propertyId}
              placeholder={propertyId ? (types.data?.length === 0 ? 'This property has no room types' : undefined) : 'Choose a property first'}
              data={(types.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.code})` }))}
              {...form.getInputProps('room_type_id')}
            />
            <TextInput label="Room number" required data-autofocus {...form.getInputProps('room_number')} />
            <NumberInput label="Floor" allowDecimal={false} min={-10} max={300} {...form.getInputProps('floor')} />
            {!editing && (
              <Select
                label="Status"
                allowDeselect={false}
                data={ROOM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save' : 'Create room'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
