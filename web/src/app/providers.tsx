// Query cache, Mantine (theme, light/dark), notifications and the session.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './theme.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { isApiError } from '@/lib/api';
import { notifyError } from '@/lib/notify';
import { AuthProvider } from '@/lib/auth/auth-context';
import { theme } from '@/lib/theme';

/**
 * Reads that fail for a reason the page itself does not show as a page
 * (network, server error, rate limit) also raise a notification. 401 is the
 * session's business; 400/403/404 render as error, 403 and 404 pages.
 */
export function notifyQueryError(error: unknown) {
  if (isApiError(error) && [400, 401, 403, 404].includes(error.status)) return;
  notifyError(error, 'Could not load data');
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: notifyQueryError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors will not change by asking again.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Notifications position="bottom-right" limit={4} />
        <AuthProvider>{children}</AuthProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
