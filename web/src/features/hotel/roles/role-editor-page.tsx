// /hotel/roles/new and /hotel/roles/:id: a hotel role's names and its
// hotel: permissions in the shared permission editor. System roles, and
// users who may not change roles, see it read-only; a permission the user
// does not hold cannot be granted.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { z } from 'zod';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageLoader, QueryView } from '@/components/error-pages';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { PermissionEditor } from '@/components/permission-editor';
import { errorMessage } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useDeleteHotelRole, useHotelPermissions, useHotelRole, useSaveHotelRole, type HotelRole } from './api';

const roleSchema = z.object({
  display_name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  name: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(63, 'At most 63 characters')
    .regex(/^[a-z0-9-]+$/, 'Lower-case letters, digits and hyphens'),
  description: z.string().max(500, 'At most 500 characters'),
  permissions: z.array(z.string()).min(1, 'Grant at least one permission'),
});

type RoleValues = z.infer<typeof roleSchema>;

/** A role's name from its display name: "Night Auditor" → "night-auditor". */
export function roleNameFrom(displayName: string): string {
  return displayName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

export function HotelRoleEditorPage() {
  const { id } = useParams();
  const query = useHotelRole(id);
  if (id === undefined) return <HotelRoleForm key="new" />;
  return (
    <QueryView query={query} home="/hotel/roles">
      {(role) => <HotelRoleForm key={`${role.id}:${role.version}`} role={role} />}
    </QueryView>
  );
}

function HotelRoleForm({ role }: { role?: HotelRole }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const catalogue = useHotelPermissions();
  const save = useSaveHotelRole(role?.id);
  const remove = useDeleteHotelRole();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = role === undefined ? !can('hotel:roles:create') : role.is_system || !can('hotel:roles:update');
  const form = useForm<RoleValues>({
    initialValues: {
      display_name: role?.display_name ?? '',
      name: role?.name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? [],
    },
    validate: zodValidate(roleSchema),
  });
  const values = form.getValues();

  const onSubmit = form.onSubmit(async (v) => {
    const fields = { name: v.name.trim(), display_name: v.display_name.trim(), permissions: v.permissions };
    try {
      if (role) {
        await save.mutateAsync({ update: { ...fields, description: v.description.trim() || null, version: role.version } });
        notifySuccess(`${fields.display_name} was saved.`, 'Role saved');
      } else {
        const created = await save.mutateAsync({ create: { ...fields, description: v.description.trim() || undefined } });
        notifySuccess(`${created.display_name} was created.`, 'Role created');
        navigate(`/hotel/roles/${created.id}`, { replace: true });
      }
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not save the role');
    }
  });

  const onDelete = async () => {
    if (!role) return;
    try {
      await remove.mutateAsync(role.id);
      notifySuccess(`${role.display_name} was deleted; ${role.user_count} member(s) lost it.`, 'Role deleted');
      navigate('/hotel/roles', { replace: true });
    } catch (e) {
      notifyError(e, 'Could not delete the role');
      setConfirmDelete(false);
    }
  };

  return (
    <>
      <PageHeader
        title={role?.display_name ?? 'New role'}
        description={
          <Anchor component={Link} to="/hotel/roles" size="sm">
            Roles
          </Anchor>
        }
        actions={
          role &&
          !role.is_system &&
          can('hotel:roles:delete') && (
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
              System roles come with every hotel and cannot be changed or deleted. Create a role of your own to adjust them.
            </Alert>
          )}
          <Paper p="md" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Display name"
                required
                disabled={readOnly}
                {...form.getInputProps('display_name')}
                onChange={(e) => {
                  const next = e.currentTarget.value;
                  // The name follows the display name until it is edited by hand.
                  if (!role && values.name === roleNameFrom(values.display_name)) form.setFieldValue('name', roleNameFrom(next));
                  form.setFieldValue('display_name', next);
                }}
              />
              <TextInput
                label="Name"
                description="Lower-case letters, digits and hyphens"
                required
                disabled={readOnly}
                {...form.getInputProps('name')}
              />
            </SimpleGrid>
            <Textarea label="Description" mt="sm" autosize minRows={2} disabled={readOnly} {...form.getInputProps('description')} />
          </Paper>
          <Paper p="md" radius="md">
            <Title order={2} fz="h4" mb="sm">
              Permissions
            </Title>
            {catalogue.isPending ? (
              <PageLoader label="Loading permissions" />
            ) : catalogue.isError ? (
              <Alert color="red" role="alert">
                {errorMessage(catalogue.error)}
              </Alert>
            ) : (
              <PermissionEditor
                scope="hotel"
                catalogue={catalogue.data.items}
                value={values.permissions}
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
              <Button variant="default" component={Link} to="/hotel/roles">
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {role ? 'Save role' : 'Create role'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmDelete}
        title={`Delete ${role?.display_name ?? 'this role'}?`}
        message={`${role?.user_count ?? 0} member(s) hold this role and will lose its permissions.`}
        confirmLabel="Delete role"
        loading={remove.isPending}
        onConfirm={() => void onDelete()}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
