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

/**
 * 12.5 EUR → 1250; rounds half up to the currency's smallest unit. The
 * decimal point is moved in the number's text (1.005 → "1.005e2" → 100.5),
 * because 1.005 * 100 is 100.49999999999999 in binary floating point.
 */
export function toMinor(amount: number, currency: string | null | undefined): number {
  const digits = currencyDigits(currency);
  const text = String(amount);
  const shifted = text.includes('e') ? amount * 10 ** digits : Number(`${text}e${digits}`);
  return Math.round(shifted);
}

/** 1250 EUR → 12.5 */
export function fromMinor(minor: number, currency: string | null | undefined): number {
  return minor / 10 ** currencyDigits(currency);
}
