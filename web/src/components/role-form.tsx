// A role's editor for either panel: names, description and the permission
// editor, with save and delete. System roles, and users who may not change
// roles, see it read-only. The panel passes its own API calls.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { ConfirmDialog } from './confirm-dialog';
import { PageLoader } from './error-pages';
import { applyServerErrors, zodValidate } from './forms';
import { PageHeader } from './page-header';
import { PermissionEditor } from './permission-editor';
import type { CatalogueEntry } from './permission-set';

const schema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(63, 'At most 63 characters')
    .regex(/^[a-z0-9-]+$/, 'Lower-case letters, digits and hyphens'),
  display_name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  description: z.string().max(500, 'At most 500 characters'),
  permissions: z.array(z.string()).min(1, 'Choose at least one permission'),
});

export interface RoleLike {
  id: string;
  name: string;
  display_name: string;
  description: string | null;
  is_system: boolean;
  permissions: string[];
  version: number;
}

export interface RoleFields {
  name: string;
  display_name: string;
  description: string;
  permissions: string[];
}

export interface RoleFormProps {
  scope: 'admin' | 'hotel';
  /** The role being edited; absent to create one (the form remounts per role version). */
  role?: RoleLike;
  /** Where the roles list lives, e.g. /admin/roles. */
  listPath: string;
  catalogue: { isPending: boolean; isError: boolean; data?: { items: CatalogueEntry[] } };
  create: (fields: RoleFields) => Promise<{ id: string; display_name: string }>;
  update: (fields: RoleFields & { version: number }) => Promise<unknown>;
  remove: () => Promise<unknown>;
  saving: boolean;
  deleting: boolean;
}

export function RoleForm({ scope, role, listPath, catalogue, create, update, remove, saving, deleting }: RoleFormProps) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = role ? role.is_system || !can(`${scope}:roles:update`) : !can(`${scope}:roles:create`);

  const form = useForm<RoleFields>({
    initialValues: {
      name: role?.name ?? '',
      display_name: role?.display_name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? [],
    },
    validate: zodValidate(schema),
  });

  const onSubmit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name.trim(),
      display_name: v.display_name.trim(),
      description: v.description.trim(),
      permissions: v.permissions,
    };
    try {
      if (role) {
        await update({ ...fields, version: role.version });
        notifySuccess(`${fields.display_name} was saved.`, 'Role saved');
      } else {
        const created = await create(fields);
        notifySuccess(`${created.display_name} was created.`, 'Role created');
        navigate(`${listPath}/${created.id}`, { replace: true });
      }
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not save the role');
    }
  });

  const onDelete = async () => {
    if (!role) return;
    try {
      await remove();
      notifySuccess(`${role.display_name} was deleted.`, 'Role deleted');
      navigate(listPath, { replace: true });
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
          <Anchor component={Link} to={listPath} size="sm">
            Roles
          </Anchor>
        }
        actions={
          role &&
          !role.is_system &&
          can(`${scope}:roles:delete`) && (
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
              System roles are part of Keycard and cannot be changed or deleted.
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
            ) : catalogue.isError || !catalogue.data ? (
              <Alert color="red">Could not load the permission catalogue.</Alert>
            ) : (
              <PermissionEditor
                scope={scope}
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
              <Button variant="default" component={Link} to={listPath}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
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
        loading={deleting}
        onConfirm={() => void onDelete()}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
