import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber } from './payments';

describe('payment reference', () => {
  it('refuses anything that looks like a card number, however it is spaced', () => {
    expect(looksLikeCardNumber('4111111111111111')).toBe(true);
    expect(looksLikeCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(looksLikeCardNumber('4111-1111-1111-1')).toBe(true);
    expect(looksLikeCardNumber('T-1001')).toBe(false);
    expect(looksLikeCardNumber('receipt 123456789012')).toBe(false);
  });
});
