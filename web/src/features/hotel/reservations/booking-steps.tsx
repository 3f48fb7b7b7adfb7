// The steps of the booking flow (see use-booking.ts for their state): the
// stay's dates and party, the room type by availability, a room to hold, and
// the summary to confirm. The guest step is in booking-guest-step.tsx.
import { Alert, Badge, Group, Loader, NumberInput, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { statusLabel } from '@/components/status-badge';
import { errorMessage, type Schemas } from '@/lib/api';
import { formatDate, formatMoney } from '@/lib/format';
import { addDays, isIsoDate, nightsBetween } from '../common/dates';
import type { Booking, BookingStatus } from './use-booking';

type TypeAvailability = Schemas['RoomTypeAvailability'];

const nightsLabel = (n: number) => `${n} night${n === 1 ? '' : 's'}`;

export function DatesStep({ b }: { b: Booking }) {
  const { properties, stay, setStayField, stayTouched, errors } = b;
  return (
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
  );
}

export function RoomTypeStep({ b }: { b: Booking }) {
  const { stay, nights, party, availability, roomTypeId } = b;
  return (
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
            b.setRoomTypeId(v);
            b.setRoomId('');
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
  );
}

export function RoomStep({ b }: { b: Booking }) {
  const { roomId, rooms, roomTypeId, freeRooms } = b;
  return (
    <Stack mt="md" maw={720}>
      <Radio.Group value={roomId} onChange={b.setRoomId} label="Room" description="Hold a room now, or let check-in pick a ready one" name="room">
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
  );
}

export function ConfirmStep({ b }: { b: Booking }) {
  const { guest, chosenType, chosenRoom, properties, stay, nights, status, notes, bookError } = b;
  if (!guest || !chosenType) return null;
  const rate = chosenType.base_rate;
  return (
    <Stack mt="md" maw={720}>
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <SummaryRow label="Guest" value={`${guest.first_name} ${guest.last_name}${guest.email ? ` · ${guest.email}` : ''}`} />
          <SummaryRow label="Property" value={properties.label(stay.property_id)} />
          <SummaryRow label="Stay" value={`${formatDate(stay.check_in)} → ${formatDate(stay.check_out)} (${nightsLabel(nights)})`} />
          <SummaryRow label="Guests" value={`${stay.adults} adult(s), ${stay.children || 0} child(ren)`} />
          <SummaryRow label="Room type" value={`${chosenType.name} (${chosenType.code})`} />
          <SummaryRow label="Room" value={chosenRoom ? `Room ${chosenRoom.room_number}` : 'Assigned at check-in'} />
          <SummaryRow
            label="Price"
            value={`${formatMoney(rate.amount_minor * nights, rate.currency)} (${nights} × ${formatMoney(rate.amount_minor, rate.currency)})`}
          />
        </Table.Tbody>
      </Table>
      <Radio.Group value={status} onChange={(v) => b.setStatus(v as BookingStatus)} label="Book as" name="status">
        <Group mt="xs">
          <Radio value="confirmed" label="Confirmed" />
          <Radio value="pending" label="Pending (to confirm later)" />
        </Group>
      </Radio.Group>
      <Textarea label="Notes" autosize minRows={2} maxLength={2000} value={notes} onChange={(e) => b.setNotes(e.currentTarget.value)} />
      {bookError !== null && (
        <Alert color="red" role="alert" title="The stay was not booked">
          {errorMessage(bookError)} You can try again: a repeated attempt books at most once.
        </Alert>
      )}
    </Stack>
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
