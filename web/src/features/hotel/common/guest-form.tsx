// The fields of a guest (create and edit), shared by the guest pages and the
// booking flow's "new guest" step.
import { SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { z } from 'zod';
import type { Schemas } from '@/lib/api';

export type Guest = Schemas['Guest'];

export const guestSchema = z.object({
  first_name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  last_name: z.string().trim().min(1, 'Required').max(100, 'At most 100 characters'),
  email: z.union([z.literal(''), z.string().trim().email('Enter a valid email address').max(254)]),
  phone: z.string().trim().max(40, 'At most 40 characters'),
  id_type: z.string().trim().max(40, 'At most 40 characters'),
  id_number: z.string().trim().max(100, 'At most 100 characters'),
  nationality: z.string().trim().max(60, 'At most 60 characters'),
  notes: z.string().max(2000, 'At most 2000 characters'),
});

export type GuestFormValues = z.infer<typeof guestSchema>;

export const emptyGuest: GuestFormValues = {
  first_name: '',
  last_name: '',
  email: '',
  phone: '',
  id_type: '',
  id_number: '',
  nationality: '',
  notes: '',
};

export function guestValues(g: Guest): GuestFormValues {
  return {
    first_name: g.first_name,
    last_name: g.last_name,
    email: g.email ?? '',
    phone: g.phone ?? '',
    id_type: g.id_type ?? '',
    id_number: g.id_number ?? '',
    nationality: g.nationality ?? '',
    notes: g.notes ?? '',
  };
}

/** The create body: empty optional fields are left out. */
export function guestCreateBody(v: GuestFormValues): Schemas['GuestCreate'] {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  return {
    first_name: v.first_name.trim(),
    last_name: v.last_name.trim(),
    email: opt(v.email),
    phone: opt(v.phone),
    id_type: opt(v.id_type),
    id_number: opt(v.id_number),
    nationality: opt(v.nationality),
    notes: v.notes.trim() === '' ? undefined : v.notes,
  };
}

/** The PATCH body: only what changed; an emptied optional field is cleared (null). */
export function guestUpdateBody(before: Guest, v: GuestFormValues): Schemas['GuestUpdate'] {
  const body: Schemas['GuestUpdate'] = {};
  const now = guestValues(before);
  if (v.first_name.trim() !== now.first_name) body.first_name = v.first_name.trim();
  if (v.last_name.trim() !== now.last_name) body.last_name = v.last_name.trim();
  for (const key of ['email', 'phone', 'id_type', 'id_number', 'nationality', 'notes'] as const) {
    const next = key === 'notes' ? v[key] : v[key].trim();
    if (next !== now[key]) body[key] = next === '' ? null : next;
  }
  return body;
}

export function GuestFields({ form }: { form: UseFormReturnType<GuestFormValues> }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="First name" required autoComplete="off" {...form.getInputProps('first_name')} />
        <TextInput label="Last name" required autoComplete="off" {...form.getInputProps('last_name')} />
        <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
        <TextInput label="ID type" placeholder="e.g. passport" {...form.getInputProps('id_type')} />
        <TextInput label="ID number" {...form.getInputProps('id_number')} />
        <TextInput label="Nationality" placeholder="e.g. PT" {...form.getInputProps('nationality')} />
      </SimpleGrid>
      <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
    </Stack>
  );
}
