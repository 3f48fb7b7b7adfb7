// /hotel/incidents: a board with a column per status; cards show severity,
// category, room and assignee. Cards move with the ← → buttons, the "Move
// to" menu or by dragging them onto another column.
import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, ScrollArea, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type DragEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/error-pages';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StatusBadge, statusColor, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { staffName, useAllRooms, usePropertyChoices, useStaff, type Room } from '../common/lookups';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  neighbours,
  useDeleteIncident,
  useIncidents,
  useUpdateIncident,
  type Incident,
  type IncidentSeverity,
  type IncidentStatus,
} from './api';
import { IncidentFormModal } from './incident-form-modal';

const COLUMN_LIMIT = 50;
const DRAG_TYPE = 'application/x-keycard-incident';

/** What a drag carries: enough to PATCH the status with the version read. */
type Moved = Pick<Incident, 'id' | 'version' | 'title' | 'status'>;

function readDragged(e: DragEvent): Moved | null {
  try {
    const v = JSON.parse(e.dataTransfer.getData(DRAG_TYPE)) as Moved;
    return typeof v.id === 'string' && typeof v.version === 'number' ? v : null;
  } catch {
    return null;
  }
}

export function IncidentsPage() {
  const { can } = useAuth();
  const [params, setParams] = useListParams({ q: '', severity: '', property_id: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ ...params, q: q.trim() }), 300);
  const properties = usePropertyChoices();
  const rooms = useAllRooms();
  const staff = useStaff();
  const update = useUpdateIncident();
  const remove = useDeleteIncident();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Incident | null>(null);
  const [deleting, setDeleting] = useState<Incident | null>(null);
  const [dropTarget, setDropTarget] = useState<IncidentStatus | null>(null);
  const canMove = can('hotel:incidents:update');
  const roomById = new Map((rooms.data ?? []).map((r) => [r.id, r]));
  const filters = {
    q: params.q || undefined,
    severity: (params.severity || undefined) as IncidentSeverity | undefined,
    property_id: params.property_id || undefined,
  };
  const move = async (incident: Moved, status: IncidentStatus) => {
    if (incident.status === status) return;
    try {
      await update.mutateAsync({ id: incident.id, body: { status, version: incident.version } });
      notifySuccess(`“${incident.title}” is now ${statusLabel(status).toLowerCase()}.`, 'Incident moved');
    } catch (e) {
      notifyError(e, 'Could not move the incident');
    }
  };

  const onDrop = (status: IncidentStatus) => (e: DragEvent) => {
    e.preventDefault();
    setDropTarget(null);
    const incident = readDragged(e);
    if (incident) void move(incident, status);
  };

  const onDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      notifySuccess(`“${deleting.title}” was deleted.`, 'Incident deleted');
    } catch (e) {
      notifyError(e, 'Could not delete the incident');
    }
    setDeleting(null);
  };

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Maintenance, complaints and everything else to follow up"
        actions={can('hotel:incidents:create') && <Button onClick={() => setCreating(true)}>New incident</Button>}
      />
      <Paper p="md" radius="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Title or description"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              debounced(e.currentTarget.value);
            }}
            w={240}
          />
          <Select
            label="Severity"
            placeholder="Any severity"
            clearable
            data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: statusLabel(s) }))}
            value={params.severity || null}
            onChange={(v) => setParams({ ...params, severity: v ?? '' })}
            w={170}
          />
          {properties.options.length > 1 && (
            <Select
              label="Property"
              placeholder="All properties"
              clearable
              data={properties.options}
              value={params.property_id || null}
              onChange={(v) => setParams({ ...params, property_id: v ?? '' })}
              w={220}
            />
          )}
        </Group>
      </Paper>
      <ScrollArea type="auto" offsetScrollbars>
        <SimpleGrid cols={4} spacing="md" miw={880} role="list" aria-label="Incident board">
          {INCIDENT_STATUSES.map((status) => (
            <Column
              key={status}
              status={status}
              filters={filters}
              highlighted={dropTarget === status}
              onDragOver={
                canMove
                  ? (e) => {
                      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
                      e.preventDefault();
                      setDropTarget(status);
                    }
                  : undefined
              }
              onDragLeave={() => setDropTarget((t) => (t === status ? null : t))}
              onDrop={canMove ? onDrop(status) : undefined}
              renderCard={(incident) => (
                  <IncidentCard
                    key={incident.id}
                    incident={incident}
                    room={incident.room_id ? roomById.get(incident.room_id) : undefined}
                    assignee={staffName(staff.data, incident.assigned_to)}
                    propertyLabel={properties.options.length > 1 && incident.property_id ? properties.label(incident.property_id) : null}
                    onMove={(s) => void move(incident, s)}
                    onEdit={() => setEditing(incident)}
                    onDelete={() => setDeleting(incident)}
                  />
              )}
            />
          ))}
        </SimpleGrid>
      </ScrollArea>
      <IncidentFormModal opened={creating} onClose={() => setCreating(false)} />
      <IncidentFormModal opened={editing !== null} onClose={() => setEditing(null)} incident={editing ?? undefined} />
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this incident?"
        message={deleting ? `“${deleting.title}” will be removed from the board.` : undefined}
        confirmLabel="Delete incident"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

function Column({
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

function IncidentCard({
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
