// /login: email + password. After sign-in, back to the page that asked for
// it (?next=), else the user's panel.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { ColorSchemeToggle } from '@/components/color-scheme-toggle';
import { applyServerErrors, zodValidate } from '@/components/forms';
import { errorMessage, isApiError } from '@/lib/api';
import { homeFor, useAuth } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';

const schema = z.object({
  email: z.string().trim().min(1, 'Enter your email').email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});

/** Only same-site paths are followed after login. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

function loginErrorText(e: unknown): string {
  if (!isApiError(e)) return errorMessage(e);
  if (e.status === 401) return 'Wrong email or password.';
  if (e.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (e.status === 403) return e.detail || 'This account cannot sign in.';
  return errorMessage(e);
}

export function LoginPage() {
  const { login, status, me, endedReason } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ initialValues: { email: '', password: '' }, validate: zodValidate(schema) });
  const next = safeNext(params.get('next'));

  if (status === 'authenticated' && me && !busy) return <Navigate to={next ?? homeFor(me)} replace />;

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    setBusy(true);
    try {
      const user = await login(values.email.trim(), values.password);
      notifySuccess(`Welcome, ${user.first_name}.`, 'Signed in');
      navigate(next ?? homeFor(user), { replace: true });
    } catch (e) {
      if (!applyServerErrors(form, e)) setError(loginErrorText(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper p="xl" radius="lg" w="100%" maw={420}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Stack gap={4} align="center">
              <img src="/favicon.svg" alt="" width={48} height={48} />
              <Title order={1} fz="h2">
                Sign in to Keycard
              </Title>
              <Text c="dimmed" size="sm">
                Platform staff and hotel teams use the same sign-in.
              </Text>
            </Stack>
            {endedReason === 'expired' && !error && (
              <Alert color="yellow" role="status">
                Your session has ended. Sign in again to continue.
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              data-autofocus
              {...form.getInputProps('email')}
            />
            <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
            <Center>
              <ColorSchemeToggle />
            </Center>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
