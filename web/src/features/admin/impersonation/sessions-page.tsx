// /admin/impersonation: who acted inside which hotel, why, and for how long.
import { Anchor, Switch, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { ListPage, useListPage } from '@/components/list-page';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/lib/format';
import { useImpersonationSessions, type ImpersonationSession } from './api';

const LIMIT = 20;

const columns: Column<ImpersonationSession>[] = [
  {
    key: 'hotel',
    header: 'Hotel',
    render: (s) => (
      <Anchor component={Link} to={`/admin/hotels/${s.tenant_id}`} fw={600}>
        {s.tenant_name}
      </Anchor>
    ),
  },
  {
    key: 'admin',
    header: 'Admin',
    render: (s) => (
      <div>
        <Text size="sm">{s.admin_email}</Text>
        {s.target_user_email && (
          <Text size="xs" c="dimmed">
            as {s.target_user_email}
          </Text>
        )}
      </div>
    ),
  },
  { key: 'reason', header: 'Reason', render: (s) => <Text size="sm" lineClamp={2}>{s.reason}</Text>, visibleFrom: 'md' },
  { key: 'started', header: 'Started', render: (s) => formatDateTime(s.started_at) },
  {
    key: 'ended',
    header: 'Ended',
    render: (s) => (s.ended_at ? formatDateTime(s.ended_at) : `expires ${formatDateTime(s.expires_at)}`),
  },
  { key: 'status', header: 'Status', render: (s) => <StatusBadge status={s.status} /> },
];

export function SessionsPage() {
  const list = useListPage({ active: '', tenant_id: '' }, LIMIT);
  const { params, setParams } = list;
  const query = useImpersonationSessions({
    page: params.page,
    limit: LIMIT,
    active: params.active === '1' ? true : undefined,
    tenant_id: params.tenant_id || undefined,
  });
  return (
    <ListPage
      title="Impersonation sessions"
      description="Every time platform staff acted inside a hotel"
      list={list}
      query={query}
      label="Impersonation sessions"
      columns={columns}
      rowKey={(s) => s.id}
      emptyTitle="No impersonation sessions"
      filters={
        <>
          <Switch
            label="Active only"
            checked={params.active === '1'}
            onChange={(e) => setParams({ active: e.currentTarget.checked ? '1' : '' })}
          />
          {params.tenant_id && (
            <Anchor component="button" type="button" size="sm" onClick={() => setParams({ tenant_id: '' })}>
              Show every hotel
            </Anchor>
          )}
        </>
      }
    />
  );
}
