// /hotel/incidents: a board with a column per status; cards show severity,
// category, room and assignee. Cards move with the ← → buttons, the "Move
// to" menu or by dragging them onto another column.
import { Button, ScrollArea, SimpleGrid } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FilterBar, SearchFilter, SelectFilter, useListPage } from '@/components/list-page';
import { PageHeader } from '@/components/page-header';
import { statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { staffName, useAllRooms, usePropertyChoices, useStaff } from '../common/lookups';
import { PropertyFilter } from '../common/property-filter';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  useDeleteIncident,
  useUpdateIncident,
  type Incident,
  type IncidentSeverity,
  type IncidentStatus,
} from './api';
import { DRAG_TYPE, IncidentCard, IncidentColumn, readDragged, type Moved } from './incident-board';
import { IncidentFormModal } from './incident-form-modal';

export function IncidentsPage() {
  const { can } = useAuth();
  const list = useListPage({ q: '', severity: '', property_id: '' });
  const { params } = list;
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
      <FilterBar framed>
        <SearchFilter list={list} placeholder="Title or description" />
        <SelectFilter
          list={list}
          name="severity"
          label="Severity"
          placeholder="Any severity"
          data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <PropertyFilter list={list} />
      </FilterBar>
      <ScrollArea type="auto" offsetScrollbars>
        <SimpleGrid cols={4} spacing="md" miw={880} role="list" aria-label="Incident board">
          {INCIDENT_STATUSES.map((status) => (
            <IncidentColumn
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
