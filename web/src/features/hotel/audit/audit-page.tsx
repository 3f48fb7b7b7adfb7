// /hotel/audit: every change in this hotel, newest first, with filters (what,
// on which resource, by whom, when) and each entry's before/after changes.
import { Badge, Code, Drawer, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { AuditEntryDetail } from '@/components/audit-entry-detail';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime, fullName } from '@/lib/format';
import { useStaff } from '../common/lookups';
import { useHotelAudit, type AuditEntry } from './api';

const LIMIT = 25;

const RESOURCE_TYPES = ['property', 'room_type', 'room', 'guest', 'reservation', 'payment', 'incident', 'user', 'role'];

export function HotelAuditPage() {
  const { can } = useAuth();
  const [params, setParams] = useListParams({ action: '', resource_type: '', resource_id: '', user_id: '', from: '', to: '' });
  const [action, setAction] = useState(params.action);
  const debounced = useDebouncedCallback((value: string) => setParams({ ...params, action: value.trim() }), 350);
  const staff = useStaff();
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const query = useHotelAudit({
    page: params.page,
    limit: LIMIT,
    action: params.action || undefined,
    resource_type: params.resource_type || undefined,
    resource_id: params.resource_id || undefined,
    user_id: params.user_id || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
  });
  const filtered = Object.entries(params).some(([k, v]) => k !== 'page' && v !== '');

  const columns: Column<AuditEntry>[] = [
    { key: 'when', header: 'When', render: (a) => formatDateTime(a.created_at) },
    {
      key: 'who',
      header: 'Who',
      render: (a) => (
        <Stack gap={2}>
          <Text size="sm">{a.actor_email ?? 'system'}</Text>
          {a.impersonated_by && (
            <Badge size="xs" color="orange" variant="light">
              platform admin
            </Badge>
          )}
        </Stack>
      ),
    },
    { key: 'action', header: 'Action', render: (a) => <Code>{a.action}</Code> },
    { key: 'resource', header: 'Resource', render: (a) => a.resource_type },
  ];

  return (
    <>
      <PageHeader title="Audit log" description="Every change in this hotel, who made it and what it changed" />
      <DataTable
        label="Audit entries"
        columns={columns}
        rows={query.data?.items}
        rowKey={(a) => a.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={setSelected}
        emptyTitle={filtered ? 'No entry matches these filters' : 'Nothing recorded yet'}
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Action"
              placeholder="e.g. reservation or room.status_changed"
              value={action}
              onChange={(e) => {
                setAction(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={240}
            />
            <Select
              label="Resource"
              placeholder="Any resource"
              clearable
              data={RESOURCE_TYPES.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))}
              value={params.resource_type || null}
              onChange={(v) => setParams({ ...params, resource_type: v ?? '' })}
              w={170}
            />
            {can('hotel:users:read') && (
              <Select
                label="By"
                placeholder="Anyone"
                clearable
                searchable
                data={(staff.data ?? []).map((u) => ({ value: u.id, label: fullName(u) || u.email }))}
                value={params.user_id || null}
                onChange={(v) => setParams({ ...params, user_id: v ?? '' })}
                w={200}
              />
            )}
            <TextInput label="From" type="date" value={params.from} onChange={(e) => setParams({ ...params, from: e.currentTarget.value })} w={160} />
            <TextInput label="To" type="date" value={params.to} onChange={(e) => setParams({ ...params, to: e.currentTarget.value })} w={160} />
          </Group>
        }
      />
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="lg" title="Audit entry">
        {selected && <AuditEntryDetail entry={selected} />}
      </Drawer>
    </>
  );
}
