// The guest step of the booking flow: find an existing guest or add a new
// one (as the role allows), then go on to confirm.
import { Alert, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { errorMessage } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyError, notifySuccess } from '@/lib/notify';
import { GuestFields, emptyGuest, guestCreateBody, guestSchema, type Guest, type GuestFormValues } from '../common/guest-form';
import { useCreateGuest, useGuests } from '../common/guest-queries';

export function GuestStep({ guest, onChoose, onClear }: { guest: Guest | null; onChoose: (g: Guest) => void; onClear: () => void }) {
  const { can } = useAuth();
  const canSearch = can('hotel:guests:read');
  const canCreate = can('hotel:guests:create');
  const [mode, setMode] = useState<'existing' | 'new'>(canSearch ? 'existing' : 'new');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const results = useGuests({ q: debounced || undefined, limit: 8, sort: '-created_at' }, canSearch && mode === 'existing');
  const create = useCreateGuest();
  const form = useForm<GuestFormValues>({ initialValues: emptyGuest, validate: zodValidate(guestSchema) });

  const onCreate = form.onSubmit(async (v) => {
    try {
      const g = await create.mutateAsync(guestCreateBody(v));
      notifySuccess(`${g.first_name} ${g.last_name} was added.`, 'Guest added');
      form.reset();
      onChoose(g);
    } catch (e) {
      if (!applyServerErrors(form, e)) notifyError(e, 'Could not add the guest');
    }
  });

  if (!canSearch && !canCreate) {
    return (
      <Alert color="orange" mt="md">
        Your role may neither look up nor add guests, so it cannot book.
      </Alert>
    );
  }

  return (
    <Stack mt="md" maw={720}>
      {guest && (
        <Alert color="teal" title="Guest chosen" withCloseButton onClose={onClear} closeButtonLabel="Choose another guest">
          {guest.first_name} {guest.last_name}
          {guest.email ? ` · ${guest.email}` : ''}
        </Alert>
      )}
      {canSearch && canCreate && (
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'existing' | 'new')}
          data={[
            { value: 'existing', label: 'Existing guest' },
            { value: 'new', label: 'New guest' },
          ]}
          w="fit-content"
        />
      )}
      {mode === 'existing' ? (
        <Stack gap="xs">
          <TextInput label="Find a guest" placeholder="Name, email or phone" value={q} onChange={(e) => setQ(e.currentTarget.value)} data-autofocus />
          {results.isError ? (
            <Alert color="red">{errorMessage(results.error)}</Alert>
          ) : results.isPending ? (
            <Loader size="sm" aria-label="Searching guests" />
          ) : results.data.items.filter((g) => !g.erased).length === 0 ? (
            <Text size="sm" c="dimmed">
              No guest matches{canCreate ? ' — add a new one instead' : ''}.
            </Text>
          ) : (
            <Stack gap={6} role="list" aria-label="Matching guests">
              {results.data.items
                .filter((g) => !g.erased)
                .map((g) => (
                  <Paper key={g.id} withBorder p="xs" radius="md" role="listitem">
                    <Group justify="space-between" wrap="nowrap">
                      <div>
                        <Text size="sm" fw={600}>
                          {g.first_name} {g.last_name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[g.email, g.phone].filter(Boolean).join(' · ') || 'No contact details'}
                        </Text>
                      </div>
                      <Button size="xs" variant={guest?.id === g.id ? 'filled' : 'light'} onClick={() => onChoose(g)} aria-label={`Choose ${g.first_name} ${g.last_name}`}>
                        {guest?.id === g.id ? 'Chosen' : 'Choose'}
                      </Button>
                    </Group>
                  </Paper>
                ))}
            </Stack>
          )}
        </Stack>
      ) : (
        <form onSubmit={onCreate} noValidate>
          <Stack>
            <GuestFields form={form} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                Add guest and continue
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
