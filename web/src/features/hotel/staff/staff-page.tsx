// /hotel/staff: the hotel's members and their roles. Add a member, change
// their name, roles, active state or password (the shared StaffFormModal),
// and end a membership (the account may belong to other hotels).
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StaffFormModal, type StaffFormValues } from '@/components/staff-form-modal';
import { StatusBadge } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, fullName } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import type { HotelUser } from '../common/lookups';
import { useCreateHotelUser, useDeleteHotelUser, useHotelRoleOptions, useHotelUsers, useUpdateHotelUser } from './api';

const LIMIT = 20;

export function HotelStaffPage() {
  const { can, me } = useAuth();
  const [params, setParams] = useListParams({ q: '', active: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ ...params, q: q.trim() }), 300);
  const query = useHotelUsers({
    page: params.page,
    limit: LIMIT,
    sort: 'last_name',
    q: params.q || undefined,
    is_active: params.active === '' ? undefined : params.active === 'true',
  });
  const roles = useHotelRoleOptions();
  const create = useCreateHotelUser();
  const update = useUpdateHotelUser();
  const remove = useDeleteHotelUser();
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit' | 'remove'; user: HotelUser } | null>(null);
  const editingUser = dialog?.kind === 'edit' ? dialog.user : undefined;
  const removingUser = dialog?.kind === 'remove' ? dialog.user : undefined;
  const mayManage = can('hotel:users:update') || can('hotel:users:delete');

  const onCreate = async (v: StaffFormValues) => {
    const user = await create.mutateAsync({
      email: v.email.trim(),
      first_name: v.first_name.trim(),
      last_name: v.last_name.trim(),
      password: v.password,
      roles: v.roles,
    });
    notifySuccess(`${fullName(user)} can now sign in to this hotel.`, 'Staff member added');
    setDialog(null);
  };

  const onUpdate = async (v: StaffFormValues) => {
    if (!editingUser) return;
    await update.mutateAsync({
      id: editingUser.id,
      body: {
        first_name: v.first_name.trim(),
        last_name: v.last_name.trim(),
        is_active: v.is_active,
        roles: v.roles,
        password: v.password || undefined,
        version: editingUser.version,
      },
    });
    notifySuccess(`${v.first_name.trim()} ${v.last_name.trim()} was saved.`, 'Staff member saved');
    setDialog(null);
  };

  const onRemove = async () => {
    if (!removingUser) return;
    try {
      await remove.mutateAsync(removingUser.id);
      notifySuccess(`${fullName(removingUser)} no longer belongs to this hotel.`, 'Membership ended');
    } catch (e) {
      notifyError(e, 'Could not end the membership');
    }
    setDialog(null);
  };

  const columns: Column<HotelUser>[] = [
    {
      key: 'who',
      header: 'Name',
      render: (u) => (
        <>
          <Text size="sm" fw={600}>
            {fullName(u) || u.email}
          </Text>
          <Text size="xs" c="dimmed">
            {u.email}
          </Text>
        </>
      ),
    },
    {
      key: 'roles',
      header: 'Roles',
      render: (u) => (
        <Group gap={4}>
          {u.roles.length === 0 ? (
            <Text size="sm" c="dimmed">
              None
            </Text>
          ) : (
            u.roles.map((r) => (
              <Badge key={r.id} size="sm" variant="light" color="indigo">
                {r.display_name}
              </Badge>
            ))
          )}
        </Group>
      ),
    },
    { key: 'state', header: 'Membership', render: (u) => <StatusBadge status={u.is_active ? 'active' : 'inactive'} /> },
    { key: 'joined', header: 'Joined', render: (u) => formatDate(u.joined_at.slice(0, 10)) },
    { key: 'seen', header: 'Last sign-in', render: (u) => formatDateTime(u.last_login_at) },
    {
      key: 'menu',
      header: <span className="kc-sr-only">Actions</span>,
      align: 'right',
      render: (u) =>
        mayManage &&
        u.id !== me?.id && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={`Actions for ${fullName(u) || u.email}`} onClick={(e) => e.stopPropagation()}>
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {can('hotel:users:update') && <Menu.Item onClick={() => setDialog({ kind: 'edit', user: u })}>Edit</Menu.Item>}
              {can('hotel:users:delete') && u.is_active && (
                <Menu.Item color="red" onClick={() => setDialog({ kind: 'remove', user: u })}>
                  End membership
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Staff"
        description="Who works in this hotel and what their roles let them do"
        actions={can('hotel:users:create') && <Button onClick={() => setDialog({ kind: 'create' })}>New staff member</Button>}
      />
      <DataTable
        label="Staff"
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
        onRowClick={can('hotel:users:update') ? (u) => u.id !== me?.id && setDialog({ kind: 'edit', user: u }) : undefined}
        emptyTitle={params.q || params.active ? 'Nobody matches these filters' : 'No staff yet'}
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Name or email"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={240}
            />
            <SegmentedControl
              aria-label="Membership"
              value={params.active}
              onChange={(active) => setParams({ ...params, active })}
              data={[
                { value: '', label: 'Everyone' },
                { value: 'true', label: 'Active' },
                { value: 'false', label: 'Inactive' },
              ]}
            />
          </Group>
        }
      />
      <StaffFormModal
        opened={dialog?.kind === 'create'}
        onClose={() => setDialog(null)}
        roles={roles.data?.items ?? []}
        onSubmit={onCreate}
        saving={create.isPending}
      />
      <StaffFormModal
        opened={editingUser !== undefined}
        onClose={() => setDialog(null)}
        member={editingUser}
        roles={roles.data?.items ?? []}
        onSubmit={onUpdate}
        saving={update.isPending}
      />
      <ConfirmDialog
        opened={removingUser !== undefined}
        title="End this membership?"
        message={
          removingUser
            ? `${fullName(removingUser)} (${removingUser.email}) will be signed out and can no longer work in this hotel.`
            : undefined
        }
        confirmLabel="End membership"
        loading={remove.isPending}
        onConfirm={() => void onRemove()}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
