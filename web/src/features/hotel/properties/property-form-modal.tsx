// Create or edit a property: name, code, time zone, currency, address,
// check-in and check-out times, the night audit's time and the VAT rate
// (typed as a percentage, sent in basis points), and, when editing, active
// or not.
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { z } from 'zod';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import type { Schemas } from '@/lib/api';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useCreateProperty, useUpdateProperty } from './api';

type Property = Schemas['Property'];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time such as 15:00');

export const propertySchema = z.object({
  name: z.string().trim().min(1, 'Required').max(200, 'At most 200 characters'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,20}$/, '2 to 20 letters, digits or hyphens'),
  timezone: z.string().min(1, 'Choose a time zone'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'A three-letter ISO 4217 code, e.g. EUR'),
  address: z.string().max(500, 'At most 500 characters'),
  check_in_time: time,
  check_out_time: time,
  night_audit_time: time,
  vat_rate: z
    .number({ error: 'Required' })
    .min(0, 'At least 0 %')
    .max(100, 'At most 100 %')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'At most two decimals'),
  active: z.boolean(),
});

/** As typed: the VAT rate is empty until a number is entered. */
export type PropertyFormValues = Omit<z.infer<typeof propertySchema>, 'vat_rate'> & { vat_rate: number | '' };

/** 7.5 % → 750 bp; the decimal point moves in the text (1.15 * 100 is 114.99999999999999). */
export function percentToBp(percent: number): number {
  const text = String(percent);
  return Math.round(text.includes('e') ? percent * 100 : Number(`${text}e2`));
}

/** 750 bp → 7.5 % */
export const bpToPercent = (bp: number) => bp / 100;

function supported(key: 'timeZone' | 'currency', fallback: string[]): string[] {
  try {
    const values = Intl.supportedValuesOf(key);
    return values.length ? values : fallback;
  } catch {
    return fallback;
  }
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function PropertyFormModal({
  opened,
  onClose,
  property,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  property?: Property;
  onCreated?: (p: Property) => void;
}) {
  const editing = property !== undefined;
  const create = useCreateProperty();
  const update = useUpdateProperty(property?.id ?? '');
  const currencies = useMemo(() => supported('currency', ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'INR']), []);

  const form = useForm<PropertyFormValues>({
    initialValues: {
      name: '',
      code: '',
      timezone: browserZone(),
      currency: 'EUR',
      address: '',
      check_in_time: '15:00',
      check_out_time: '11:00',
      night_audit_time: '03:00',
      vat_rate: 0,
      active: true,
    },
    validate: zodValidate(propertySchema),
  });

  // Intl leaves out UTC and aliases (a browser may answer Etc/UTC): keep the current value choosable.
  const allZones = useMemo(() => supported('timeZone', ['Europe/Berlin', 'Europe/Lisbon', 'America/New_York']), []);
  const zone = form.getValues().timezone;
  const zones = useMemo(() => [...new Set(['UTC', ...(zone ? [zone] : []), ...allZones])], [allZones, zone]);

  useResetOnOpen(
    opened,
    () => {
      form.setValues({
        name: property?.name ?? '',
        code: property?.code ?? '',
        timezone: property?.timezone ?? browserZone(),
        currency: property?.currency ?? 'EUR',
        address: property?.address ?? '',
        check_in_time: property?.check_in_time ?? '15:00',
        check_out_time: property?.check_out_time ?? '11:00',
        night_audit_time: property?.night_audit_time ?? '03:00',
        vat_rate: bpToPercent(property?.vat_rate_bp ?? 0),
        active: property ? property.status === 'active' : true,
      });
      form.resetDirty();
      form.clearErrors();
    },
    property,
  );

  const onSubmit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name.trim(),
      code: v.code.trim().toUpperCase(),
      timezone: v.timezone,
      currency: v.currency.trim().toUpperCase(),
      check_in_time: v.check_in_time,
      check_out_time: v.check_out_time,
    };
    const nightAuditTime = v.night_audit_time;
    const vatRateBp = percentToBp(Number(v.vat_rate));
    try {
      if (property) {
        await update.mutateAsync({
          ...fields,
          // Only what changed: another user may have moved them meanwhile.
          ...(nightAuditTime !== property.night_audit_time ? { night_audit_time: nightAuditTime } : {}),
          ...(vatRateBp !== property.vat_rate_bp ? { vat_rate_bp: vatRateBp } : {}),
          address: v.address.trim() || null,
          status: v.active ? 'active' : 'inactive',
          version: property.version,
        });
        notifySuccess(`${fields.name} was saved.`, 'Property saved');
      } else {
        const created = await create.mutateAsync({
          ...fields,
          night_audit_time: nightAuditTime,
          vat_rate_bp: vatRateBp,
          address: v.address.trim() || undefined,
        });
        notifySuccess(`${created.name} was created.`, 'Property created');
        onCreated?.(created);
      }
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { vat_rate_bp: 'vat_rate' })) notifyError(e, editing ? 'Could not save the property' : 'Could not create the property');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${property.name}` : 'New property'} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <TextInput
              label="Code"
              description="Letters, digits, hyphens; starts confirmation numbers"
              required
              {...form.getInputProps('code')}
            />
            <Select
              label="Time zone"
              description="Business dates are in this zone"
              required
              searchable
              allowDeselect={false}
              data={zones}
              limit={50}
              {...form.getInputProps('timezone')}
            />
            <Select
              label="Currency"
              required
              searchable
              allowDeselect={false}
              data={currencies}
              limit={50}
              {...form.getInputProps('currency')}
            />
            <TextInput label="Check-in time" type="time" required {...form.getInputProps('check_in_time')} />
            <TextInput label="Check-out time" type="time" required {...form.getInputProps('check_out_time')} />
            <TextInput
              label="Night audit at"
              description="Local time after which the previous business date is closed"
              type="time"
              required
              {...form.getInputProps('night_audit_time')}
            />
            <NumberInput
              label="VAT included in prices"
              description="Percent, up to two decimals; invoices show it"
              required
              min={0}
              max={100}
              clampBehavior="none"
              allowNegative={false}
              decimalScale={2}
              rightSection="%"
              {...form.getInputProps('vat_rate')}
            />
          </SimpleGrid>
          <Textarea label="Address" autosize minRows={2} {...form.getInputProps('address')} />
          {editing && <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save' : 'Create property'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
