import { describe, expect, it } from 'vitest';
import { stayErrors } from './booking-page';

const ok = { property_id: 'p1', check_in: '2026-11-23', check_out: '2026-11-25', adults: 2 as const, children: 0 as const };

describe('booking: the stay step', () => {
  it('accepts a property, real dates in order, and at least one adult', () => {
    expect(stayErrors(ok)).toEqual({});
  });

  it('says what is wrong with each field', () => {
    expect(stayErrors({ property_id: '', check_in: '', check_out: '', adults: '', children: -1 })).toEqual({
      property_id: 'Choose a property',
      check_in: 'Choose the arrival date',
      check_out: 'Choose the departure date',
      adults: 'At least one adult',
      children: 'Not negative',
    });
    expect(stayErrors({ ...ok, check_out: ok.check_in }).check_out).toBe('After the arrival');
    expect(stayErrors({ ...ok, check_out: '2026-11-22' }).check_out).toBe('After the arrival');
    expect(stayErrors({ ...ok, check_out: '2027-11-24' }).check_out).toBe('At most 365 nights');
    expect(stayErrors({ ...ok, check_out: '2027-11-23' })).toEqual({});
    expect(stayErrors({ ...ok, check_in: '2026-02-30' }).check_in).toBe('Choose the arrival date');
    expect(stayErrors({ ...ok, adults: 0 }).adults).toBe('At least one adult');
  });
});
