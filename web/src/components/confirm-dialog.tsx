// A confirmation modal for destructive or audited actions. With `reasonLabel`
// it asks for a reason (required), which is passed to onConfirm.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message?: ReactNode;
  confirmLabel?: string;
  color?: string;
  reasonLabel?: string;
  reasonPlaceholder?: string;
  loading?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel = 'Confirm',
  color = 'red',
  reasonLabel,
  reasonPlaceholder,
  loading = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setTouched(false);
    }
  }, [opened]);
  const missing = reasonLabel !== undefined && reason.trim() === '';

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) onConfirm(reason.trim());
        }}
      >
        <Stack>
          {message && (typeof message === 'string' ? <Text size="sm">{message}</Text> : message)}
          {reasonLabel !== undefined && (
            <Textarea
              label={reasonLabel}
              placeholder={reasonPlaceholder}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={touched && missing ? 'A reason is required' : undefined}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} type="button">
              Cancel
            </Button>
            <Button color={color} type="submit" loading={loading}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
