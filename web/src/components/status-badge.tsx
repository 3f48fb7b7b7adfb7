// A coloured badge for any status the API answers (tenants, reservations,
// rooms, incidents, sessions, report jobs). Unknown values are shown in grey.
import { Badge, type BadgeProps } from '@mantine/core';

const COLORS: Record<string, string> = {
  // tenants
  trial: 'cyan',
  active: 'teal',
  suspended: 'orange',
  expired: 'gray',
  cancelled: 'red',
  // reservations
  pending: 'yellow',
  confirmed: 'blue',
  checked_in: 'teal',
  checked_out: 'gray',
  no_show: 'grape',
  // housekeeping
  clean: 'teal',
  dirty: 'orange',
  inspected: 'blue',
  out_of_order: 'red',
  out_of_service: 'gray',
  // incidents / severities
  open: 'orange',
  in_progress: 'blue',
  resolved: 'teal',
  closed: 'gray',
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
  // impersonation sessions, users
  ended: 'gray',
  inactive: 'gray',
  locked: 'red',
  // report jobs
  queued: 'yellow',
  running: 'blue',
  done: 'teal',
  failed: 'red',
};

export function statusColor(status: string): string {
  return COLORS[status.toLowerCase()] ?? 'gray';
}

export function statusLabel(status: string): string {
  const s = status.replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function StatusBadge({ status, ...props }: { status: string | null | undefined } & Omit<BadgeProps, 'children'>) {
  if (!status) return null;
  return (
    <Badge color={statusColor(status)} variant="light" className="kc-status-badge" style={{ flexShrink: 0, overflow: 'visible' }} {...props}>
      {statusLabel(status)}
    </Badge>
  );
}
