// /admin/roles/new and /admin/roles/:id: name, display name, description and
// the permission editor. System roles and users without update rights see it
// read-only.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { z } from 'zod';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageLoader, QueryView } from '@/components/error-pages';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { PermissionEditor } from '@/components/permission-editor';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useAdminPermissions, useAdminRole, useCreateAdminRole, useDeleteAdminRole, useUpdateAdminRole, type Role } from './api';

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(63)
    .regex(/^[a-z0-9-]+$/, 'Lower-case letters, digits and hyphens'),
  display_name: z.string().trim().min(1, 'Required').max(100),
  description: z.string().max(500),
  permissions: z.array(z.string()).min(1, 'Choose at least one permission'),
});

export function RoleEditorPage() {
  const { id } = useParams();
  const role = useAdminRole(id);
  if (id === undefined) return <RoleForm />;
  return (
    <QueryView query={role} home="/admin/roles">
      {(r) => <RoleForm role={r} />}
    </QueryView>
  );
}

function RoleForm({ role }: { role?: Role }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const catalogue = useAdminPermissions();
  const create = useCreateAdminRole();
  const update = useUpdateAdminRole(role?.id ?? '');
  const remove = useDeleteAdminRole();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = role ? role.is_system || !can('admin:roles:update') : !can('admin:roles:create');

  const form = useForm({
    initialValues: {
      name: role?.name ?? '',
      display_name: role?.display_name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? ([] as string[]),
    },
    validate: zodValidate(schema),
  });
  useEffect(() => {
    if (role) {
      form.setValues({
        name: role.name,
        display_name: role.display_name,
        description: role.description ?? '',
        permissions: role.permissions,
      });
      form.resetDirty();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [role?.version]);

  const onSubmit = form.onSubmit(async (v) => {
    try {
      if (role) {
        await update.mutateAsync({
          name: v.name.trim(),
          display_name: v.display_name.trim(),
          description: v.description.trim() || null,
          permissions: v.permissions,
          version: role.version,
        });
        notifySuccess(`${v.display_name} was saved.`, 'Role saved');
      } else {
        const created = await create.mutateAsync({
          name: v.name.trim(),
          display_name: v.display_name.trim(),
          description: v.description.trim() || undefined,
          permissions: v.permissions,
        });
        notifySuccess(`${created.display_name} was created.`, 'Role created');
        navigate(`/admin/roles/${created.id}`, { replace: true });
      }
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not save the role');
    }
  });

  const onDelete = async () => {
    if (!role) return;
    try {
      await remove.mutateAsync(role.id);
      notifySuccess(`${role.display_name} was deleted.`, 'Role deleted');
      navigate('/admin/roles', { replace: true });
    } catch (e) {
      notifyError(e, 'Could not delete the role');
      setConfirmDelete(false);
    }
  };

  return (
    <>
      <PageHeader
        title={role ? role.display_name : 'New role'}
        description={
          <Anchor component={Link} to="/admin/roles" size="sm">
            Roles
          </Anchor>
        }
        actions={
          role &&
          !role.is_system &&
          can('admin:roles:delete') && (
            <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
              Delete role
            </Button>
          )
        }
      />
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {role?.is_system && (
            <Alert color="gray" title="System role">
              System roles are part of the platform and cannot be changed or deleted.
            </Alert>
          )}
          <Paper p="md" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Display name" required readOnly={readOnly} {...form.getInputProps('display_name')} />
              <TextInput
                label="Name"
                description="Lower-case letters, digits and hyphens"
                required
                readOnly={readOnly}
                {...form.getInputProps('name')}
              />
            </SimpleGrid>
            <Textarea label="Description" mt="sm" autosize minRows={2} readOnly={readOnly} {...form.getInputProps('description')} />
          </Paper>
          <Paper p="md" radius="md">
            <Title order={2} fz="h4" mb="sm">
              Permissions
            </Title>
            {catalogue.isPending ? (
              <PageLoader label="Loading permissions" />
            ) : catalogue.isError ? (
              <Alert color="red">Could not load the permission catalogue.</Alert>
            ) : (
              <PermissionEditor
                scope="admin"
                catalogue={catalogue.data.items}
                value={form.getValues().permissions}
                onChange={(next) => form.setFieldValue('permissions', next)}
                canGrant={can}
                readOnly={readOnly}
              />
            )}
            {form.errors.permissions && (
              <Alert color="red" mt="sm" role="alert">
                {form.errors.permissions}
              </Alert>
            )}
          </Paper>
          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/admin/roles">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {role ? 'Save role' : 'Create role'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmDelete}
        title="Delete this role?"
        message="Staff who hold only this role will lose its permissions."
        confirmLabel="Delete role"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
