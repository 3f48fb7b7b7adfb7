// Change one's own password (POST /api/auth/change-password). The server
// signs out every other session of the user; this one stays.
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { api } from '@/lib/api';
import { notifyError, notifySuccess } from '@/lib/notify';

const schema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password'),
    new_password: z.string().min(10, 'At least 10 characters'),
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' })
  .refine((v) => v.new_password !== v.current_password, { path: ['new_password'], message: 'Choose a new password' });

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [saving, setSaving] = useState(false);
  const form = useForm({
    initialValues: { current_password: '', new_password: '', confirm: '' },
    validate: zodValidate(schema),
  });

  const close = () => {
    form.reset();
    onClose();
  };

  const onSubmit = form.onSubmit(async (v) => {
    setSaving(true);
    try {
      await api.post('/api/auth/change-password', {
        body: { current_password: v.current_password, new_password: v.new_password },
      });
      notifySuccess('Your password was changed. Your other sessions were signed out.', 'Password changed');
      close();
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not change the password');
    } finally {
      setSaving(false);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Change password">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Every other device signed in as you will be signed out.
          </Text>
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('current_password')} />
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            {...form.getInputProps('new_password')}
          />
          <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
