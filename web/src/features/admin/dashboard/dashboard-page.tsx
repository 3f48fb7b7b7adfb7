// /admin/dashboard: hotels by status and type, users, reservations per hotel
// over the last 30 days, active impersonations, recent audit entries.
import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { QueryView } from '@/components/error-pages';
import { PageHeader } from '@/components/page-header';
import { statusColor, statusLabel } from '@/components/status-badge';
import { StatCard } from '@/components/stat-card';
import { formatDateTime } from '@/lib/format';
import { useAdminDashboard } from './api';

const MANTINE_SHADE = 6;

export function AdminDashboardPage() {
  const query = useAdminDashboard();
  return (
    <>
      <PageHeader title="Platform dashboard" description="Every hotel on the platform at a glance" />
      <QueryView query={query} home="/admin/dashboard">
        {(d) => {
          const byStatus = Object.entries(d.hotels.by_status)
            .filter(([, value]) => value > 0)
            .map(([name, value]) => ({
            name: statusLabel(name),
            value,
            color: `${statusColor(name)}.${MANTINE_SHADE}`,
          }));
          const byType = Object.entries(d.hotels.by_type)
            .filter(([, count]) => count > 0)
            .map(([type, count]) => ({
            type: statusLabel(type),
            Hotels: count,
          }));
          const byTenant = d.reservations_last_30_days.by_tenant
            .filter((t) => t.count > 0)
            .slice(0, 10)
            .map((t) => ({
            hotel: t.name,
            Reservations: t.count,
          }));
          return (
            <Stack>
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <StatCard label="Hotels" value={d.hotels.total} />
                <StatCard label="Reservations (30 days)" value={d.reservations_last_30_days.total} />
                <StatCard label="Users" value={d.users.platform + d.users.hotel} hint={`${d.users.platform} platform · ${d.users.hotel} hotel`} />
                <StatCard label="Active impersonations" value={d.active_impersonations} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Paper p="md" radius="md">
                  <Title order={2} fz="h4" mb="sm">
                    Hotels by status
                  </Title>
                  {byStatus.length === 0 ? (
                    <Text c="dimmed">No hotels yet.</Text>
                  ) : (
                    <>
                      <DonutChart data={byStatus} size={150} thickness={22} mx="auto" chartLabel={d.hotels.total} />
                      <Group gap="md" justify="center" mt="sm" aria-label="Legend">
                        {byStatus.map((s) => (
                          <Group key={s.name} gap={6} wrap="nowrap">
                            <ColorSwatch color={`var(--mantine-color-${s.color.replace('.', '-')})`} size={12} />
                            <Text size="sm">
                              {s.name}: {s.value}
                            </Text>
                          </Group>
                        ))}
                      </Group>
                    </>
                  )}
                </Paper>
                <Paper p="md" radius="md">
                  <Title order={2} fz="h4" mb="sm">
                    Hotels by type
                  </Title>
                  {byType.length === 0 ? (
                    <Text c="dimmed">No hotels yet.</Text>
                  ) : (
                    <BarChart
                      h={Math.max(120, byType.length * 44)}
                      data={byType}
                      dataKey="type"
                      orientation="vertical"
                      yAxisProps={{ width: 130 }}
                      xAxisProps={{ allowDecimals: false }}
                      series={[{ name: 'Hotels', color: 'indigo.6' }]}
                    />
                  )}
                </Paper>
                <Paper p="md" radius="md">
                  <Title order={2} fz="h4" mb="sm">
                    Reservations per hotel, 30 days
                  </Title>
                  {byTenant.length === 0 ? (
                    <Text c="dimmed">No reservations in the last 30 days.</Text>
                  ) : (
                    <BarChart
                      h={Math.max(120, byTenant.length * 44)}
                      data={byTenant}
                      dataKey="hotel"
                      orientation="vertical"
                      yAxisProps={{ width: 130 }}
                      xAxisProps={{ allowDecimals: false }}
                      series={[{ name: 'Reservations', color: 'teal.6' }]}
                    />
                  )}
                </Paper>
              </SimpleGrid>
              <Paper p="md" radius="md">
                <Title order={2} fz="h4" mb="sm">
                  Recent activity
                </Title>
                {d.recent_audit.length === 0 ? (
                  <Text c="dimmed">Nothing recorded yet.</Text>
                ) : (
                  <Table.ScrollContainer minWidth={560}>
                    <Table aria-label="Recent activity">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>When</Table.Th>
                          <Table.Th>Who</Table.Th>
                          <Table.Th>Action</Table.Th>
                          <Table.Th>Resource</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {d.recent_audit.map((a) => (
                          <Table.Tr key={a.id}>
                            <Table.Td>{formatDateTime(a.created_at)}</Table.Td>
                            <Table.Td>{a.actor_email ?? 'system'}</Table.Td>
                            <Table.Td>
                              <Text component={Link} to={`/admin/audit?action=${encodeURIComponent(a.action)}`} size="sm" c="indigo">
                                {a.action}
                              </Text>
                            </Table.Td>
                            <Table.Td>{a.resource_type}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
              </Paper>
            </Stack>
          );
        }}
      </QueryView>
    </>
  );
}
