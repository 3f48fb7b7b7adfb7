// /admin/impersonation: who acted inside which hotel, why, and for how long.
import { Anchor, Group, Switch, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
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
  const [params, setParams] = useListParams({ active: '', tenant_id: '' });
  const query = useImpersonationSessions({
    page: params.page,
    limit: LIMIT,
    active: params.active === '1' ? true : undefined,
    tenant_id: params.tenant_id || undefined,
  });
  return (
    <>
      <PageHeader title="Impersonation sessions" description="Every time platform staff acted inside a hotel" />
      <DataTable
        label="Impersonation sessions"
        columns={columns}
        rows={query.data?.items}
        rowKey={(s) => s.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        emptyTitle="No impersonation sessions"
        filters={
          <Group gap="lg">
            <Switch
              label="Active only"
              checked={params.active === '1'}
              onChange={(e) => setParams({ ...params, active: e.currentTarget.checked ? '1' : '' })}
            />
            {params.tenant_id && (
              <Anchor component="button" type="button" size="sm" onClick={() => setParams({ ...params, tenant_id: '' })}>
                Show every hotel
              </Anchor>
            )}
          </Group>
        }
      />
    </>
  );
}
