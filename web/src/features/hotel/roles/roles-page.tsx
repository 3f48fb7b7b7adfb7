// /hotel/roles: the hotel's roles (system ones are read-only) with how many
// permissions and members each has.
import { Anchor, Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { useAuth } from '@/lib/auth/auth-context';
import { useHotelRoles, type HotelRole } from './api';

const LIMIT = 20;

/** "Full access" for `hotel:*`, else how many patterns the role holds. */
export function permissionSummary(permissions: readonly string[]): string {
  if (permissions.includes('hotel:*')) return 'Full access';
  return `${permissions.length} permission${permissions.length === 1 ? '' : 's'}`;
}

const columns: Column<HotelRole>[] = [
  {
    key: 'role',
    header: 'Role',
    render: (r) => (
      <>
        <Group gap={6}>
          <Anchor component={Link} to={`/hotel/roles/${r.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
            {r.display_name}
          </Anchor>
          {r.is_system && (
            <Badge size="xs" color="gray" variant="light">
              System
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {r.description ?? r.name}
        </Text>
      </>
    ),
  },
  { key: 'perms', header: 'Permissions', render: (r) => permissionSummary(r.permissions) },
  { key: 'members', header: 'Members', align: 'right', render: (r) => r.user_count },
];

export function HotelRolesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useListParams({ q: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ q: q.trim() }), 300);
  const query = useHotelRoles({ page: params.page, limit: LIMIT, q: params.q || undefined });
  return (
    <>
      <PageHeader
        title="Roles"
        description="What each kind of staff member may do"
        actions={
          can('hotel:roles:create') && (
            <Button component={Link} to="/hotel/roles/new">
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
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={(r) => navigate(`/hotel/roles/${r.id}`)}
        emptyTitle="No role matches this search"
        filters={
          <TextInput
            label="Search"
            placeholder="Name"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              debounced(e.currentTarget.value);
            }}
            maw={280}
          />
        }
      />
    </>
  );
}
