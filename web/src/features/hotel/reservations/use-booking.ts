// The booking flow's state: the stay (dates, property, party), the chosen
// room type, room and guest, the step, and the booking itself, sent with an
// Idempotency-Key bound to its body so a double click or a retry after a lost
// answer books once.
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { notifyError, notifySuccess } from '@/lib/notify';
import { addDays, isIsoDate, nightsBetween, todayIn } from '../common/dates';
import type { Guest } from '../common/guest-form';
import { useGuest } from '../common/guest-queries';
import { useIdempotencyKeys } from '../common/idempotency';
import { useAllRooms, usePropertyChoices } from '../common/lookups';
import { useAvailability, useCreateReservation } from './api';

export interface Stay {
  property_id: string;
  check_in: string;
  check_out: string;
  adults: number | '';
  children: number | '';
}

export function stayErrors(s: Stay): Partial<Record<keyof Stay, string>> {
  const errors: Partial<Record<keyof Stay, string>> = {};
  if (!s.property_id) errors.property_id = 'Choose a property';
  if (!isIsoDate(s.check_in)) errors.check_in = 'Choose the arrival date';
  if (!isIsoDate(s.check_out)) errors.check_out = 'Choose the departure date';
  else if (isIsoDate(s.check_in)) {
    const n = nightsBetween(s.check_in, s.check_out);
    if (n === 0) errors.check_out = 'After the arrival';
    else if (n > 365) errors.check_out = 'At most 365 nights';
  }
  if (s.adults === '' || s.adults < 1) errors.adults = 'At least one adult';
  if (s.children !== '' && s.children < 0) errors.children = 'Not negative';
  return errors;
}

export type BookingStatus = 'confirmed' | 'pending';

export function useBooking() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const properties = usePropertyChoices();
  const prefilled = {
    property_id: search.get('property_id') ?? '',
    check_in: search.get('check_in') ?? '',
    check_out: search.get('check_out') ?? '',
    room_type_id: search.get('room_type_id') ?? '',
    guest_id: search.get('guest_id') ?? '',
  };
  const [stay, setStay] = useState<Stay>({
    property_id: prefilled.property_id,
    check_in: prefilled.check_in,
    check_out: prefilled.check_out,
    adults: 2,
    children: 0,
  });
  const [stayTouched, setStayTouched] = useState(false);
  const startAtRoom = prefilled.room_type_id !== '' && Object.keys(stayErrors({ ...stay, adults: 2 })).length === 0;
  const [step, setStep] = useState(startAtRoom ? 2 : 0);
  const [roomTypeId, setRoomTypeId] = useState(prefilled.room_type_id);
  const [roomId, setRoomId] = useState('');
  const [guest, setGuest] = useState<Guest | null>(null);
  const [status, setStatus] = useState<BookingStatus>('confirmed');
  const [notes, setNotes] = useState('');
  const [bookError, setBookError] = useState<unknown>(null);
  const create = useCreateReservation();
  const keys = useIdempotencyKeys();

  // One property only: choose it; default dates: tonight in the property's zone.
  useEffect(() => {
    if (!stay.property_id && properties.options.length === 1) setStay((s) => ({ ...s, property_id: properties.options[0].value }));
  }, [properties.options, stay.property_id]);
  const zone = properties.find(stay.property_id)?.timezone;
  useEffect(() => {
    if (stay.check_in) return;
    const today = todayIn(zone);
    setStay((s) => ({ ...s, check_in: today, check_out: s.check_out || addDays(today, 1) }));
  }, [zone, stay.check_in]);

  const prefillGuest = useGuest(prefilled.guest_id, prefilled.guest_id !== '');
  useEffect(() => {
    const found = prefillGuest.data;
    // The guest of the link, unless one was chosen meanwhile.
    if (found && !found.erased) setGuest((chosen) => chosen ?? found);
  }, [prefillGuest.data]);

  const errors = stayErrors(stay);
  const stayValid = Object.keys(errors).length === 0;
  const nights = nightsBetween(stay.check_in, stay.check_out);
  const availability = useAvailability(
    stayValid && step >= 1 ? { property_id: stay.property_id, check_in: stay.check_in, check_out: stay.check_out } : null,
  );
  const chosenType = availability.data?.room_types.find((t) => t.room_type_id === roomTypeId);
  const rooms = useAllRooms({ property_id: stay.property_id || undefined, room_type_id: roomTypeId || undefined }, roomTypeId !== '');
  const freeRooms = (rooms.data ?? []).filter((r) => chosenType?.free_room_ids.includes(r.id));
  const chosenRoom = freeRooms.find((r) => r.id === roomId);
  const party = Number(stay.adults || 0) + Number(stay.children || 0);

  const setStayField = <K extends keyof Stay>(key: K, value: Stay[K]) => {
    setStay((s) => ({ ...s, [key]: value }));
    // New dates or property: choose the room type and room again.
    if (key === 'property_id' || key === 'check_in' || key === 'check_out') {
      setRoomId('');
      if (key === 'property_id') setRoomTypeId('');
    }
  };

  const canGo = (target: number): boolean => {
    if (target >= 1 && !stayValid) return false;
    if (target >= 2 && !(chosenType && chosenType.available > 0)) return false;
    if (target >= 4 && !guest) return false;
    return true;
  };

  const next = () => {
    if (step === 0) {
      setStayTouched(true);
      if (!stayValid) return;
    }
    if (canGo(step + 1)) setStep(step + 1);
  };

  const onBook = async () => {
    if (!guest || !chosenType) return;
    const body = {
      property_id: stay.property_id,
      room_type_id: chosenType.room_type_id,
      guest_id: guest.id,
      check_in_date: stay.check_in,
      check_out_date: stay.check_out,
      adults: Number(stay.adults),
      children: Number(stay.children || 0),
      room_id: roomId || undefined,
      status,
      notes: notes.trim() || undefined,
    };
    setBookError(null);
    try {
      const r = await create.mutateAsync({ body, idempotencyKey: keys.keyFor(body) });
      keys.reset();
      notifySuccess(`${r.guest_name} is booked: ${r.confirmation_number}.`, 'Stay booked');
      navigate(`/hotel/reservations/${r.id}`, { replace: true });
    } catch (e) {
      setBookError(e);
      notifyError(e, 'Could not book the stay');
    }
  };

  return {
    properties,
    stay,
    setStayField,
    stayTouched,
    errors,
    stayValid,
    nights,
    party,
    step,
    setStep,
    canGo,
    next,
    availability,
    roomTypeId,
    setRoomTypeId,
    chosenType,
    rooms,
    freeRooms,
    roomId,
    setRoomId,
    chosenRoom,
    guest,
    setGuest,
    status,
    setStatus,
    notes,
    setNotes,
    bookError,
    booking: create.isPending,
    onBook,
  };
}

export type Booking = ReturnType<typeof useBooking>;
