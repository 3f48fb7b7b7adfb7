// Create or edit a room type of a property: code, name, capacity, nightly
// base rate (typed in the property's currency, sent in minor units).
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import type { Schemas } from '@/lib/api';
import { notifyError, notifySuccess } from '@/lib/notify';
import { currencyDigits, fromMinor, toMinor } from '../common/money';
import { useCreateRoomType, useUpdateRoomType } from './api';

type RoomType = Schemas['RoomType'];
type Property = Schemas['Property'];

export const roomTypeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(20, 'At most 20 characters'),
  name: z.string().trim().min(1, 'Required').max(200, 'At most 200 characters'),
  capacity: z.number({ error: 'Required' }).int('A whole number').min(1, 'At least 1').max(50, 'At most 50'),
  base_rate: z.number({ error: 'Required' }).min(0, 'Not negative'),
  description: z.string().max(2000, 'At most 2000 characters'),
});

type Values = { code: string; name: string; capacity: number | ''; base_rate: number | ''; description: string };

export function RoomTypeFormModal({
  opened,
  onClose,
  property,
  roomType,
}: {
  opened: boolean;
  onClose: () => void;
  property: Property;
  roomType?: RoomType;
}) {
  const editing = roomType !== undefined;
  const create = useCreateRoomType();
  const update = useUpdateRoomType();
  const digits = currencyDigits(property.currency);
  const form = useForm<Values>({
    initialValues: { code: '', name: '', capacity: 2, base_rate: '', description: '' },
    validate: zodValidate(roomTypeSchema),
  });

  useResetOnOpen(
    opened,
    () => {
      form.setValues({
        code: roomType?.code ?? '',
        name: roomType?.name ?? '',
        capacity: roomType?.capacity ?? 2,
        base_rate: roomType ? fromMinor(roomType.base_rate_minor, property.currency) : '',
        description: roomType?.description ?? '',
      });
      form.resetDirty();
      form.clearErrors();
    },
    roomType,
  );

  const onSubmit = form.onSubmit(async (v) => {
    const fields = {
      code: v.code.trim(),
      name: v.name.trim(),
      capacity: Number(v.capacity),
      base_rate_minor: toMinor(Number(v.base_rate), property.currency),
    };
    try {
      if (roomType) {
        await update.mutateAsync({
          id: roomType.id,
          body: { ...fields, description: v.description.trim() || null, version: roomType.version },
        });
        notifySuccess(`${fields.name} was saved.`, 'Room type saved');
      } else {
        await create.mutateAsync({ ...fields, property_id: property.id, description: v.description.trim() || undefined });
        notifySuccess(`${fields.name} was added to ${property.name}.`, 'Room type created');
      }
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { base_rate_minor: 'base_rate' })) {
        notifyError(e, editing ? 'Could not save the room type' : 'Could not create the room type');
      }
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${roomType.name}` : `New room type in ${property.name}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Code" description="e.g. DBL" required data-autofocus {...form.getInputProps('code')} />
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <NumberInput label="Capacity" description="Guests" required min={1} max={50} allowDecimal={false} {...form.getInputProps('capacity')} />
            <NumberInput
              label={`Base rate per night (${property.currency})`}
              required
              min={0}
              decimalScale={digits}
              fixedDecimalScale={digits > 0}
              thousandSeparator=","
              {...form.getInputProps('base_rate')}
            />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save' : 'Create room type'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
