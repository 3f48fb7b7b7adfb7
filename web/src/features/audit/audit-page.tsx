// /admin/audit and /hotel/audit: the panel's audit trail, newest first, with
// filters (what, on which resource, by whom, when) and each entry's
// before/after changes. The admin panel reads every chain (the platform's and
// each hotel's), picks one and verifies the hash chains.
import { Alert, Badge, Button, Code, Drawer, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { AuditEntryDetail } from '@/components/audit-entry-detail';
import type { Column } from '@/components/data-table';
import { DateFilter, ListPage, SearchFilter, SelectFilter, useListPage, type ListState } from '@/components/list-page';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime, fullName } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { permission, type Panel } from '@/lib/panel';
import { useAuditLogs, useHotelActors, useTenantOptions, useVerifyAudit, type AuditEntry } from './api';

const LIMIT = 25;

const HOTEL_RESOURCE_TYPES = ['property', 'room_type', 'room', 'guest', 'reservation', 'payment', 'incident', 'user', 'role'];

const TEXTS: Record<Panel, { description: string; actionExample: string; impersonated: string }> = {
  admin: {
    description: 'Every change on the platform and in every hotel, hash-chained',
    actionExample: 'e.g. hotel or hotel.created',
    impersonated: 'impersonation',
  },
  hotel: {
    description: 'Every change in this hotel, who made it and what it changed',
    actionExample: 'e.g. reservation or room.status_changed',
    impersonated: 'platform admin',
  },
};

const DEFAULTS = { tenant_id: '', action: '', resource_type: '', resource_id: '', user_id: '', from: '', to: '' };
type AuditFilters = typeof DEFAULTS;

export function AuditPage({ panel }: { panel: Panel }) {
  const texts = TEXTS[panel];
  const admin = panel === 'admin';
  const list = useListPage(DEFAULTS, LIMIT);
  const { params } = list;
  const tenants = useTenantOptions(admin);
  const tenantName = new Map((tenants.data?.items ?? []).map((t) => [t.id, t.name]));
  const chainLabel = (id: string | null) => (id === null ? 'Platform' : (tenantName.get(id) ?? id.slice(0, 8)));
  const query = useAuditLogs(panel, {
    page: params.page,
    limit: LIMIT,
    tenant_id: (admin && params.tenant_id) || undefined,
    action: params.action || undefined,
    resource_type: params.resource_type || undefined,
    resource_id: params.resource_id || undefined,
    user_id: params.user_id || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
  });
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const verify = useVerifyAudit();

  const onVerify = async () => {
    try {
      const r = await verify.mutateAsync(params.tenant_id || undefined);
      if (r.ok) notifySuccess(`${r.checked} entries checked; the chain is intact.`, 'Audit chain verified');
      else notifyError(new Error(`The chain is broken at entry ${r.first_broken_id}.`), 'Audit chain broken');
    } catch (e) {
      notifyError(e, 'Could not verify the chain');
    }
  };

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
              {texts.impersonated}
            </Badge>
          )}
        </Stack>
      ),
    },
    { key: 'action', header: 'Action', render: (a) => <Code>{a.action}</Code> },
    { key: 'resource', header: 'Resource', render: (a) => a.resource_type, visibleFrom: admin ? 'lg' : undefined },
    ...(admin ? [{ key: 'chain', header: 'Hotel', render: (a: AuditEntry) => chainLabel(a.tenant_id) }] : []),
  ];

  return (
    <ListPage
      title="Audit log"
      description={texts.description}
      actions={
        admin && (
          <Button variant="light" onClick={() => void onVerify()} loading={verify.isPending}>
            {params.tenant_id ? 'Verify this chain' : 'Verify all chains'}
          </Button>
        )
      }
      banner={admin && verify.data && <VerifyResult result={verify.data} chainLabel={chainLabel} onClose={() => verify.reset()} />}
      list={list}
      query={query}
      label="Audit entries"
      columns={columns}
      rowKey={(a) => a.id}
      onRowClick={setSelected}
      emptyTitle={list.filtered ? 'No entry matches these filters' : 'Nothing recorded yet'}
      filters={
        <>
          {admin && (
            <SelectFilter
              list={list}
              name="tenant_id"
              label="Hotel"
              placeholder="Every chain"
              searchable
              data={[{ value: 'platform', label: 'Platform' }, ...(tenants.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))]}
              w={220}
            />
          )}
          <SearchFilter list={list} name="action" label="Action" placeholder={texts.actionExample} delay={350} w={admin ? 200 : 240} />
          {admin ? (
            <SearchFilter list={list} name="resource_type" label="Resource type" placeholder="e.g. reservation" delay={350} w={170} />
          ) : (
            <SelectFilter
              list={list}
              name="resource_type"
              label="Resource"
              placeholder="Any resource"
              data={HOTEL_RESOURCE_TYPES.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))}
            />
          )}
          {admin ? <SearchFilter list={list} name="user_id" label="User id" delay={350} w={170} /> : <ActorFilter list={list} />}
          <DateFilter list={list} name="from" label="From" />
          <DateFilter list={list} name="to" label="To" />
        </>
      }
    >
      <Drawer opened={selected !== null} onClose={() => setSelected(null)} position="right" size="lg" title="Audit entry">
        {selected && <AuditEntryDetail entry={selected} chain={admin ? chainLabel(selected.tenant_id) : undefined} />}
      </Drawer>
    </ListPage>
  );
}

/** Who acted, from the hotel's staff (for those who may read it). */
function ActorFilter({ list }: { list: ListState<AuditFilters> }) {
  const { can } = useAuth();
  const staff = useHotelActors(true);
  if (!can(permission('hotel', 'users', 'read'))) return null;
  return (
    <SelectFilter
      list={list}
      name="user_id"
      label="By"
      placeholder="Anyone"
      searchable
      data={(staff.data ?? []).map((u) => ({ value: u.id, label: fullName(u) || u.email }))}
      w={200}
    />
  );
}

/** The answer of a verification, until closed. */
function VerifyResult({
  result,
  chainLabel,
  onClose,
}: {
  result: NonNullable<ReturnType<typeof useVerifyAudit>['data']>;
  chainLabel: (id: string | null) => string;
  onClose: () => void;
}) {
  const where = result.chain ? ` in chain ${chainLabel(result.chain === 'platform' ? null : result.chain)}` : '';
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      title={result.ok ? 'Chain intact' : 'Chain broken'}
      mb="md"
      role="status"
      withCloseButton
      onClose={onClose}
    >
      {result.ok
        ? `${result.checked} entries checked; every hash matches.`
        : `Checked ${result.checked} entries; the first broken entry is ${result.first_broken_id}${where}.`}
    </Alert>
  );
}
