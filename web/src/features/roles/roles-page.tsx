// /admin/roles and /hotel/roles: the panel's roles (system ones are
// read-only) with what each grants and how many members hold it.
import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { ListPage, SearchFilter, useListPage } from '@/components/list-page';
import { useAuth } from '@/lib/auth/auth-context';
import { fullAccess, permission, type Panel } from '@/lib/panel';
import { useRoles, type Role } from './api';

const LIMIT = 20;

const DESCRIPTION: Record<Panel, string> = {
  admin: 'What platform staff may do',
  hotel: 'What each kind of staff member may do',
};

/** "Full access" for a role holding the panel's wildcard (`admin:*`, `hotel:*`), else how many patterns it holds. */
export function permissionSummary(panel: Panel, permissions: readonly string[]): string {
  if (permissions.includes(fullAccess(panel))) return 'Full access';
  return `${permissions.length} permission${permissions.length === 1 ? '' : 's'}`;
}

function roleColumns(panel: Panel): Column<Role>[] {
  return [
    {
      key: 'role',
      header: 'Role',
      render: (r) => (
        <>
          <Group gap={6}>
            <Anchor component={Link} to={`/${panel}/roles/${r.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
              {r.display_name}
            </Anchor>
            {r.is_system && (
              <Badge size="xs" color="gray" variant="light">
                System
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {r.name}
          </Text>
        </>
      ),
    },
    { key: 'description', header: 'Description', render: (r) => r.description ?? '—', visibleFrom: 'md' },
    { key: 'perms', header: 'Permissions', render: (r) => permissionSummary(panel, r.permissions) },
    { key: 'members', header: 'Members', align: 'right', render: (r) => r.user_count },
  ];
}

export function RolesPage({ panel }: { panel: Panel }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListPage({ q: '' }, LIMIT);
  const query = useRoles(panel, { page: list.params.page, limit: LIMIT, q: list.params.q || undefined });
  return (
    <ListPage
      title="Roles"
      description={DESCRIPTION[panel]}
      actions={
        can(permission(panel, 'roles', 'create')) && (
          <Button component={Link} to={`/${panel}/roles/new`}>
            New role
          </Button>
        )
      }
      list={list}
      query={query}
      label="Roles"
      columns={roleColumns(panel)}
      rowKey={(r) => r.id}
      onRowClick={(r) => navigate(`/${panel}/roles/${r.id}`)}
      emptyTitle={list.filtered ? 'No role matches this search' : 'No roles yet'}
      filters={<SearchFilter list={list} placeholder="Name" w={280} />}
    />
  );
}
