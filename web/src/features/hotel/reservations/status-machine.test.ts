import { describe, expect, it } from 'vitest';
import { can as canWith } from '@/lib/auth/permissions';
import { allowedActions, canAssignRoom, canEditDates, canEditStay, RESERVATION_STATUSES } from './status-machine';

const all = (code: string) => canWith(['hotel:*'], code);

describe('reservation actions', () => {
  it("offers exactly API.md's transitions to a user who may do everything", () => {
    const table = Object.fromEntries(RESERVATION_STATUSES.map((s) => [s, allowedActions(s, all)]));
    expect(table).toEqual({
      pending: ['confirm', 'cancel'],
      confirmed: ['check_in', 'no_show', 'cancel'],
      checked_in: ['check_out'],
      checked_out: [],
      cancelled: [],
      no_show: [],
    });
  });

  it('leaves out the actions the role does not permit', () => {
    const desk = (code: string) => canWith(['hotel:reservations:read', 'hotel:reservations:check_in'], code);
    expect(allowedActions('confirmed', desk)).toEqual(['check_in']);
    expect(allowedActions('pending', desk)).toEqual([]);
    // no-show is a cancellation permission.
    const canceller = (code: string) => canWith(['hotel:reservations:cancel'], code);
    expect(allowedActions('confirmed', canceller)).toEqual(['no_show', 'cancel']);
    const accountant = (code: string) => canWith(['hotel:payments:*', 'hotel:reservations:read'], code);
    for (const s of RESERVATION_STATUSES) expect(allowedActions(s, accountant)).toEqual([]);
  });

  it('allows room changes and date changes only before arrival, the rest while the stay holds a room', () => {
    expect(RESERVATION_STATUSES.filter(canAssignRoom)).toEqual(['pending', 'confirmed']);
    expect(RESERVATION_STATUSES.filter(canEditDates)).toEqual(['pending', 'confirmed']);
    expect(RESERVATION_STATUSES.filter(canEditStay)).toEqual(['pending', 'confirmed', 'checked_in']);
  });
});
