import { describe, expect, it } from 'vitest';
import type { FolioLine, FolioTotals } from '../common/front-office';
import { balanceHint, correctable, folioTotalCards, lineDescription, lineTypeLabel } from './totals';

const eur = (amount_minor: number) => ({ amount_minor, currency: 'EUR' });

function totals(over: Partial<FolioTotals> = {}): FolioTotals {
  return {
    charges: eur(0),
    corrections: eur(0),
    payments: eur(0),
    refunds: eur(0),
    posted_balance: eur(0),
    pending_room_nights: 0,
    pending_room_charges: eur(0),
    total: eur(0),
    paid: eur(0),
    balance: eur(0),
    ...over,
  };
}

const line = (over: Partial<FolioLine>): FolioLine => ({
  id: 'l1',
  kind: 'charge',
  charge_type: 'minibar',
  business_date: '2026-12-04',
  room_night: null,
  description: 'Water',
  quantity: 2,
  unit_price: eur(350),
  amount: eur(700),
  currency: 'EUR',
  corrects: null,
  corrected: eur(0),
  reason: null,
  method: null,
  posted_by: null,
  created_at: '2026-12-04T10:00:00Z',
  ...over,
});

describe('folio totals', () => {
  it('shows charges net of corrections, payments net of refunds, pending nights and the balance', () => {
    const cards = folioTotalCards(
      totals({
        charges: eur(25_700),
        corrections: eur(-700),
        payments: eur(10_000),
        refunds: eur(2_000),
        paid: eur(8_000),
        pending_room_nights: 1,
        pending_room_charges: eur(12_000),
        total: eur(37_000),
        balance: eur(29_000),
      }),
    );
    expect(cards.map((c) => [c.label, c.value, c.hint])).toEqual([
      ['Charges', '€250.00', '€257.00 posted, -€7.00 corrected'],
      ['Payments', '€80.00', '€100.00 received, €20.00 refunded'],
      ['Pending room nights', '1', '€120.00 still to post'],
      ['Balance', '€290.00', 'Still due'],
    ]);
  });

  it('says when nothing is corrected, refunded or pending, and who owes whom', () => {
    const cards = folioTotalCards(totals({ balance: eur(-500), paid: eur(500), payments: eur(500) }));
    expect(cards.map((c) => c.hint)).toEqual(['Posted to the folio', 'Received', 'Every night is posted', 'Owed to the guest']);
    expect(balanceHint(eur(0))).toBe('Settled');
  });
});

describe('folio lines', () => {
  it('names each kind of line', () => {
    expect(lineTypeLabel(line({}))).toBe('Minibar');
    expect(lineTypeLabel(line({ charge_type: 'late_checkout' }))).toBe('Late checkout');
    expect(lineTypeLabel(line({ charge_type: 'room' }))).toBe('Room night');
    expect(lineTypeLabel(line({ kind: 'payment', charge_type: null, method: 'bank_transfer' }))).toBe('Payment (bank transfer)');
    expect(lineTypeLabel(line({ kind: 'refund', charge_type: null, method: null }))).toBe('Refund');
    expect(lineTypeLabel(line({ kind: 'correction', charge_type: null }))).toBe('Correction');
  });

  it('offers a correction only for what is left of a charge', () => {
    expect(correctable(line({}))).toBe(700);
    expect(correctable(line({ corrected: eur(200) }))).toBe(500);
    expect(correctable(line({ corrected: eur(700) }))).toBe(0);
    expect(correctable(line({ kind: 'payment', amount: eur(-700) }))).toBe(0);
    expect(correctable(line({ kind: 'correction', amount: eur(-700) }))).toBe(0);
  });

  it('describes a room night by its night and a correction with its reason', () => {
    expect(lineDescription(line({ description: '', room_night: '2026-12-04', kind: 'charge' }))).toMatch(/^Night of /);
    expect(lineDescription(line({ kind: 'correction', description: 'Correction of Water', reason: 'Not consumed' }))).toBe(
      'Correction of Water — Not consumed',
    );
    expect(lineDescription(line({ description: '' }))).toBe('—');
  });
});
