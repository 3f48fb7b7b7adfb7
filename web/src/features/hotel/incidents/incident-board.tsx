// The incident board's pieces: a column per status (its own query, a drop
// target) and the cards in it (drag handle, ← → buttons and the "Move to"
// menu). What a drag carries is enough to PATCH the status with the version
// read.
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { DragEvent, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '@/components/error-pages';
import { StatusBadge, statusColor, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import type { Room } from '../common/lookups';
import { INCIDENT_STATUSES, neighbours, useIncidents, type Incident, type IncidentSeverity, type IncidentStatus } from './api';

const COLUMN_LIMIT = 50;
export const DRAG_TYPE = 'application/x-keycard-incident';

/** What a drag carries: enough to PATCH the status with the version read. */
export type Moved = Pick<Incident, 'id' | 'version' | 'title' | 'status'>;

export function readDragged(e: DragEvent): Moved | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(DRAG_TYPE)) as Moved;
    return typeof v.id === 'string' && typeof v.version === 'number' ? v : null;
  } catch {
    return null;
  }
}

export function IncidentColumn({
  status,
  filters,
  highlighted,
  onDragOver,
  onDragLeave,
  onDrop,
  renderCard,
}: {
  status: IncidentStatus;
  filters: { q?: string; severity?: IncidentSeverity; property_id?: string };
  highlighted: boolean;
  onDragOver?: (e: DragEvent) => void;
  onDragLeave: () => void;
  onDrop?: (e: DragEvent) => void;
  renderCard: (i: Incident) => ReactNode;
}) {
  const query = useIncidents({ ...filters, status, limit: COLUMN_LIMIT, sort: '-updated_at' });
  const items = query.data?.items ?? [];
  const titleId = `incident-column-${status}`;
  return (
    <Paper
      p="sm"
      radius="md"
      role="listitem"
      aria-labelledby={titleId}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-status={status}
      style={{
        borderTop: `4px solid var(--mantine-color-${statusColor(status)}-6)`,
        outline: highlighted ? `2px dashed var(--mantine-color-${statusColor(status)}-6)` : undefined,
        minHeight: 240,
      }}
    >
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h5" id={titleId}>
          {statusLabel(status)}
        </Title>
        <Badge variant="light" color={statusColor(status)} aria-label={`${query.data?.total ?? 0} incidents`}>
          {query.data?.total ?? '…'}
        </Badge>
      </Group>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={70} />
          <Skeleton height={70} />
        </Stack>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="lg">
          No incidents
        </Text>
      ) : (
        <Stack gap="xs" role="list" aria-label={`${statusLabel(status)} incidents`}>
          {items.map(renderCard)}
          {query.data.total > items.length && (
            <Text size="xs" c="dimmed" ta="center">
              Showing {items.length} of {query.data.total}; filter to narrow down.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

export function IncidentCard({
  incident: i,
  room,
  assignee,
  propertyLabel,
  onMove,
  onEdit,
  onDelete,
}: {
  incident: Incident;
  room?: Room;
  assignee: string | null;
  propertyLabel: string | null;
  onMove: (s: IncidentStatus) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { can } = useAuth();
  const canMove = can('hotel:incidents:update');
  const { prev, next } = neighbours(i.status);
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      role="listitem"
      aria-label={i.title}
      draggable={canMove}
      onDragStart={(e) => {
        const moved: Moved = { id: i.id, version: i.version, title: i.title, status: i.status };
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(moved));
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: canMove ? 'grab' : undefined, background: 'var(--mantine-color-body)' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        {can('hotel:incidents:update') ? (
          <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={onEdit}>
            {i.title}
          </Anchor>
        ) : (
          <Text fw={600} size="sm">
            {i.title}
          </Text>
        )}
        <StatusBadge
          status={i.severity}
          size="sm"
          variant={i.severity === 'critical' ? 'filled' : 'light'}
          style={{ flexShrink: 0, overflow: 'visible' }}
          aria-label={`Severity ${i.severity}`}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {statusLabel(i.category)}
        {room ? ` · Room ${room.room_number}` : ''}
        {propertyLabel ? ` · ${propertyLabel}` : ''}
      </Text>
      {i.description && (
        <Text size="xs" lineClamp={2} mt={2}>
          {i.description}
        </Text>
      )}
      <Group justify="space-between" mt={6} gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" lineClamp={1}>
          {assignee ? `→ ${assignee}` : formatDateTime(i.created_at)}
        </Text>
        {i.reservation_id && can('hotel:reservations:read') && (
          <Anchor component={Link} to={`/hotel/reservations/${i.reservation_id}`} size="xs">
            Stay
          </Anchor>
        )}
        {(canMove || can('hotel:incidents:delete')) && (
          <Group gap={2} wrap="nowrap">
            {canMove && prev && (
              <Tooltip label={`Move to ${statusLabel(prev).toLowerCase()}`}>
                <ActionIcon size="sm" variant="subtle" aria-label={`Move “${i.title}” to ${statusLabel(prev).toLowerCase()}`} onClick={() => onMove(prev)}>
                  ←
                </ActionIcon>
              </Tooltip>
            )}
            {canMove && next && (
              <Tooltip label={`Move to ${statusLabel(next).toLowerCase()}`}>
                <ActionIcon size="sm" variant="subtle" aria-label={`Move “${i.title}” to ${statusLabel(next).toLowerCase()}`} onClick={() => onMove(next)}>
                  →
                </ActionIcon>
              </Tooltip>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon size="sm" variant="subtle" aria-label={`More actions for “${i.title}”`}>
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {canMove && (
                  <>
                    <Menu.Label>Move to</Menu.Label>
                    {INCIDENT_STATUSES.filter((s) => s !== i.status).map((s) => (
                      <Menu.Item key={s} onClick={() => onMove(s)}>
                        {statusLabel(s)}
                      </Menu.Item>
                    ))}
                    <Menu.Divider />
                    <Menu.Item onClick={onEdit}>Edit</Menu.Item>
                  </>
                )}
                {can('hotel:incidents:delete') && (
                  <Menu.Item color="red" onClick={onDelete}>
                    Delete
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
