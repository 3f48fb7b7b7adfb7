import { describe, expect, it } from 'vitest';
import { neighbours } from './api';

describe('incident board columns', () => {
  it('moves a card one column left or right, not past the ends', () => {
    expect(neighbours('open')).toEqual({ prev: null, next: 'in_progress' });
    expect(neighbours('in_progress')).toEqual({ prev: 'open', next: 'resolved' });
    expect(neighbours('resolved')).toEqual({ prev: 'in_progress', next: 'closed' });
    expect(neighbours('closed')).toEqual({ prev: 'resolved', next: null });
  });
});
