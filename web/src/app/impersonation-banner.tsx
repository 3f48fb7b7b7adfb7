// Shown on every hotel page while a platform admin impersonates the hotel:
// which hotel, which admin, the time left, and End session.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDuration } from '@/lib/format';
import { notifyError, notifySuccess } from '@/lib/notify';

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function ImpersonationBanner() {
  const { me, impersonation, endImpersonation } = useAuth();
  const navigate = useNavigate();
  const now = useNow(15_000);
  const [ending, setEnding] = useState(false);
  const info = me?.impersonation;
  if (!info || !impersonation) return null;

  const left = Date.parse(info.expires_at) - now;

  const onEnd = async () => {
    setEnding(true);
    try {
      const tenantId = await endImpersonation();
      notifySuccess(`You are back in the admin panel.`, 'Impersonation ended');
      navigate(tenantId ? `/admin/hotels/${tenantId}` : '/admin/hotels', { replace: true });
    } catch (e) {
      notifyError(e, 'Could not end the session');
    } finally {
      setEnding(false);
    }
  };

  return (
    <Alert
      className="kc-banner"
      color="orange"
      variant="outline"
      mb="md"
      role="region"
      aria-label="Impersonation session"
      data-testid="impersonation-banner"
    >
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm">
          Acting as <strong>{info.tenant_name}</strong> — signed in as admin <strong>{info.admin_email}</strong> ·{' '}
          {left > 0 ? `${formatDuration(left)} left` : 'session expired'}
        </Text>
        <Button size="xs" color="dark" variant="filled" onClick={() => void onEnd()} loading={ending}>
          End session
        </Button>
      </Group>
    </Alert>
  );
}
