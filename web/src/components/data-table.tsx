// A table for API lists: columns, optional filter bar, pagination over the
// server's {items, page, limit, total}, and loading / empty / error states.
import { Alert, Box, Button, Center, Group, Pagination, Paper, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { errorMessage } from '@/lib/api';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /** Hide the column below this breakpoint (tablets keep the essentials). */
  visibleFrom?: 'sm' | 'md' | 'lg' | 'xl';
}

export interface DataTableProps<T> {
  /** Accessible name of the table. */
  label: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  emptyTitle?: string;
  emptyHint?: ReactNode;
  filters?: ReactNode;
  page?: number;
  limit?: number;
  total?: number;
  onPageChange?: (page: number) => void;
  onRowClick?: (row: T) => void;
}

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  loading = false,
  error,
  onRetry,
  emptyTitle = 'Nothing here yet',
  emptyHint,
  filters,
  page,
  limit,
  total,
  onPageChange,
  onRowClick,
}: DataTableProps<T>) {
  const pages = total !== undefined && limit ? Math.max(1, Math.ceil(total / limit)) : 1;

  let body: ReactNode;
  if (error) {
    body = (
      <Alert color="red" title="Could not load" role="alert" m="md">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(error)}</Text>
          {onRetry && (
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    );
  } else if (loading && !rows) {
    body = (
      <Stack p="md" gap="sm" aria-busy="true" aria-label={`Loading ${label}`}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={28} />
        ))}
      </Stack>
    );
  } else if (!rows || rows.length === 0) {
    body = (
      <Center p="xl">
        <Stack gap={4} align="center">
          <Text fw={600}>{emptyTitle}</Text>
          {emptyHint && (
            <Text size="sm" c="dimmed">
              {emptyHint}
            </Text>
          )}
        </Stack>
      </Center>
    );
  } else {
    const onKey = (row: T) => (e: KeyboardEvent) => {
      if (e.key === 'Enter' && onRowClick) onRowClick(row);
    };
    body = (
      <ScrollArea type="auto">
        <Table aria-label={label} highlightOnHover={!!onRowClick} verticalSpacing="sm" miw={600}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} style={{ width: c.width, textAlign: c.align }} visibleFrom={c.visibleFrom}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody aria-busy={loading}>
            {rows.map((row) => (
              <Table.Tr
                key={rowKey(row)}
                className={onRowClick ? 'kc-row-link' : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={onRowClick ? onKey(row) : undefined}
                tabIndex={onRowClick ? 0 : undefined}
              >
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align }} visibleFrom={c.visibleFrom}>
                    {c.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  }

  return (
    <Paper p={0} radius="md">
      {filters && (
        <Box p="md" pb="xs">
          {filters}
        </Box>
      )}
      {body}
      {onPageChange && page !== undefined && total !== undefined && total > 0 && (
        <Group justify="space-between" p="md" pt="xs">
          <Text size="sm" c="dimmed">
            {total} {total === 1 ? 'item' : 'items'}
          </Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={onPageChange}
              size="sm"
              getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
              getControlProps={(control) => ({ 'aria-label': `${control.charAt(0).toUpperCase()}${control.slice(1)} page` })}
            />
          )}
        </Group>
      )}
    </Paper>
  );
}
