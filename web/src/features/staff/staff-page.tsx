// /admin/staff and /hotel/staff: a panel's staff with their roles; add a
// member, change their name, roles, active state or password (the shared
// StaffFormModal), and remove them. Platform staff are accounts; hotel staff
// are memberships (the account may belong to other hotels), so removing one
// ends the membership.
import { ActionIcon, Badge, Button, Group, Menu, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { Column } from '@/components/data-table';
import { ListPage, SearchFilter, useListPage } from '@/components/list-page';
import { StaffFormModal, type StaffFormValues } from '@/components/staff-form-modal';
import { StatusBadge } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime, fullName } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import { permission, type Panel } from '@/lib/panel';
import { useCreateStaff, useDeleteStaff, useRoleOptions, useStaffList, useUpdateStaff, type StaffMember } from './api';

const LIMIT = 20;

interface StaffTexts {
  title: string;
  description: string;
  /** Who a new member can now sign in to. */
  added: (name: string) => string;
  /** The status column, filter and removal. */
  status: string;
  removeAction: string;
  removeTitle: string;
  removeMessage: (who: string) => string;
  removed: (name: string) => [message: string, title: string];
  removeFailed: string;
  /** Whether one may edit oneself here (a hotel member may not change their own roles). */
  selfEditable: boolean;
  /** Whether a member who is already inactive can still be removed. */
  removeInactive: boolean;
}

const TEXTS: Record<Panel, StaffTexts> = {
  admin: {
    title: 'Platform staff',
    description: 'People who run the platform',
    added: (name) => `${name} can now sign in.`,
    status: 'Status',
    removeAction: 'Remove',
    removeTitle: 'Remove this staff member?',
    removeMessage: (who) => `${who} will no longer be able to sign in.`,
    removed: (name) => [`${name} was removed.`, 'Staff member removed'],
    removeFailed: 'Could not remove the staff member',
    selfEditable: true,
    removeInactive: true,
  },
  hotel: {
    title: 'Staff',
    description: 'Who works in this hotel and what their roles let them do',
    added: (name) => `${name} can now sign in to this hotel.`,
    status: 'Membership',
    removeAction: 'End membership',
    removeTitle: 'End this membership?',
    removeMessage: (who) => `${who} will be signed out and can no longer work in this hotel.`,
    removed: (name) => [`${name} no longer belongs to this hotel.`, 'Membership ended'],
    removeFailed: 'Could not end the membership',
    selfEditable: false,
    removeInactive: false,
  },
};

const displayName = (u: StaffMember) => fullName(u) || u.email;

type Dialog = { kind: 'create' } | { kind: 'edit' | 'remove'; user: StaffMember } | null;

export function StaffPage({ panel }: { panel: Panel }) {
  const texts = TEXTS[panel];
  const { can, me } = useAuth();
  const may = (action: 'create' | 'update' | 'delete') => can(permission(panel, 'users', action));
  const list = useListPage({ q: '', active: '' }, LIMIT);
  const { params, setParams } = list;
  const query = useStaffList(panel, {
    page: params.page,
    limit: LIMIT,
    sort: 'last_name',
    q: params.q || undefined,
    is_active: params.active === '' ? undefined : params.active === 'true',
  });
  const roles = useRoleOptions(panel);
  const create = useCreateStaff(panel);
  const update = useUpdateStaff(panel);
  const remove = useDeleteStaff(panel);
  const [dialog, setDialog] = useState<Dialog>(null);
  const editingUser = dialog?.kind === 'edit' ? dialog.user : undefined;
  const removingUser = dialog?.kind === 'remove' ? dialog.user : undefined;
  const editable = (u: StaffMember) => may('update') && (texts.selfEditable || u.id !== me?.id);
  const removable = (u: StaffMember) => may('delete') && u.id !== me?.id && (texts.removeInactive || u.is_active);

  const onCreate = async (v: StaffFormValues) => {
    const user = await create.mutateAsync({
      email: v.email.trim(),
      first_name: v.first_name.trim(),
      last_name: v.last_name.trim(),
      password: v.password,
      roles: v.roles,
    });
    notifySuccess(texts.added(fullName(user)), 'Staff member added');
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
      notifySuccess(...texts.removed(fullName(removingUser)));
      setDialog(null);
    } catch (e) {
      notifyError(e, texts.removeFailed);
    }
  };

  const columns: Column<StaffMember>[] = [
    {
      key: 'who',
      header: 'Name',
      render: (u) => (
        <>
          <Text size="sm" fw={600}>
            {displayName(u)}
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
    { key: 'state', header: texts.status, render: (u) => <StatusBadge status={u.is_active ? 'active' : 'inactive'} /> },
    ...(panel === 'hotel'
      ? [{ key: 'joined', header: 'Joined', render: (u: StaffMember) => ('joined_at' in u ? formatDate(u.joined_at.slice(0, 10)) : '—') }]
      : []),
    { key: 'seen', header: 'Last sign-in', render: (u) => formatDateTime(u.last_login_at), visibleFrom: 'lg' },
    {
      key: 'menu',
      header: <span className="kc-sr-only">Actions</span>,
      align: 'right',
      render: (u) =>
        (editable(u) || removable(u)) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={`Actions for ${displayName(u)}`} onClick={(e) => e.stopPropagation()}>
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown onClick={(e) => e.stopPropagation()}>
              {editable(u) && <Menu.Item onClick={() => setDialog({ kind: 'edit', user: u })}>Edit</Menu.Item>}
              {removable(u) && (
                <Menu.Item color="red" onClick={() => setDialog({ kind: 'remove', user: u })}>
                  {texts.removeAction}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        ),
    },
  ];

  const roleOptions = roles.data?.items ?? [];

  return (
    <ListPage
      title={texts.title}
      description={texts.description}
      actions={may('create') && <Button onClick={() => setDialog({ kind: 'create' })}>New staff member</Button>}
      list={list}
      query={query}
      label={texts.title}
      columns={columns}
      rowKey={(u) => u.id}
      onRowClick={may('update') ? (u) => editable(u) && setDialog({ kind: 'edit', user: u }) : undefined}
      emptyTitle={list.filtered ? 'Nobody matches these filters' : 'No staff yet'}
      filters={
        <>
          <SearchFilter list={list} placeholder="Name or email" />
          <SegmentedControl
            aria-label={texts.status}
            value={params.active}
            onChange={(active) => setParams({ active })}
            data={[
              { value: '', label: 'Everyone' },
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Inactive' },
            ]}
          />
        </>
      }
    >
      <StaffFormModal
        opened={dialog?.kind === 'create'}
        onClose={() => setDialog(null)}
        roles={roleOptions}
        onSubmit={onCreate}
        saving={create.isPending}
      />
      <StaffFormModal
        opened={editingUser !== undefined}
        onClose={() => setDialog(null)}
        member={editingUser}
        roles={roleOptions}
        onSubmit={onUpdate}
        saving={update.isPending}
      />
      <ConfirmDialog
        opened={removingUser !== undefined}
        title={texts.removeTitle}
        message={removingUser ? texts.removeMessage(`${fullName(removingUser)} (${removingUser.email})`) : undefined}
        confirmLabel={texts.removeAction}
        loading={remove.isPending}
        onConfirm={() => void onRemove()}
        onClose={() => setDialog(null)}
      />
    </ListPage>
  );
}
