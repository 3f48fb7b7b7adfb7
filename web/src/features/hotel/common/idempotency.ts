// Idempotency-Key for the POSTs that create money or bookings. One key per
// intended request: asking again with the same body (a double click, a retry
// after a lost answer) sends the same key, so the server creates it once and
// answers the first result again; a different body gets a new key (the
// server refuses a key reused with another body).
import { useRef } from 'react';

function randomKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;

  constructor(private readonly makeKey: () => string = randomKey) {}

  /** The key for this body: the previous one when the body is the same. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.last?.body !== text) this.last = { body: text, key: this.makeKey() };
    return this.last.key;
  }

  /** After a success: the next request is a new one, whatever its body. */
  reset() {
    this.last = null;
  }
}

export function useIdempotencyKeys(): IdempotencyKeys {
  const ref = useRef<IdempotencyKeys | null>(null);
  if (ref.current === null) ref.current = new IdempotencyKeys();
  return ref.current;
}
