// Money in forms: people type major units (12.50), the API takes minor units
// (1250) of the currency, whose number of decimals Intl knows (JPY 0, EUR 2,
// KWD 3).

export function currencyDigits(currency: string | null | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 12.5 EUR → 1250; rounds to the currency's smallest unit. */
export function toMinor(amount: number, currency: string | null | undefined): number {
  const digits = currencyDigits(currency);
  return Math.round(amount * 10 ** digits);
}

/** 1250 EUR → 12.5 */
export function fromMinor(minor: number, currency: string | null | undefined): number {
  return minor / 10 ** currencyDigits(currency);
}
