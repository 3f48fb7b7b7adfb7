// Editing a reservation: dates (while it has not started), party, rate and
// notes, as its status allows; sent with the version read.
import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import { notifyError, notifySuccess } from '@/lib/notify';
import { isIsoDate, nightsBetween } from '../common/dates';
import { currencyDigits, fromMinor, toMinor } from '../common/money';
import { useUpdateReservation, type ReservationDetail } from './api';
import { canEditDates, canEditStay } from './status-machine';
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

export function EditReservationModal({ reservation: r, opened, onClose }: { reservation: ReservationDetail; opened: boolean; onClose: () => void }) {
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
