// /admin/staff: platform staff with their roles; add, edit, deactivate, remove.
import { ActionIcon, Badge, Button, Group, Menu, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StaffFormModal, type StaffFormValues } from '@/components/staff-form-modal';
import { StatusBadge } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime, fullName } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import {
  useAdminRoleOptions,
  useAdminUsers,
  useCreateAdminUser,
  useDeleteAdminUser,
  useUpdateAdminUser,
  type AdminUser,
} from './api';

const LIMIT = 20;

export function StaffPage() {
  const { can, me } = useAuth();
  const [params, setParams] = useListParams({ q: '', active: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ q }), 300);
  const query = useAdminUsers({
    page: params.page,
    limit: LIMIT,
    q: params.q || undefined,
    is_active: params.active === '' ? undefined : params.active === 'true',
  });
  const roles = useAdminRoleOptions();
  const create = useCreateAdminUser();
  const update = useUpdateAdminUser();
  const remove = useDeleteAdminUser();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<AdminUser | null>(null);

  const onCreate = async (v: StaffFormValues) => {
    const user = await create.mutateAsync({
      email: v.email.trim(),
      first_name: v.first_name.trim(),
      last_name: v.last_name.trim(),
      password: v.password,
      roles: v.roles,
    });
    notifySuccess(`${fullName(user)} can now sign in.`, 'Staff member added');
    setCreating(false);
  };

  const onUpdate = async (v: StaffFormValues) => {
    if (!editing) return;
    await update.mutateAsync({
      id: editing.id,
      body: {
        first_name: v.first_name.trim(),
        last_name: v.last_name.trim(),
        is_active: v.is_active,
        roles: v.roles,
        password: v.password || undefined,
        version: editing.version,
      },
    });
    notifySuccess(`${v.first_name} ${v.last_name} was updated.`, 'Saved');
    setEditing(null);
  };

  const onDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      notifySuccess(`${fullName(deleting)} was removed.`, 'Staff member removed');
      setDeleting(null);
    } catch (e) {
      notifyError(e, 'Could not remove the staff member');
    }
  };

  const columns: Column<AdminUser>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (u) => (
        <div>
          <Text fw={600} size="sm">
            {fullName(u)}
          </Text>
          <Text size="xs" c="dimmed">
            {u.email}
          </Text>
        </div>
      ),
    },
    {
      key: 'roles',
      header: 'Roles',
      render: (u) => (
        <Group gap={4}>
          {u.roles.map((r) => (
            <Badge key={r.id} variant="outline" size="sm">
              {r.display_name}
            </Badge>
          ))}
        </Group>
      ),
    },
    { key: 'active', header: 'Status', render: (u) => <StatusBadge status={u.is_active ? 'active' : 'inactive'} /> },
    { key: 'last', header: 'Last sign-in', render: (u) => formatDateTime(u.last_login_at), visibleFrom: 'lg' },
    {
      key: 'actions',
      header: <span className="kc-sr-only">Actions</span>,
      align: 'right',
      render: (u) =>
        (can('admin:users:update') || can('admin:users:delete')) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={`Actions for ${fullName(u)}`} onClick={(e) => e.stopPropagation()}>
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {can('admin:users:update') && <Menu.Item onClick={() => setEditing(u)}>Edit</Menu.Item>}
              {can('admin:users:delete') && u.id !== me?.id && (
                <Menu.Item color="red" onClick={() => setDeleting(u)}>
                  Remove
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  const roleOptions = roles.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Platform staff"
        description="People who run the platform"
        actions={can('admin:users:create') && <Button onClick={() => setCreating(true)}>New staff member</Button>}
      />
      <DataTable
        label="Platform staff"
        columns={columns}
        rows={query.data?.items}
        rowKey={(u) => u.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={can('admin:users:update') ? (u) => setEditing(u) : undefined}
        emptyTitle="No staff match"
        filters={
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Search"
              placeholder="Name or email"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={260}
            />
            <Select
              label="Status"
              placeholder="Anyone"
              clearable
              data={[
                { value: 'true', label: 'Active' },
                { value: 'false', label: 'Inactive' },
              ]}
              value={params.active || null}
              onChange={(v) => setParams({ ...params, active: v ?? '' })}
              w={160}
            />
          </Group>
        }
      />
      <StaffFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        roles={roleOptions}
        onSubmit={onCreate}
        saving={create.isPending}
      />
      <StaffFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        member={editing ?? undefined}
        roles={roleOptions}
        onSubmit={onUpdate}
        saving={update.isPending}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title="Remove this staff member?"
        message={deleting ? `${fullName(deleting)} (${deleting.email}) will no longer be able to sign in.` : undefined}
        confirmLabel="Remove"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
