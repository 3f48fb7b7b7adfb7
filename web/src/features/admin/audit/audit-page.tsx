// /admin/audit: every chain's audit trail with filters, the changes of an
// entry as a before/after table, and hash-chain verification.
import { Alert, Badge, Button, Code, Drawer, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { AuditEntryDetail } from '@/components/audit-entry-detail';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { formatDateTime } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAuditLogs, useTenantOptions, useVerifyAudit, type AuditEntry } from './api';

const LIMIT = 25;

export function AuditPage() {
  const [params, setParams] = useListParams({ tenant_id: '', action: '', resource_type: '', user_id: '', from: '', to: '' });
  const [text, setText] = useState({ action: params.action, resource_type: params.resource_type, user_id: params.user_id });
  const debounced = useDebouncedCallback((patch: Partial<typeof params>) => setParams(patch), 350);
  const tenants = useTenantOptions();
  const tenantName = new Map((tenants.data?.items ?? []).map((t) => [t.id, t.name]));
  const query = useAuditLogs({
    page: params.page,
    limit: LIMIT,
    tenant_id: params.tenant_id || undefined,
    action: params.action || undefined,
    resource_type: params.resource_type || undefined,
    user_id: params.user_id || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
  });
  const verify = useVerifyAudit();
  const [selected, setSelected] = useState<AuditEntry | null>(null);

  const onVerify = async () => {
    try {
      const r = await verify.mutateAsync(params.tenant_id || undefined);
      if (r.ok) notifySuccess(`${r.checked} entries checked; the chain is intact.`, 'Audit chain verified');
      else notifyError(new Error(`The chain is broken at entry ${r.first_broken_id}.`), 'Audit chain broken');
    } catch (e) {
      notifyError(e, 'Could not verify the chain');
    }
  };

  const chainLabel = (id: string | null) => (id === null ? 'Platform' : (tenantName.get(id) ?? id.slice(0, 8)));

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
              impersonation
            </Badge>
          )}
        </Stack>
      ),
    },
    { key: 'action', header: 'Action', render: (a) => <Code>{a.action}</Code> },
    { key: 'resource', header: 'Resource', render: (a) => a.resource_type, visibleFrom: 'lg' },
    { key: 'chain', header: 'Hotel', render: (a) => chainLabel(a.tenant_id) },
  ];

  const setText_ = (key: 'action' | 'resource_type' | 'user_id', value: string) => {
    setText((t) => ({ ...t, [key]: value }));
    debounced({ [key]: value.trim() });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change on the platform and in every hotel, hash-chained"
        actions={
          <Button variant="light" onClick={() => void onVerify()} loading={verify.isPending}>
            {params.tenant_id ? 'Verify this chain' : 'Verify all chains'}
          </Button>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.ok ? 'teal' : 'red'}
          title={verify.data.ok ? 'Chain intact' : 'Chain broken'}
          mb="md"
          role="status"
          withCloseButton
          onClose={() => verify.reset()}
        >
          {verify.data.ok
            ? `${verify.data.checked} entries checked; every hash matches.`
            : `Checked ${verify.data.checked} entries; the first broken entry is ${verify.data.first_broken_id}${verify.data.chain ? ` in chain ${chainLabel(verify.data.chain === 'platform' ? null : verify.data.chain)}` : ''}.`}
        </Alert>
      )}
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
        emptyTitle="No entries match these filters"
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label="Hotel"
              placeholder="Every chain"
              clearable
              searchable
              data={[
                { value: 'platform', label: 'Platform' },
                ...(tenants.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })),
              ]}
              value={params.tenant_id || null}
              onChange={(v) => setParams({ ...params, tenant_id: v ?? '' })}
              w={220}
            />
            <TextInput
              label="Action"
              placeholder="e.g. hotel or hotel.created"
              value={text.action}
              onChange={(e) => setText_('action', e.currentTarget.value)}
              w={200}
            />
            <TextInput
              label="Resource type"
              placeholder="e.g. reservation"
              value={text.resource_type}
              onChange={(e) => setText_('resource_type', e.currentTarget.value)}
              w={170}
            />
            <TextInput
              label="User id"
              value={text.user_id}
              onChange={(e) => setText_('user_id', e.currentTarget.value)}
              w={170}
            />
            <TextInput label="From" type="date" value={params.from} onChange={(e) => setParams({ ...params, from: e.currentTarget.value })} w={160} />
            <TextInput label="To" type="date" value={params.to} onChange={(e) => setParams({ ...params, to: e.currentTarget.value })} w={160} />
          </Group>
        }
      />
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="lg" title="Audit entry">
        {selected && <AuditEntryDetail entry={selected} chain={chainLabel(selected.tenant_id)} />}
      </Drawer>
    </>
  );
}
