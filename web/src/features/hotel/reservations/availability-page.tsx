// /hotel/availability: what can be sold in a property for a range of nights,
// per room type, with a shortcut into the booking flow.
import { Alert, Badge, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import type { Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney } from '@/lib/format';
import { addDays, isIsoDate, nightsBetween, todayIn } from '../common/dates';
import { usePropertyChoices } from '../common/lookups';
import { useAvailability } from './api';

type TypeAvailability = Schemas['RoomTypeAvailability'];

export function AvailabilityPage() {
  const { can } = useAuth();
  const properties = usePropertyChoices();
  const [params, setParams] = useListParams({ property_id: '', check_in: '', check_out: '' });
  const propertyId = params.property_id || (properties.options.length === 1 ? properties.options[0].value : '');
  const zone = properties.find(propertyId)?.timezone;
  const checkIn = params.check_in || todayIn(zone);
  const checkOut = params.check_out || addDays(checkIn, 1);
  const nights = nightsBetween(checkIn, checkOut);
  const valid = propertyId !== '' && nights > 0 && nights <= 365;
  const query = useAvailability(valid ? { property_id: propertyId, check_in: checkIn, check_out: checkOut } : null);

  const bookLink = (t: TypeAvailability) =>
    `/hotel/reservations/new?${new URLSearchParams({ property_id: propertyId, check_in: checkIn, check_out: checkOut, room_type_id: t.room_type_id })}`;

  const columns: Column<TypeAvailability>[] = [
    {
      key: 'type',
      header: 'Room type',
      render: (t) => (
        <div>
          <Text fw={600} size="sm">
            {t.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t.code} · sleeps {t.capacity}
          </Text>
        </div>
      ),
    },
    { key: 'rate', header: 'Rate / night', align: 'right', render: (t) => formatMoney(t.base_rate.amount_minor, t.base_rate.currency) },
    {
      key: 'stay',
      header: `${nights} ${nights === 1 ? 'night' : 'nights'}`,
      align: 'right',
      render: (t) => formatMoney(t.base_rate.amount_minor * nights, t.base_rate.currency),
    },
    { key: 'total', header: 'Rooms', align: 'right', render: (t) => t.total },
    { key: 'booked', header: 'Booked (peak night)', align: 'right', render: (t) => t.booked },
    {
      key: 'available',
      header: 'Available',
      align: 'right',
      render: (t) => (
        <Badge color={t.available > 0 ? 'teal' : 'red'} variant="light" size="lg">
          {t.available}
        </Badge>
      ),
    },
    {
      key: 'book',
      header: <span className="kc-sr-only">Book</span>,
      align: 'right',
      render: (t) =>
        can('hotel:reservations:create') &&
        t.available > 0 && (
          <Button size="xs" component={Link} to={bookLink(t)} aria-label={`Book ${t.name}`}>
            Book
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="Availability" description="Rooms that can be sold on every night of a stay" />
      <Paper p="md" radius="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Property"
            placeholder={properties.loading ? 'Loading…' : 'Choose a property'}
            data={properties.options}
            value={propertyId || null}
            onChange={(v) => setParams({ ...params, property_id: v ?? '' })}
            allowDeselect={false}
            w={240}
          />
          <TextInput
            label="Arrival"
            type="date"
            value={checkIn}
            onChange={(e) => {
              const v = e.currentTarget.value;
              const out = isIsoDate(v) && nightsBetween(v, checkOut) === 0 ? addDays(v, 1) : checkOut;
              setParams({ ...params, check_in: v, check_out: out });
            }}
            w={170}
          />
          <TextInput
            label="Departure"
            type="date"
            value={checkOut}
            min={isIsoDate(checkIn) ? addDays(checkIn, 1) : undefined}
            onChange={(e) => setParams({ ...params, check_in: checkIn, check_out: e.currentTarget.value })}
            error={isIsoDate(checkIn) && isIsoDate(checkOut) && nights === 0 ? 'After the arrival' : nights > 365 ? 'At most 365 nights' : undefined}
            w={170}
          />
        </Group>
      </Paper>
      {!propertyId && !properties.loading ? (
        <Alert color="gray">
          {properties.options.length
            ? 'Choose a property.'
            : can('hotel:properties:read') || can('hotel:rooms:read')
              ? 'There are no properties with rooms yet.'
              : 'Your role can see neither properties nor rooms, so it cannot search availability.'}
        </Alert>
      ) : (
        <DataTable
          label="Availability by room type"
          columns={columns}
          rows={valid ? query.data?.room_types : []}
          rowKey={(t) => t.room_type_id}
          loading={query.isFetching}
          error={query.error}
          onRetry={() => void query.refetch()}
          emptyTitle={valid ? 'This property has no room types yet' : 'Choose valid dates'}
        />
      )}
    </>
  );
}
