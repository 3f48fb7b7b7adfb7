import { describe, expect, it } from 'vitest';
import { currencyDigits, fromMinor, toMinor } from './money';

describe('money in forms', () => {
  it("uses each currency's number of decimals", () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('not a currency')).toBe(2);
    expect(currencyDigits(null)).toBe(2);
  });

  it('turns typed amounts into minor units without float drift', () => {
    expect(toMinor(19.99, 'EUR')).toBe(1999);
    expect(toMinor(0.29, 'EUR')).toBe(29);
    expect(toMinor(1.005, 'EUR')).toBe(101);
    expect(toMinor(2.675, 'EUR')).toBe(268);
    expect(toMinor(1250, 'JPY')).toBe(1250);
    expect(toMinor(1.234, 'KWD')).toBe(1234);
  });

  it('turns minor units back into the amount shown in an input', () => {
    expect(fromMinor(24000, 'EUR')).toBe(240);
    expect(fromMinor(1999, 'EUR')).toBe(19.99);
    expect(fromMinor(1250, 'JPY')).toBe(1250);
  });
});
