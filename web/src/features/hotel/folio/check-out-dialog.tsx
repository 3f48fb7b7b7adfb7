// Check-out with the folio in mind: the server posts the pending room nights
// and refuses (409 `balance_outstanding`) while a balance is open. The dialog
// then shows that balance and, for a user who may correct folios, offers
// "Check out anyway" with a reason (the override, audited).
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useResetOnOpen } from '@/components/forms';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';
import type { Money } from '../common/front-office';
import { fetchReservation, outstandingBalance, useCheckOut, type Reservation } from './api';

type Stay = Pick<Reservation, 'id' | 'confirmation_number' | 'guest_name' | 'balance' | 'version'>;

export function CheckOutDialog({
  reservation: r,
  opened,
  onClose,
}: {
  reservation: Stay | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { can } = useAuth();
  const checkOut = useCheckOut(r?.id ?? '');
  const [outstanding, setOutstanding] = useState<Money | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const mayOverride = can('hotel:folios:correct');

  useResetOnOpen(
    opened,
    () => {
      setOutstanding(null);
      setReason('');
      setTouched(false);
    },
    r?.id,
  );

  const done = (after: Reservation) => {
    notifySuccess(`${after.confirmation_number} is now checked out.`, 'Check out');
    onClose();
  };

  const onCheckOut = async () => {
    if (!r) return;
    try {
      done(await checkOut.mutateAsync({ version: r.version }));
    } catch (e) {
      const balance = outstandingBalance(e);
      if (balance) {
        setOutstanding(balance);
        return;
      }
      notifyError(e, 'Could not check out');
      onClose();
    }
  };

  const onOverride = async () => {
    setTouched(true);
    if (!r || reason.trim() === '') return;
    try {
      // The refusal posted the room nights: send the version as it is now.
      const now = await fetchReservation(r.id);
      done(await checkOut.mutateAsync({ version: now.version, reason: reason.trim() }));
    } catch (e) {
      const balance = outstandingBalance(e);
      if (balance) setOutstanding(balance);
      else {
        notifyError(e, 'Could not check out');
        onClose();
      }
    }
  };

  const open = r?.balance.amount_minor ?? 0;

  return (
    <Modal opened={opened && r !== null} onClose={onClose} title={r ? `Check out ${r.confirmation_number}?` : ''}>
      {r && (
        <Stack>
          {outstanding === null ? (
            <Text size="sm">
              {open > 0
                ? `The balance of ${formatMoney(open, r.balance.currency)} is still open. The room becomes dirty.`
                : 'The room becomes dirty and free for housekeeping.'}
            </Text>
          ) : (
            <Alert color="orange" title="Balance outstanding" role="alert">
              <Text size="sm">
                {r.guest_name} still owes {formatMoney(outstanding.amount_minor, outstanding.currency || r.balance.currency)}.
                Take a payment or correct the folio before checking out.
              </Text>
            </Alert>
          )}
          {outstanding !== null && mayOverride && (
            <Textarea
              label="Reason"
              required
              autosize
              minRows={2}
              placeholder="e.g. the company pays on invoice"
              description="Checking out with an open balance is recorded in the audit log."
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={touched && reason.trim() === '' ? 'A reason is required' : undefined}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            {outstanding === null ? (
              <Button color="indigo" loading={checkOut.isPending} onClick={() => void onCheckOut()}>
                Check out
              </Button>
            ) : (
              mayOverride && (
                <Button color="red" loading={checkOut.isPending} onClick={() => void onOverride()}>
                  Check out anyway
                </Button>
              )
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
