// /hotel/dashboard: today's arrivals, departures, in-house guests, occupancy,
// ADR, RevPAR and open incidents, for one property or all of them.
import { Group, Paper, RingProgress, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryView } from '@/components/error-pages';
import { StatCard } from '@/components/stat-card';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatMoney, formatPercent } from '@/lib/format';
import { useDashboardProperties, useHotelDashboard } from './api';

export function HotelDashboardPage() {
  const { me, can } = useAuth();
  const [propertyId, setPropertyId] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const properties = useDashboardProperties(can('hotel:properties:read'));
  const query = useHotelDashboard({ property_id: propertyId ?? undefined, date: date || undefined });

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={me?.tenant ? `${me.tenant.name} at a glance` : undefined}
        actions={
          <>
            {can('hotel:properties:read') && (
              <Select
                label="Property"
                placeholder="All properties"
                clearable
                data={(properties.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
                value={propertyId}
                onChange={setPropertyId}
                w={220}
              />
            )}
            <TextInput label="Date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} />
          </>
        }
      />
      <QueryView query={query} home="/hotel/dashboard">
        {(d) => (
          <Stack>
            <Text c="dimmed" size="sm">
              Figures for {formatDate(d.date)}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 2, md: 4 }}>
              <StatCard label="Arrivals" value={d.arrivals} />
              <StatCard label="Departures" value={d.departures} />
              <StatCard label="In-house" value={d.in_house} />
              <StatCard label="Open incidents" value={d.open_incidents} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
              <Paper p="md" radius="md" role="group" aria-label="Occupancy">
                <Group wrap="nowrap" gap="sm">
                  <RingProgress
                    size={92}
                    thickness={10}
                    roundCaps={d.occupancy > 0}
                    sections={[{ value: Math.min(100, d.occupancy * 100), color: 'indigo' }]}
                    label={
                      <Text ta="center" fw={700} size="sm">
                        {formatPercent(d.occupancy)}
                      </Text>
                    }
                  />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="xs" tt="uppercase" fw={700} c="dimmed">
                      Occupancy
                    </Text>
                    <Text size="sm">
                      {d.rooms_sold} of {d.rooms_available} rooms sold
                    </Text>
                  </Stack>
                </Group>
              </Paper>
              <StatCard label="ADR" value={formatMoney(d.adr?.amount_minor, d.adr?.currency)} hint="Average daily rate" />
              <StatCard
                label="RevPAR"
                value={formatMoney(d.revpar?.amount_minor, d.revpar?.currency)}
                hint="Revenue per available room"
              />
              <StatCard
                label="Room revenue"
                value={formatMoney(d.room_revenue?.amount_minor, d.room_revenue?.currency)}
                hint={d.currency ? undefined : 'Shown when all properties share one currency'}
              />
            </SimpleGrid>
          </Stack>
        )}
      </QueryView>
    </>
  );
}
