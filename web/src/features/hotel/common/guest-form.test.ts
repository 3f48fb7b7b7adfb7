import { describe, expect, it } from 'vitest';
import { zodValidate } from '@/components/forms';
import { emptyGuest, guestCreateBody, guestSchema, guestUpdateBody, guestValues, type Guest } from './guest-form';

const guest: Guest = {
  id: 'g1',
  tenant_id: 't',
  first_name: 'Grace',
  last_name: 'Hopper',
  email: 'grace@navy.test',
  phone: '+1 555 0100',
  id_type: null,
  id_number: null,
  nationality: 'US',
  notes: null,
  erased: false,
  erased_at: null,
  created_at: '',
  updated_at: '',
  version: 4,
};

describe('guest form', () => {
  it('creates with trimmed values and leaves empty optional fields out', () => {
    expect(guestCreateBody({ ...emptyGuest, first_name: ' Ada ', last_name: 'Lovelace', email: ' ada@x.test ' })).toEqual({
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@x.test',
      phone: undefined,
      id_type: undefined,
      id_number: undefined,
      nationality: undefined,
      notes: undefined,
    });
  });

  it('patches only what changed and clears an emptied field with null', () => {
    const values = { ...guestValues(guest), phone: '', nationality: 'US', notes: 'Late arrival', last_name: 'Hopper ' };
    expect(guestUpdateBody(guest, values)).toEqual({ phone: null, notes: 'Late arrival' });
    expect(guestUpdateBody(guest, guestValues(guest))).toEqual({});
  });

  it('validates names and the email inline', () => {
    const validate = zodValidate(guestSchema);
    expect(validate({ ...emptyGuest, email: 'grace@' })).toMatchObject({
      first_name: 'Required',
      last_name: 'Required',
      email: 'Enter a valid email address',
    });
    expect(validate({ ...emptyGuest, first_name: 'G', last_name: 'H' })).toEqual({});
  });
});
