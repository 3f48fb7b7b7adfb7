// Create or edit a staff member (platform staff and hotel staff share the
// shape: name, email, password, roles, active). Server 422 errors land on the
// fields.
import { Button, Group, Modal, MultiSelect, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { notifyError } from '@/lib/notify';
import { applyServerErrors, useResetOnOpen, zodValidate } from './forms';

export interface StaffRoleOption {
  id: string;
  name: string;
  display_name: string;
}

export interface StaffMember {
  email: string;
  first_name: string;
  last_name: string;
  is_active: boolean;
  roles: StaffRoleOption[];
}

export interface StaffFormValues {
  email: string;
  first_name: string;
  last_name: string;
  password: string;
  is_active: boolean;
  roles: string[];
}

const base = {
  first_name: z.string().trim().min(1, 'Required').max(100),
  last_name: z.string().trim().min(1, 'Required').max(100),
  roles: z.array(z.string()).min(1, 'Choose at least one role'),
  is_active: z.boolean(),
};
const createSchema = z.object({
  ...base,
  email: z.string().trim().email('Enter a valid email address'),
  password: z.string().min(10, 'At least 10 characters'),
});
const editSchema = z.object({
  ...base,
  email: z.string(),
  password: z.union([z.literal(''), z.string().min(10, 'At least 10 characters')]),
});

export function StaffFormModal({
  opened,
  onClose,
  member,
  roles,
  onSubmit,
  saving,
}: {
  opened: boolean;
  onClose: () => void;
  /** The member being edited; absent to create one. */
  member?: StaffMember;
  roles: StaffRoleOption[];
  onSubmit: (values: StaffFormValues) => Promise<void>;
  saving: boolean;
}) {
  const editing = member !== undefined;
  const form = useForm<StaffFormValues>({
    initialValues: { email: '', first_name: '', last_name: '', password: '', is_active: true, roles: [] },
    validate: zodValidate(editing ? editSchema : createSchema),
  });

  useResetOnOpen(
    opened,
    () => {
      form.setValues({
        email: member?.email ?? '',
        first_name: member?.first_name ?? '',
        last_name: member?.last_name ?? '',
        password: '',
        is_active: member?.is_active ?? true,
        roles: member?.roles.map((r) => r.name) ?? [],
      });
      form.resetDirty();
      form.clearErrors();
    },
    member,
  );

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, editing ? 'Could not save' : 'Could not add the staff member');
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Edit ${member.first_name} ${member.last_name}` : 'New staff member'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="First name" required {...form.getInputProps('first_name')} />
            <TextInput label="Last name" required {...form.getInputProps('last_name')} />
          </SimpleGrid>
          <TextInput label="Email" type="email" required={!editing} disabled={editing} {...form.getInputProps('email')} />
          <PasswordInput
            label={editing ? 'New password' : 'Password'}
            description={editing ? 'Leave empty to keep the current password' : 'At least 10 characters'}
            required={!editing}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <MultiSelect
            label="Roles"
            required
            searchable
            data={roles.map((r) => ({ value: r.name, label: r.display_name }))}
            {...form.getInputProps('roles')}
          />
          {editing && <Switch label="Active (may sign in)" {...form.getInputProps('is_active', { type: 'checkbox' })} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? 'Save' : 'Add staff member'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
