import { describe, expect, it } from 'vitest';
import { IdempotencyKeys } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('Idempotency-Key per intended request', () => {
  it('sends the same key when the same body is sent again (double click, retry)', () => {
    const keys = new IdempotencyKeys(counter());
    const body = { guest_id: 'g1', check_in_date: '2026-03-01', adults: 2 };
    expect(keys.keyFor(body)).toBe('key-1');
    expect(keys.keyFor({ ...body })).toBe('key-1');
  });

  it('uses a new key for a different body, and after a success', () => {
    const keys = new IdempotencyKeys(counter());
    expect(keys.keyFor({ amount_minor: 100 })).toBe('key-1');
    expect(keys.keyFor({ amount_minor: 200 })).toBe('key-2');
    // Back to the first body: a new request, not the first one replayed.
    expect(keys.keyFor({ amount_minor: 100 })).toBe('key-3');
    keys.reset();
    expect(keys.keyFor({ amount_minor: 100 })).toBe('key-4');
  });

  it('makes unguessable random keys by default', () => {
    const a = new IdempotencyKeys().keyFor({});
    const b = new IdempotencyKeys().keyFor({});
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(16);
  });
});
