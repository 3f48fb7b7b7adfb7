// /hotel/reservations/new: the booking flow. Dates → room type → room →
// guest (existing or new) → confirm. The booking is sent with an
// Idempotency-Key bound to its body, so a double click or a retry after a
// lost answer books once.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { statusLabel } from '@/components/status-badge';
import { errorMessage, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { addDays, isIsoDate, nightsBetween, todayIn } from '../common/dates';
import { GuestFields, emptyGuest, guestCreateBody, guestSchema, type Guest, type GuestFormValues } from '../common/guest-form';
import { useCreateGuest, useGuest, useGuests } from '../common/guest-queries';
import { useIdempotencyKeys } from '../common/idempotency';
import { useAllRooms, usePropertyChoices } from '../common/lookups';
import { useAvailability, useCreateReservation } from './api';

type TypeAvailability = Schemas['RoomTypeAvailability'];

interface Stay {
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

export function BookingPage() {
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
  const [status, setStatus] = useState<'confirmed' | 'pending'>('confirmed');
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

  return (
    <>
      <PageHeader
        title="New booking"
        description={
          <Anchor component={Link} to="/hotel/reservations" size="sm">
            Reservations
          </Anchor>
        }
      />
      <Paper p="lg" radius="md">
        <Stepper active={step} onStepClick={(s) => canGo(s) && setStep(s)} size="sm" allowNextStepsSelect={false} wrap>
          <Stepper.Step label="Dates" description={stayValid ? `${nights} night${nights === 1 ? '' : 's'}` : undefined}>
            <Stack mt="md" maw={720}>
              {!properties.loading && properties.options.length === 0 && (
                <Alert color="orange" role="alert">
                  No property can be booked: there is none with rooms yet, or your role can see neither properties nor rooms.
                </Alert>
              )}
              <Select
                label="Property"
                required
                allowDeselect={false}
                placeholder={properties.loading ? 'Loading…' : 'Choose a property'}
                data={properties.options}
                value={stay.property_id || null}
                onChange={(v) => setStayField('property_id', v ?? '')}
                error={stayTouched && errors.property_id}
                maw={360}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Arrival"
                  type="date"
                  required
                  value={stay.check_in}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setStayField('check_in', v);
                    if (isIsoDate(v) && nightsBetween(v, stay.check_out) === 0) setStayField('check_out', addDays(v, 1));
                  }}
                  error={stayTouched && errors.check_in}
                />
                <TextInput
                  label="Departure"
                  type="date"
                  required
                  value={stay.check_out}
                  min={isIsoDate(stay.check_in) ? addDays(stay.check_in, 1) : undefined}
                  onChange={(e) => setStayField('check_out', e.currentTarget.value)}
                  error={stayTouched && errors.check_out}
                />
                <NumberInput
                  label="Adults"
                  required
                  min={1}
                  max={50}
                  allowDecimal={false}
                  value={stay.adults}
                  onChange={(v) => setStayField('adults', v === '' ? '' : Number(v))}
                  error={stayTouched && errors.adults}
                />
                <NumberInput
                  label="Children"
                  min={0}
                  max={50}
                  allowDecimal={false}
                  value={stay.children}
                  onChange={(v) => setStayField('children', v === '' ? '' : Number(v))}
                  error={stayTouched && errors.children}
                />
              </SimpleGrid>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Room type" description={chosenType ? chosenType.name : undefined}>
            <Stack mt="md">
              <Text size="sm" c="dimmed">
                {formatDate(stay.check_in)} → {formatDate(stay.check_out)} · {nights} night{nights === 1 ? '' : 's'} · {party}{' '}
                guest{party === 1 ? '' : 's'}
              </Text>
              {availability.isPending ? (
                <Loader aria-label="Loading availability" />
              ) : availability.isError ? (
                <Alert color="red" role="alert" title="Could not load the availability">
                  {errorMessage(availability.error)}
                </Alert>
              ) : availability.data.room_types.length === 0 ? (
                <Alert color="gray">This property has no room types yet.</Alert>
              ) : (
                <Radio.Group
                  value={roomTypeId}
                  onChange={(v) => {
                    setRoomTypeId(v);
                    setRoomId('');
                  }}
                  label="Room type"
                  name="room_type"
                >
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs">
                    {availability.data.room_types.map((t) => (
                      <RoomTypeCard key={t.room_type_id} type={t} nights={nights} party={party} />
                    ))}
                  </SimpleGrid>
                </Radio.Group>
              )}
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Room" description={roomTypeId ? (chosenRoom ? `Room ${chosenRoom.room_number}` : 'Any free room') : undefined}>
            <Stack mt="md" maw={720}>
              <Radio.Group value={roomId} onChange={setRoomId} label="Room" description="Hold a room now, or let check-in pick a ready one" name="room">
                <Stack gap="xs" mt="xs">
                  <Radio value="" label="Any free room of the type (assigned at check-in)" />
                  {rooms.isPending && roomTypeId !== '' ? (
                    <Loader size="sm" aria-label="Loading rooms" />
                  ) : (
                    <SimpleGrid cols={{ base: 2, sm: 4 }}>
                      {freeRooms.map((r) => (
                        <Radio
                          key={r.id}
                          value={r.id}
                          label={`Room ${r.room_number}`}
                          description={r.floor !== null ? `Floor ${r.floor} · ${statusLabel(r.status).toLowerCase()}` : statusLabel(r.status)}
                        />
                      ))}
                    </SimpleGrid>
                  )}
                </Stack>
              </Radio.Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label="Guest" description={guest ? `${guest.first_name} ${guest.last_name}` : undefined}>
            <GuestStep guest={guest} onChoose={(g) => {
              setGuest(g);
              setStep(4);
            }} onClear={() => setGuest(null)} />
          </Stepper.Step>

          <Stepper.Step label="Confirm">
            {guest && chosenType && (
              <Stack mt="md" maw={720}>
                <Table variant="vertical" layout="fixed" withTableBorder>
                  <Table.Tbody>
                    <SummaryRow label="Guest" value={`${guest.first_name} ${guest.last_name}${guest.email ? ` · ${guest.email}` : ''}`} />
                    <SummaryRow label="Property" value={properties.label(stay.property_id)} />
                    <SummaryRow label="Stay" value={`${formatDate(stay.check_in)} → ${formatDate(stay.check_out)} (${nights} night${nights === 1 ? '' : 's'})`} />
                    <SummaryRow label="Guests" value={`${stay.adults} adult(s), ${stay.children || 0} child(ren)`} />
                    <SummaryRow label="Room type" value={`${chosenType.name} (${chosenType.code})`} />
                    <SummaryRow label="Room" value={chosenRoom ? `Room ${chosenRoom.room_number}` : 'Assigned at check-in'} />
                    <SummaryRow
                      label="Price"
                      value={`${formatMoney(chosenType.base_rate.amount_minor * nights, chosenType.base_rate.currency)} (${nights} × ${formatMoney(chosenType.base_rate.amount_minor, chosenType.base_rate.currency)})`}
                    />
                  </Table.Tbody>
                </Table>
                <Radio.Group value={status} onChange={(v) => setStatus(v as 'confirmed' | 'pending')} label="Book as" name="status">
                  <Group mt="xs">
                    <Radio value="confirmed" label="Confirmed" />
                    <Radio value="pending" label="Pending (to confirm later)" />
                  </Group>
                </Radio.Group>
                <Textarea label="Notes" autosize minRows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
                {bookError !== null && (
                  <Alert color="red" role="alert" title="The stay was not booked">
                    {errorMessage(bookError)} You can try again: a repeated attempt books at most once.
                  </Alert>
                )}
              </Stack>
            )}
          </Stepper.Step>
        </Stepper>

        <Group justify="space-between" mt="xl">
          <Button variant="default" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
            Back
          </Button>
          {step < 3 && (
            <Button onClick={next} disabled={step > 0 && !canGo(step + 1)}>
              Next
            </Button>
          )}
          {step === 3 && guest && (
            <Button onClick={() => setStep(4)}>Next</Button>
          )}
          {step === 4 && (
            <Button color="teal" onClick={() => void onBook()} loading={create.isPending} disabled={!guest || !chosenType}>
              Book stay
            </Button>
          )}
        </Group>
      </Paper>
    </>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th w={140}>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}

function RoomTypeCard({ type: t, nights, party }: { type: TypeAvailability; nights: number; party: number }) {
  const soldOut = t.available === 0;
  return (
    <Paper withBorder p="sm" radius="md" style={{ opacity: soldOut ? 0.6 : 1 }}>
      <Radio
        value={t.room_type_id}
        disabled={soldOut}
        label={
          <Group gap={6}>
            <Text fw={600} size="sm">
              {t.name}
            </Text>
            <Badge size="xs" variant="outline">
              {t.code}
            </Badge>
          </Group>
        }
        description={
          <Stack gap={2} component="span">
            <span>
              {formatMoney(t.base_rate.amount_minor, t.base_rate.currency)} / night · {formatMoney(t.base_rate.amount_minor * nights, t.base_rate.currency)} in all
            </span>
            <span>
              {soldOut ? 'Sold out' : `${t.available} of ${t.total} available`} · sleeps {t.capacity}
              {party > t.capacity ? ' — fewer than your party' : ''}
            </span>
          </Stack>
        }
      />
    </Paper>
  );
}

function GuestStep({ guest, onChoose, onClear }: { guest: Guest | null; onChoose: (g: Guest) => void; onClear: () => void }) {
  const { can } = useAuth();
  const canSearch = can('hotel:guests:read');
  const canCreate = can('hotel:guests:create');
  const [mode, setMode] = useState<'existing' | 'new'>(canSearch ? 'existing' : 'new');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const results = useGuests({ q: debounced || undefined, limit: 8, sort: '-created_at' }, canSearch && mode === 'existing');
  const create = useCreateGuest();
  const form = useForm<GuestFormValues>({ initialValues: emptyGuest, validate: zodValidate(guestSchema) });

  const onCreate = form.onSubmit(async (v) => {
    try {
      const g = await create.mutateAsync(guestCreateBody(v));
      notifySuccess(`${g.first_name} ${g.last_name} was added.`, 'Guest added');
      form.reset();
      onChoose(g);
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not add the guest');
    }
  });

  if (!canSearch && !canCreate) {
    return (
      <Alert color="orange" mt="md">
        Your role may neither look up nor add guests, so it cannot book.
      </Alert>
    );
  }

  return (
    <Stack mt="md" maw={720}>
      {guest && (
        <Alert color="teal" title="Guest chosen" withCloseButton onClose={onClear} closeButtonLabel="Choose another guest">
          {guest.first_name} {guest.last_name}
          {guest.email ? ` · ${guest.email}` : ''}
        </Alert>
      )}
      {canSearch && canCreate && (
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'existing' | 'new')}
          data={[
            { value: 'existing', label: 'Existing guest' },
            { value: 'new', label: 'New guest' },
          ]}
          w="fit-content"
        />
      )}
      {mode === 'existing' ? (
        <Stack gap="xs">
          <TextInput label="Find a guest" placeholder="Name, email or phone" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus />
          {results.isError ? (
            <Alert color="red">{errorMessage(results.error)}</Alert>
          ) : results.isPending ? (
            <Loader size="sm" aria-label="Searching guests" />
          ) : results.data.items.filter((g) => !g.erased).length === 0 ? (
            <Text size="sm" c="dimmed">
              No guest matches{canCreate ? ' — add a new one instead' : ''}.
            </Text>
          ) : (
            <Stack gap={6} role="list" aria-label="Matching guests">
              {results.data.items
                .filter((g) => !g.erased)
                .map((g) => (
                  <Paper key={g.id} withBorder p="xs" radius="md" role="listitem">
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text size="sm" fw={600}>
                          {g.first_name} {g.last_name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[g.email, g.phone].filter(Boolean).join(' · ') || 'No contact details'}
                        </Text>
                      </div>
                      <Button size="xs" variant={guest?.id === g.id ? 'filled' : 'light'} onClick={() => onChoose(g)} aria-label={`Choose ${g.first_name} ${g.last_name}`}>
                        {guest?.id === g.id ? 'Chosen' : 'Choose'}
                      </Button>
                    </Group>
                  </Paper>
                ))}
            </Stack>
          )}
        </Stack>
      ) : (
        <form onSubmit={onCreate} noValidate>
          <Stack>
            <GuestFields form={form} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                Add guest and continue
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
