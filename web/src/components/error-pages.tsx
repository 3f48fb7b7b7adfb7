// Full-page states: 403, 404 and a generic error, plus QueryView which turns
// a query's loading/error/data into the right one of them.
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, errorStatus } from '@/lib/api';

function StatePage({ code, title, children }: { code: string; title: string; children: ReactNode }) {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <Text fz={64} fw={800} c="dimmed" lh={1} aria-hidden>
          {code}
        </Text>
        <Title order={1} fz="h2">
          {title}
        </Title>
        {children}
      </Stack>
    </Center>
  );
}

export function ForbiddenPage({ home = '/' }: { home?: string }) {
  return (
    <StatePage code="403" title="You do not have access to this page">
      <Text c="dimmed">Your role does not include the permission this page needs. Ask an administrator if you need it.</Text>
      <Button component={Link} to={home} variant="light">
        Go to your dashboard
      </Button>
    </StatePage>
  );
}

export function NotFoundPage({ home = '/' }: { home?: string }) {
  return (
    <StatePage code="404" title="Page not found">
      <Text c="dimmed">Nothing exists at this address, or it is not visible to you.</Text>
      <Button component={Link} to={home} variant="light">
        Go to your dashboard
      </Button>
    </StatePage>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" title="Could not load this page" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" color="red" variant="light" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function PageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center mih="40vh" aria-busy="true">
      <Loader aria-label={label} />
    </Center>
  );
}

/** Renders a query: loader, 403/404 pages, error with retry, or children(data). */
export function QueryView<T>({
  query,
  children,
  home,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  home?: string;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    const status = errorStatus(query.error);
    if (status === 403) return <ForbiddenPage home={home} />;
    if (status === 404 || status === 400) return <NotFoundPage home={home} />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
