// Read-only sections of a reservation's page: its money (total, paid,
// balance) and its status history with who changed it.
import { Paper, SimpleGrid, Text, Timeline, Title } from '@mantine/core';
import { StatCard } from '@/components/stat-card';
import { statusLabel } from '@/components/status-badge';
import { formatDateTime, formatMoney } from '@/lib/format';
import { staffName, useStaff } from '../common/lookups';
import type { ReservationDetail } from './api';

export function MoneySummary({ reservation: r }: { reservation: ReservationDetail }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <StatCard label="Total" value={formatMoney(r.total.amount_minor, r.total.currency)} hint={`${r.nights} × ${formatMoney(r.rate_minor, r.currency)}`} />
      <StatCard label="Paid" value={formatMoney(r.paid.amount_minor, r.paid.currency)} hint="Payments minus refunds" />
      <StatCard label="Balance" value={formatMoney(r.balance.amount_minor, r.balance.currency)} hint={r.balance.amount_minor > 0 ? 'Still due' : r.balance.amount_minor < 0 ? 'Owed to the guest' : 'Settled'} />
    </SimpleGrid>
  );
}

export function StatusHistory({ reservation: r }: { reservation: ReservationDetail }) {
  const staff = useStaff();
  return (
    <Paper p="md" radius="md">
      <Title order={2} fz="h4" mb="sm">
        History
      </Title>
      <Timeline active={r.status_history.length - 1} bulletSize={14} lineWidth={2}>
        {r.status_history.map((h, i) => (
          <Timeline.Item key={i} title={h.from_status ? `${statusLabel(h.from_status)} → ${statusLabel(h.to_status)}` : `Booked as ${statusLabel(h.to_status).toLowerCase()}`}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.changed_at)}
              {staffName(staff.data, h.changed_by) ? ` · ${staffName(staff.data, h.changed_by)}` : ''}
            </Text>
            {h.reason && <Text size="sm">{h.reason}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
