// A reservation's payments: the list (payments and refunds), take a payment
// (Idempotency-Key: a double click or a retry records it once) and refund
// part or all of a payment.
import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { DataTable, type Column } from '@/components/data-table';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import type { Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useIdempotencyKeys } from '../common/idempotency';
import { currencyDigits, fromMinor, toMinor } from '../common/money';
import { toneColor } from '../common/tone';
import { useRefund, useReservationPayments, useTakePayment, type Payment, type Reservation } from './api';

type PaymentMethod = Schemas['PaymentMethod'];
type PaymentEntry = Schemas['PaymentEntry'];
export const PAYMENT_METHODS: PaymentMethod[] = ['cash', 'card', 'bank_transfer', 'other'];

/** What is left to refund of a payment, in minor units. */
export const refundable = (p: PaymentEntry) => p.amount_minor - p.refunded.amount_minor;

/** A run of 13 or more digits looks like a card number: the server refuses it, and it must never be typed. */
export const looksLikeCardNumber = (s: string) => /\d{13,}/.test(s.replace(/[\s-]/g, ''));

export function PaymentsSection({ reservation }: { reservation: Reservation }) {
  const { can } = useAuth();
  const payments = useReservationPayments(reservation.id);
  const [taking, setTaking] = useState(false);
  const [refunding, setRefunding] = useState<PaymentEntry | null>(null);
  const currency = reservation.currency;

  const columns: Column<Payment>[] = [
    { key: 'when', header: 'When', render: (p) => formatDateTime(p.created_at) },
    {
      key: 'kind',
      header: 'Kind',
      render: (p) =>
        p.kind === 'refund' ? (
          <Badge color="grape" variant="light">
            Refund
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            Payment
          </Badge>
        ),
    },
    { key: 'method', header: 'Method', render: (p) => statusLabel(p.method) },
    { key: 'ref', header: 'Reference / reason', render: (p) => p.reference ?? p.reason ?? '—' },
    {
      key: 'amount',
      header: 'Amount',
      align: 'right',
      render: (p) => (
        <Text size="sm" fw={600} style={p.kind === 'refund' ? { color: toneColor('grape') } : undefined}>
          {p.kind === 'refund' ? '−' : ''}
          {formatMoney(p.amount_minor, p.currency)}
        </Text>
      ),
    },
    {
      key: 'refunded',
      header: 'Refunded',
      align: 'right',
      render: (p) => (p.kind === 'payment' && p.refunded.amount_minor > 0 ? formatMoney(p.refunded.amount_minor, p.currency) : ''),
    },
    {
      key: 'actions',
      header: <span className="kc-sr-only">Actions</span>,
      align: 'right',
      render: (p) =>
        p.kind === 'payment' &&
        can('hotel:payments:refund') &&
        refundable(p) > 0 && (
          <Tooltip label="Refund this payment">
            <ActionIcon variant="subtle" color="grape" aria-label={`Refund payment of ${formatMoney(p.amount_minor, p.currency)}`} onClick={() => setRefunding(p)}>
              ↩
            </ActionIcon>
          </Tooltip>
        ),
    },
  ];

  return (
    <div>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Payments
        </Title>
        {can('hotel:payments:create') && (
          <Button onClick={() => setTaking(true)}>Take payment</Button>
        )}
      </Group>
      <DataTable
        label="Payments"
        columns={columns}
        rows={payments.data?.items}
        rowKey={(p) => p.id}
        loading={payments.isFetching}
        error={payments.error}
        onRetry={() => void payments.refetch()}
        emptyTitle="No payments yet"
      />
      <TakePaymentModal
        opened={taking}
        onClose={() => setTaking(false)}
        reservation={reservation}
        currency={currency}
      />
      <RefundModal payment={refunding} onClose={() => setRefunding(null)} />
    </div>
  );
}

const paymentSchema = z.object({
  amount: z.number({ error: 'Enter an amount' }).positive('More than zero'),
  method: z.enum(PAYMENT_METHODS as [PaymentMethod, ...PaymentMethod[]]),
  reference: z
    .string()
    .max(200, 'At most 200 characters')
    .refine((s) => !looksLikeCardNumber(s), 'Never enter a card number; use the terminal receipt number'),
});

function TakePaymentModal({
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
  const take = useTakePayment(reservation.id);
  const keys = useIdempotencyKeys();
  const digits = currencyDigits(currency);
  const form = useForm<{ amount: number | ''; method: PaymentMethod; reference: string }>({
    initialValues: { amount: '', method: 'card', reference: '' },
    validate: zodValidate(paymentSchema),
  });

  useResetOnOpen(
    opened,
    () => {
      const balance = reservation.balance.amount_minor;
      form.setValues({ amount: balance > 0 ? fromMinor(balance, currency) : '', method: 'card', reference: '' });
      form.clearErrors();
    },
  );

  const onSubmit = form.onSubmit(async (v) => {
    const body = { amount_minor: toMinor(Number(v.amount), currency), method: v.method, reference: v.reference.trim() || undefined };
    try {
      const paid = await take.mutateAsync({ body, idempotencyKey: keys.keyFor(body) });
      keys.reset();
      notifySuccess(
        `${formatMoney(paid.amount_minor, paid.currency)} received; balance ${formatMoney(paid.reservation.balance.amount_minor, paid.reservation.balance.currency)}.`,
        'Payment recorded',
      );
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { amount_minor: 'amount' })) notifyError(e, 'Could not record the payment');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Take a payment for ${reservation.confirmation_number}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Balance due: {formatMoney(reservation.balance.amount_minor, reservation.balance.currency)}
          </Text>
          <NumberInput
            label={`Amount (${currency})`}
            required
            min={0}
            decimalScale={digits}
            fixedDecimalScale={digits > 0}
            thousandSeparator=","
            data-autofocus
            {...form.getInputProps('amount')}
          />
          <Select
            label="Method"
            required
            allowDeselect={false}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: statusLabel(m) }))}
            {...form.getInputProps('method')}
          />
          <TextInput
            label="Reference"
            description="e.g. the terminal receipt number — never a card number"
            {...form.getInputProps('reference')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={take.isPending}>
              Record payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RefundModal({ payment, onClose }: { payment: PaymentEntry | null; onClose: () => void }) {
  const refund = useRefund();
  const currency = payment?.currency ?? 'EUR';
  const max = payment ? fromMinor(refundable(payment), currency) : 0;
  const digits = currencyDigits(currency);
  const schema = z.object({
    amount: z.number({ error: 'Enter an amount' }).positive('More than zero').max(max, `At most ${formatMoney(payment ? refundable(payment) : 0, currency)}`),
    reason: z.string().max(500, 'At most 500 characters'),
  });
  const form = useForm<{ amount: number | ''; reason: string }>({
    initialValues: { amount: '', reason: '' },
    validate: zodValidate(schema),
  });

  useResetOnOpen(
    payment !== null,
    () => {
      if (!payment) return;
      form.setValues({ amount: fromMinor(refundable(payment), payment.currency), reason: '' });
      form.clearErrors();
    },
    payment,
  );

  const onSubmit = form.onSubmit(async (v) => {
    if (!payment) return;
    try {
      const r = await refund.mutateAsync({
        paymentId: payment.id,
        body: { amount_minor: toMinor(Number(v.amount), currency), reason: v.reason.trim() || undefined },
      });
      notifySuccess(
        `${formatMoney(r.amount_minor, r.currency)} refunded; balance ${formatMoney(r.reservation.balance.amount_minor, r.reservation.balance.currency)}.`,
        'Refund recorded',
      );
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, { amount_minor: 'amount' })) notifyError(e, 'Could not refund');
    }
  });

  return (
    <Modal opened={payment !== null} onClose={onClose} title="Refund a payment">
      {payment && (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {statusLabel(payment.method)} payment of {formatMoney(payment.amount_minor, payment.currency)} on{' '}
              {formatDateTime(payment.created_at)}; up to {formatMoney(refundable(payment), payment.currency)} can be refunded.
            </Text>
            <NumberInput
              label={`Amount (${currency})`}
              required
              min={0}
              max={max}
              decimalScale={digits}
              fixedDecimalScale={digits > 0}
              thousandSeparator=","
              data-autofocus
              {...form.getInputProps('amount')}
            />
            <Textarea label="Reason" autosize minRows={2} {...form.getInputProps('reason')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="grape" loading={refund.isPending}>
                Refund
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
