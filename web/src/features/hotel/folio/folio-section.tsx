// A reservation's folio: its totals, every line (room nights, extras,
// corrections, payments and refunds), "Post charge" (Idempotency-Key: a double
// click or a retry posts once) and "Correct" on a charge line. Each action is
// offered only with its permission (hotel:folios:post, hotel:folios:correct).
import { Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { z } from 'zod';
import { DataTable, type Column } from '@/components/data-table';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { POSTABLE_CHARGE_TYPES, type ChargeType, type FolioLine } from '../common/front-office';
import { useIdempotencyKeys } from '../common/idempotency';
import { staffName, useStaff } from '../common/lookups';
import { currencyDigits, fromMinor, toMinor } from '../common/money';
import { toneColor } from '../common/tone';
import { useCorrectLine, useFolio, usePostCharge, type Reservation } from './api';
import { correctable, folioTotalCards, lineDescription, lineTypeLabel } from './totals';

/** A checked-out stay's folio is closed: nothing more can be posted to it. */
const folioOpen = (status: Reservation['status']) => status !== 'checked_out';

export function FolioSection({ reservation }: { reservation: Reservation }) {
  const { can } = useAuth();
  const folio = useFolio(reservation.id);
  const staff = useStaff();
  const [posting, setPosting] = useState(false);
  const [correcting, setCorrecting] = useState<FolioLine | null>(null);
  const currency = folio.data?.currency ?? reservation.currency;
  const mayCorrect = can('hotel:folios:correct');
  const { hash } = useLocation();
  const loaded = folio.data !== undefined;

  // "Open folio" links here with #folio: bring the section into view once it is drawn.
  useEffect(() => {
    if (hash === '#folio' && loaded) document.getElementById('folio')?.scrollIntoView({ block: 'start' });
  }, [hash, loaded]);

  const postedBy = (l: FolioLine) => (l.posted_by === null ? 'Night audit' : (staffName(staff.data, l.posted_by) ?? 'Staff'));

  const columns: Column<FolioLine>[] = [
    { key: 'date', header: 'Date', render: (l) => formatDate(l.business_date) },
    { key: 'type', header: 'Type', render: (l) => lineTypeLabel(l) },
    { key: 'description', header: 'Description', render: (l) => lineDescription(l) },
    { key: 'qty', header: 'Qty', align: 'right', render: (l) => (l.kind === 'charge' ? l.quantity : '') },
    {
      key: 'unit',
      header: 'Unit price',
      align: 'right',
      render: (l) => (l.kind === 'charge' ? formatMoney(l.unit_price.amount_minor, l.unit_price.currency) : ''),
    },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (l) => (
        <Text size="sm" fw={600} style={l.amount.amount_minor < 0 ? { color: toneColor('teal') } : undefined}>
          {formatMoney(l.amount.amount_minor, l.amount.currency)}
        </Text>
      ),
    },
    { key: 'by', header: 'Posted by', render: (l) => postedBy(l), visibleFrom: 'md' },
    ...(mayCorrect
      ? [
          {
            key: 'actions',
            header: <span className="kc-sr-only">Actions</span>,
            align: 'right' as const,
            render: (l: FolioLine) =>
              correctable(l) > 0 && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-label={`Correct ${lineTypeLabel(l).toLowerCase()} of ${formatMoney(l.amount.amount_minor, l.amount.currency)}`}
                  onClick={() => setCorrecting(l)}
                >
                  Correct
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div id="folio">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Folio
        </Title>
        {can('hotel:folios:post') && folioOpen(reservation.status) && (
          <Button onClick={() => setPosting(true)}>Post charge</Button>
        )}
      </Group>
      {folio.data && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm" role="list" aria-label="Folio totals">
          {folioTotalCards(folio.data.totals).map((c) => (
            <Paper key={c.label} p="sm" radius="md" role="listitem" aria-label={c.label}>
              <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                {c.label}
              </Text>
              <Text fz="xl" fw={700} lh={1.3}>
                {c.value}
              </Text>
              <Text size="xs" c="dimmed">
                {c.hint}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <DataTable
        label="Folio lines"
        columns={columns}
        rows={folio.data?.lines}
        rowKey={(l) => l.id}
        loading={folio.isFetching}
        error={folio.error}
        onRetry={() => void folio.refetch()}
        emptyTitle="Nothing posted yet"
        emptyHint="Room nights are posted by the night audit and at check-out."
      />
      <PostChargeModal opened={posting} onClose={() => setPosting(false)} reservation={reservation} currency={currency} />
      <CorrectModal line={correcting} onClose={() => setCorrecting(null)} reservation={reservation} />
    </div>
  );
}

type Postable = Exclude<ChargeType, 'room'>;

export const chargeSchema = z
  .object({
    charge_type: z.enum(POSTABLE_CHARGE_TYPES as [Postable, ...Postable[]]),
    description: z.string().trim().max(200, 'At most 200 characters'),
    quantity: z.number({ error: 'Enter a quantity' }).int('A whole number').min(1, 'At least 1').max(999, 'At most 999'),
    unit_price: z.number({ error: 'Enter a price' }).positive('More than zero'),
  })
  .refine((v) => v.charge_type !== 'other' || v.description !== '', {
    path: ['description'],
    message: 'Describe an “other” charge',
  });

interface ChargeValues {
  charge_type: Postable;
  description: string;
  quantity: number | '';
  unit_price: number | '';
}

function PostChargeModal({
  opened,
  onClose,
  reservation,
  currency,
}: {
  opened: boolean;
  onClose: () => void;
  reservation: Reservation;
  currency: string;
}) {
  const post = usePostCharge(reservation.id);
  const keys = useIdempotencyKeys();
  const digits = currencyDigits(currency);
  const form = useForm<ChargeValues>({
    initialValues: { charge_type: 'minibar', description: '', quantity: 1, unit_price: '' },
    validate: zodValidate(chargeSchema),
  });

  useResetOnOpen(opened, () => {
    form.setValues({ charge_type: 'minibar', description: '', quantity: 1, unit_price: '' });
    form.clearErrors();
  });

  const onSubmit = form.onSubmit(async (v) => {
    const body = {
      charge_type: v.charge_type,
      description: v.description.trim() || undefined,
      quantity: Number(v.quantity),
      unit_price_minor: toMinor(Number(v.unit_price), currency),
    };
    try {
      const out = await post.mutateAsync({ body, idempotencyKey: keys.keyFor(body) });
      keys.reset();
      notifySuccess(
        `${formatMoney(out.line.amount.amount_minor, out.line.amount.currency)} posted; balance ${formatMoney(out.totals.balance.amount_minor, out.totals.balance.currency)}.`,
        'Charge posted',
      );
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { unit_price_minor: 'unit_price' })) notifyError(e, 'Could not post the charge');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Post a charge to ${reservation.confirmation_number}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Select
            label="Charge type"
            required
            allowDeselect={false}
            data={POSTABLE_CHARGE_TYPES.map((t) => ({ value: t, label: statusLabel(t) }))}
            {...form.getInputProps('charge_type')}
          />
          <TextInput
            label="Description"
            required={form.values.charge_type === 'other'}
            placeholder="e.g. 2 × mineral water"
            {...form.getInputProps('description')}
          />
          <Group grow align="flex-start">
            <NumberInput label="Quantity" required min={1} max={999} allowDecimal={false} {...form.getInputProps('quantity')} />
            <NumberInput
              label={`Unit price (${currency})`}
              required
              min={0}
              decimalScale={digits}
              fixedDecimalScale={digits > 0}
              thousandSeparator=","
              data-autofocus
              {...form.getInputProps('unit_price')}
            />
          </Group>
          {form.values.unit_price !== '' && form.values.quantity !== '' && (
            <Text size="sm" c="dimmed">
              Amount: {formatMoney(toMinor(Number(form.values.unit_price), currency) * Number(form.values.quantity), currency)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={post.isPending}>
              Post charge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CorrectModal({ line, onClose, reservation }: { line: FolioLine | null; onClose: () => void; reservation: Reservation }) {
  const correct = useCorrectLine(reservation.id);
  const currency = line?.currency ?? reservation.currency;
  const left = line ? correctable(line) : 0;
  const max = fromMinor(left, currency);
  const digits = currencyDigits(currency);
  const schema = z.object({
    reason: z.string().trim().min(1, 'A reason is required').max(500, 'At most 500 characters'),
    amount: z.union([
      z.literal(''),
      z.number().positive('More than zero').max(max, `At most ${formatMoney(left, currency)}`),
    ]),
  });
  const form = useForm<{ reason: string; amount: number | '' }>({
    initialValues: { reason: '', amount: '' },
    validate: zodValidate(schema),
  });

  useResetOnOpen(
    line !== null,
    () => {
      form.setValues({ reason: '', amount: '' });
      form.clearErrors();
    },
    line,
  );

  const onSubmit = form.onSubmit(async (v) => {
    if (!line) return;
    try {
      const out = await correct.mutateAsync({
        lineId: line.id,
        body: { reason: v.reason.trim(), amount_minor: v.amount === '' ? undefined : toMinor(Number(v.amount), currency) },
      });
      notifySuccess(
        `${formatMoney(Math.abs(out.line.amount.amount_minor), out.line.amount.currency)} corrected; balance ${formatMoney(out.totals.balance.amount_minor, out.totals.balance.currency)}.`,
        'Charge corrected',
      );
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { amount_minor: 'amount' })) notifyError(e, 'Could not correct the charge');
    }
  });

  return (
    <Modal opened={line !== null} onClose={onClose} title="Correct a charge">
      {line && (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {lineTypeLabel(line)} of {formatMoney(line.amount.amount_minor, line.amount.currency)} on {formatDate(line.business_date)};
              up to {formatMoney(left, currency)} can be corrected.
            </Text>
            <Textarea label="Reason" required autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
            <NumberInput
              label={`Amount (${currency})`}
              description="Leave empty to correct all that is left"
              min={0}
              max={max}
              decimalScale={digits}
              fixedDecimalScale={digits > 0}
              thousandSeparator=","
              {...form.getInputProps('amount')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="orange" loading={correct.isPending}>
                Correct
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
