// The reservation state machine of API.md: pending → confirmed → checked_in →
// checked_out; pending|confirmed → cancelled; confirmed → no_show. A page
// offers only the moves the status allows and the user's role permits.
import type { Schemas } from '@/lib/api';

export type ReservationStatus = Schemas['ReservationStatus'];
export type ReservationAction = 'confirm' | 'check_in' | 'check_out' | 'cancel' | 'no_show';

export const RESERVATION_STATUSES: ReservationStatus[] = ['pending', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'];

const TRANSITIONS: Record<ReservationStatus, ReservationAction[]> = {
  pending: ['confirm', 'cancel'],
  confirmed: ['check_in', 'no_show', 'cancel'],
  checked_in: ['check_out'],
  checked_out: [],
  cancelled: [],
  no_show: [],
};

export const ACTION_PERMISSION: Record<ReservationAction, string> = {
  confirm: 'hotel:reservations:update',
  check_in: 'hotel:reservations:check_in',
  check_out: 'hotel:reservations:check_out',
  cancel: 'hotel:reservations:cancel',
  no_show: 'hotel:reservations:cancel',
};

export const ACTION_LABEL: Record<ReservationAction, string> = {
  confirm: 'Confirm',
  check_in: 'Check in',
  check_out: 'Check out',
  cancel: 'Cancel reservation',
  no_show: 'Mark no-show',
};

/** The status each action leads to. */
export const ACTION_RESULT: Record<ReservationAction, ReservationStatus> = {
  confirm: 'confirmed',
  check_in: 'checked_in',
  check_out: 'checked_out',
  cancel: 'cancelled',
  no_show: 'no_show',
};

export function allowedActions(status: ReservationStatus, can: (code: string) => boolean): ReservationAction[] {
  return TRANSITIONS[status].filter((a) => can(ACTION_PERMISSION[a]));
}

/** A room can be (re)assigned while the stay has not begun. */
export const canAssignRoom = (status: ReservationStatus) => status === 'pending' || status === 'confirmed';

/** Dates change while pending or confirmed; guests, rate and notes while the stay holds a room. */
export const canEditDates = canAssignRoom;
export const canEditStay = (status: ReservationStatus) => status === 'pending' || status === 'confirmed' || status === 'checked_in';
