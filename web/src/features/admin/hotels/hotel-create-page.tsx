// /admin/hotels/new: a hotel and, optionally, its first Hotel Manager.
import { Button, Checkbox, Divider, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { PageHeader } from '@/components/page-header';
import { statusLabel } from '@/components/status-badge';
import { notifyError, notifySuccess } from '@/lib/notify';
import { HOTEL_TYPES, useCreateHotel, type HotelType } from './api';

const manager = z.object({
  email: z.string().trim().email('Enter a valid email address'),
  first_name: z.string().trim().min(1, 'Required'),
  last_name: z.string().trim().min(1, 'Required'),
  password: z.string().min(10, 'At least 10 characters'),
});

const schema = z
  .object({
    name: z.string().trim().min(1, 'Required').max(200),
    slug: z
      .string()
      .trim()
      .min(2, 'At least 2 characters')
      .max(63)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and single hyphens'),
    type: z.enum(HOTEL_TYPES as [HotelType, ...HotelType[]]),
    email: z.string().trim().email('Enter a valid email address'),
    phone: z.string().trim().max(50),
    subscription_tier: z.string().trim().max(50),
    with_manager: z.boolean(),
    manager: z.object({ email: z.string(), first_name: z.string(), last_name: z.string(), password: z.string() }),
  })
  .superRefine((v, ctx) => {
    if (!v.with_manager) return;
    const r = manager.safeParse(v.manager);
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['manager', ...issue.path] } as never);
  });

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

export function HotelCreatePage() {
  const navigate = useNavigate();
  const create = useCreateHotel();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      slug: '',
      type: 'INDEPENDENT' as HotelType,
      email: '',
      phone: '',
      subscription_tier: '',
      with_manager: true,
      manager: { email: '', first_name: '', last_name: '', password: '' },
    },
    validate: zodValidate(schema),
  });

  const onSubmit = form.onSubmit(async (v) => {
    try {
      const hotel = await create.mutateAsync({
        name: v.name.trim(),
        slug: v.slug.trim(),
        type: v.type,
        email: v.email.trim(),
        phone: v.phone.trim() || undefined,
        subscription_tier: v.subscription_tier.trim() || undefined,
        manager: v.with_manager
          ? {
              email: v.manager.email.trim(),
              first_name: v.manager.first_name.trim(),
              last_name: v.manager.last_name.trim(),
              password: v.manager.password,
            }
          : undefined,
      });
      notifySuccess(`${hotel.name} was created${v.with_manager ? ' with its manager' : ''}.`, 'Hotel created');
      navigate(`/admin/hotels/${hotel.id}`);
    } catch (e) {
      // A taken manager email is the manager's field, not the hotel's.
      const onField = applyServerErrors(form, e, { email_taken: 'manager.email' });
      notifyError(e, onField ? 'Check the highlighted fields' : 'Could not create the hotel');
    }
  });

  return (
    <>
      <PageHeader title="New hotel" description="Register a tenant and, if you like, its first Hotel Manager" />
      <Paper p="lg" radius="md" maw={860}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Title order={2} fz="h4">
              Hotel
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Name"
                required
                {...form.getInputProps('name')}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  const autoSlug = form.getValues().slug === slugify(form.getValues().name);
                  form.setFieldValue('name', name);
                  if (autoSlug) form.setFieldValue('slug', slugify(name));
                }}
              />
              <TextInput label="Slug" description="Used in addresses; lower-case letters, digits, hyphens" required {...form.getInputProps('slug')} />
              <Select
                label="Type"
                required
                allowDeselect={false}
                data={HOTEL_TYPES.map((t) => ({ value: t, label: statusLabel(t) }))}
                {...form.getInputProps('type')}
              />
              <TextInput label="Contact email" type="email" required {...form.getInputProps('email')} />
              <TextInput label="Phone" {...form.getInputProps('phone')} />
              <TextInput label="Subscription tier" placeholder="e.g. standard" {...form.getInputProps('subscription_tier')} />
            </SimpleGrid>
            <Divider my="xs" />
            <Checkbox label="Create the first Hotel Manager" {...form.getInputProps('with_manager', { type: 'checkbox' })} />
            {form.getValues().with_manager && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Manager email" type="email" required {...form.getInputProps('manager.email')} />
                <PasswordInput
                  label="Manager password"
                  description="At least 10 characters"
                  required
                  autoComplete="new-password"
                  {...form.getInputProps('manager.password')}
                />
                <TextInput label="Manager first name" required {...form.getInputProps('manager.first_name')} />
                <TextInput label="Manager last name" required {...form.getInputProps('manager.last_name')} />
              </SimpleGrid>
            )}
            <Group justify="flex-end" mt="sm">
              <Button variant="default" component={Link} to="/admin/hotels">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create hotel
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
