// What the folio shows, worked out from the server's figures: the four
// totals (charges, payments, pending room nights, balance) with their hints,
// each line's type, and how much of a charge is left to correct.
import { statusLabel } from '@/components/status-badge';
import { formatDate, formatMoney } from '@/lib/format';
import type { FolioLine, FolioTotals, Money } from '../common/front-office';

export interface TotalCard {
  label: string;
  value: string;
  hint: string;
}

const money = (m: Money) => formatMoney(m.amount_minor, m.currency);

export function balanceHint(balance: Money): string {
  if (balance.amount_minor > 0) return 'Still due';
  if (balance.amount_minor < 0) return 'Owed to the guest';
  return 'Settled';
}

/** Charges net of corrections, payments net of refunds, the room nights still to post, and the balance. */
export function folioTotalCards(t: FolioTotals): TotalCard[] {
  const currency = t.balance.currency;
  const netCharges = { amount_minor: t.charges.amount_minor + t.corrections.amount_minor, currency };
  const nights = t.pending_room_nights;
  return [
    {
      label: 'Charges',
      value: money(netCharges),
      hint:
        t.corrections.amount_minor !== 0
          ? `${money(t.charges)} posted, ${money({ amount_minor: -Math.abs(t.corrections.amount_minor), currency })} corrected`
          : 'Posted to the folio',
    },
    {
      label: 'Payments',
      value: money(t.paid),
      hint: t.refunds.amount_minor !== 0 ? `${money(t.payments)} received, ${money(t.refunds)} refunded` : 'Received',
    },
    {
      label: 'Pending room nights',
      value: String(nights),
      hint: nights > 0 ? `${money(t.pending_room_charges)} still to post` : 'Every night is posted',
    },
    { label: 'Balance', value: money(t.balance), hint: balanceHint(t.balance) },
  ];
}

/** "Minibar", "Room night", "Payment (card)", "Refund (cash)", "Correction". */
export function lineTypeLabel(line: Pick<FolioLine, 'kind' | 'charge_type' | 'method'>): string {
  switch (line.kind) {
    case 'charge':
      return line.charge_type === 'room' ? 'Room night' : statusLabel(line.charge_type ?? 'other');
    case 'payment':
      return line.method ? `Payment (${statusLabel(line.method).toLowerCase()})` : 'Payment';
    case 'refund':
      return line.method ? `Refund (${statusLabel(line.method).toLowerCase()})` : 'Refund';
    case 'correction':
      return 'Correction';
  }
  return statusLabel(line.kind);
}

/** What is left to correct of a charge line, in minor units (0 for anything else). */
export function correctable(line: Pick<FolioLine, 'kind' | 'amount' | 'corrected'>): number {
  if (line.kind !== 'charge') return 0;
  return Math.max(0, line.amount.amount_minor - Math.abs(line.corrected.amount_minor));
}

/** The description shown for a line: a room night names its night. */
export function lineDescription(line: Pick<FolioLine, 'description' | 'room_night' | 'reason' | 'kind'>): string {
  const base = line.description || (line.room_night ? `Night of ${formatDate(line.room_night)}` : '');
  if (line.kind === 'correction' && line.reason) return base ? `${base} — ${line.reason}` : line.reason;
  return base || '—';
}
