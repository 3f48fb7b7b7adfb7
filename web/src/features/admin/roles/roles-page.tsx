// /admin/roles: platform roles; system roles are read-only.
import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { useAuth } from '@/lib/auth/auth-context';
import { useAdminRoles, type Role } from './api';

const LIMIT = 20;

const columns: Column<Role>[] = [
  {
    key: 'name',
    header: 'Role',
    render: (r) => (
      <div>
        <Group gap={6}>
          <Anchor component={Link} to={`/admin/roles/${r.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
            {r.display_name}
          </Anchor>
          {r.is_system && (
            <Badge size="xs" variant="light" color="gray">
              System
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {r.name}
        </Text>
      </div>
    ),
  },
  { key: 'description', header: 'Description', render: (r) => r.description ?? '—' },
  {
    key: 'permissions',
    header: 'Permissions',
    render: (r) => (r.permissions.some((p) => p.endsWith(':*') && p.split(':').length === 2) ? 'Full access' : r.permissions.length),
  },
  { key: 'users', header: 'Users', align: 'right', render: (r) => r.user_count },
];

export function RolesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useListParams({});
  const query = useAdminRoles({ page: params.page, limit: LIMIT });
  return (
    <>
      <PageHeader
        title="Roles"
        description="What platform staff may do"
        actions={
          can('admin:roles:create') && (
            <Button component={Link} to="/admin/roles/new">
              New role
            </Button>
          )
        }
      />
      <DataTable
        label="Roles"
        columns={columns}
        rows={query.data?.items}
        rowKey={(r) => r.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ page })}
        onRowClick={(r) => navigate(`/admin/roles/${r.id}`)}
      />
    </>
  );
}
