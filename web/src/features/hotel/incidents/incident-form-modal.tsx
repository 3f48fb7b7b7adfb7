// Create or edit an incident: title, category, severity, status (when
// editing), property, room, assignee and description.
import { Autocomplete, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { applyServerErrors, useResetOnOpen, zodValidate } from '@/components/forms';
import { statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { fullName } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAllRooms, usePropertyChoices, useStaff } from '../common/lookups';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  useCreateIncident,
  useUpdateIncident,
  type Incident,
  type IncidentSeverity,
  type IncidentStatus,
} from './api';

const schema = z.object({
  title: z.string().trim().min(1, 'Required').max(200, 'At most 200 characters'),
  category: z.string().trim().min(1, 'Required').max(50, 'At most 50 characters'),
  severity: z.enum(INCIDENT_SEVERITIES as [IncidentSeverity, ...IncidentSeverity[]]),
  status: z.enum(INCIDENT_STATUSES as [IncidentStatus, ...IncidentStatus[]]),
  description: z.string().max(4000, 'At most 4000 characters'),
  property_id: z.string(),
  room_id: z.string(),
  assigned_to: z.string(),
});

type Values = z.infer<typeof schema>;

export function IncidentFormModal({ opened, onClose, incident }: { opened: boolean; onClose: () => void; incident?: Incident }) {
  const editing = incident !== undefined;
  const { can } = useAuth();
  const create = useCreateIncident();
  const update = useUpdateIncident();
  const properties = usePropertyChoices();
  const staff = useStaff();
  const form = useForm<Values>({
    initialValues: {
      title: '',
      category: 'maintenance',
      severity: 'medium',
      status: 'open',
      description: '',
      property_id: '',
      room_id: '',
      assigned_to: '',
    },
    validate: zodValidate(schema),
  });
  const propertyId = form.getValues().property_id;
  const rooms = useAllRooms({ property_id: propertyId || undefined }, opened && propertyId !== '');

  useResetOnOpen(
    opened,
    () => {
      form.setValues({
        title: incident?.title ?? '',
        category: incident?.category ?? 'maintenance',
        severity: incident?.severity ?? 'medium',
        status: incident?.status ?? 'open',
        description: incident?.description ?? '',
        property_id: incident?.property_id ?? (properties.options.length === 1 ? properties.options[0].value : ''),
        room_id: incident?.room_id ?? '',
        assigned_to: incident?.assigned_to ?? '',
      });
      form.resetDirty();
      form.clearErrors();
    },
    incident,
  );

  const onSubmit = form.onSubmit(async (v) => {
    try {
      if (incident) {
        await update.mutateAsync({
          id: incident.id,
          body: {
            title: v.title.trim(),
            category: v.category.trim(),
            severity: v.severity,
            status: v.status,
            description: v.description.trim() || null,
            property_id: v.property_id || null,
            room_id: v.room_id || null,
            assigned_to: v.assigned_to || null,
            version: incident.version,
          },
        });
        notifySuccess(`“${v.title.trim()}” was saved.`, 'Incident saved');
      } else {
        await create.mutateAsync({
          title: v.title.trim(),
          category: v.category.trim(),
          severity: v.severity,
          description: v.description.trim() || undefined,
          property_id: v.property_id || undefined,
          room_id: v.room_id || undefined,
          assigned_to: v.assigned_to || undefined,
        });
        notifySuccess(`“${v.title.trim()}” was reported.`, 'Incident created');
      }
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, editing ? 'Could not save the incident' : 'Could not create the incident');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? 'Edit incident' : 'New incident'} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Autocomplete
              label="Category"
              required
              data={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: statusLabel(c) }))}
              {...form.getInputProps('category')}
            />
            {editing && (
              <Select
                label="Status"
                allowDeselect={false}
                data={INCIDENT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4} id="incident-severity-label">
              Severity
            </Text>
            <SegmentedControl
              aria-labelledby="incident-severity-label"
              fullWidth
              data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: statusLabel(s) }))}
              {...form.getInputProps('severity')}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Property"
              clearable
              placeholder="None"
              data={properties.options}
              {...form.getInputProps('property_id')}
              onChange={(v) => {
                form.setFieldValue('property_id', v ?? '');
                form.setFieldValue('room_id', '');
              }}
            />
            {can('hotel:rooms:read') && (
              <Select
                label="Room"
                clearable
                searchable
                placeholder={propertyId ? 'None' : 'Choose a property first'}
                disabled={!propertyId}
                data={(rooms.data ?? []).map((r) => ({ value: r.id, label: `Room ${r.room_number}` }))}
                {...form.getInputProps('room_id')}
                onChange={(v) => form.setFieldValue('room_id', v ?? '')}
              />
            )}
            {can('hotel:users:read') && (
              <Select
                label="Assigned to"
                clearable
                searchable
                placeholder="Nobody"
                data={(staff.data ?? []).filter((u) => u.is_active).map((u) => ({ value: u.id, label: fullName(u) || u.email }))}
                {...form.getInputProps('assigned_to')}
                onChange={(v) => form.setFieldValue('assigned_to', v ?? '')}
              />
            )}
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={3} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save' : 'Create incident'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
