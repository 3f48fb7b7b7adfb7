// A list page in one piece: the page header, a filter bar whose filters are
// bound to the list's URL parameters (useListParams), and the DataTable with
// its pagination, loading, error and empty states wired to the list query.
//
//   const list = useListPage({ q: '', status: '' }, 20);
//   const query = useThings({ page: list.params.page, limit: list.limit, q: list.params.q || undefined });
//   <ListPage title="Things" list={list} query={query} label="Things" columns={columns} rowKey={(t) => t.id}
//     filters={<><SearchFilter list={list} placeholder="Name" /><SelectFilter list={list} name="status" … /></>} />
import { Group, Paper, Select, TextInput, type SelectProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { DataTable, type DataTableProps } from './data-table';
import { useListParams, type ListParams } from './list-params';
import { PageHeader } from './page-header';

type Filters = Record<string, string>;

export interface ListState<F extends Filters> {
  params: ListParams<F>;
  setParams: (patch: Partial<F> & { page?: number }) => void;
  /** Rows per page (0 for a list read whole, e.g. a grid or board). */
  limit: number;
  /** Whether any filter is set (for the empty state's wording). */
  filtered: boolean;
}

/** The list's filters and page, kept in the URL (see useListParams). */
export function useListPage<F extends Filters>(defaults: F, limit = 0): ListState<F> {
  const [params, setParams] = useListParams(defaults);
  const filtered = Object.entries(params).some(([k, v]) => k !== 'page' && v !== '');
  return { params, setParams, limit, filtered };
}

/** What a list query answers: a page of items and the total. */
export interface ListQuery<T> {
  data?: { items: T[]; total: number };
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** The DataTable props that follow from the list state and its query. */
export function listTableProps<T, F extends Filters>(list: ListState<F>, query: ListQuery<T>) {
  return {
    rows: query.data?.items,
    loading: query.isFetching,
    error: query.error,
    onRetry: () => void query.refetch(),
    page: list.params.page,
    limit: list.limit,
    total: query.data?.total,
    onPageChange: (page: number) => list.setParams({ page } as Partial<F> & { page: number }),
  };
}

type TableProps<T> = Omit<DataTableProps<T>, 'rows' | 'loading' | 'error' | 'onRetry' | 'page' | 'limit' | 'total' | 'onPageChange' | 'filters'>;

export interface ListPageProps<T, F extends Filters> extends TableProps<T> {
  title: string;
  description?: string;
  actions?: ReactNode;
  list: ListState<F>;
  query: ListQuery<T>;
  /** The filter inputs; they stand in one FilterBar above the table. */
  filters?: ReactNode;
  /** Between the header and the table (e.g. a status alert). */
  banner?: ReactNode;
  /** After the table: the page's dialogs. */
  children?: ReactNode;
}

export function ListPage<T, F extends Filters>({
  title,
  description,
  actions,
  list,
  query,
  filters,
  banner,
  children,
  ...table
}: ListPageProps<T, F>) {
  return (
    <>
      <PageHeader title={title} description={description} actions={actions} />
      {banner}
      <DataTable {...table} {...listTableProps(list, query)} filters={filters && <FilterBar>{filters}</FilterBar>} />
      {children}
    </>
  );
}

/** A row of filters, aligned on their inputs; `framed` puts it on its own surface (above a board or grid). */
export function FilterBar({ children, framed = false }: { children: ReactNode; framed?: boolean }) {
  const bar = (
    <Group align="flex-end" gap="sm" wrap="wrap">
      {children}
    </Group>
  );
  return framed ? (
    <Paper p="md" radius="md" mb="md">
      {bar}
    </Paper>
  ) : (
    bar
  );
}

type Key<F> = Extract<keyof F, string>;

/** A text filter: typing updates the URL after a pause (trimmed). */
export function SearchFilter<F extends Filters>({
  list,
  name = 'q' as Key<F>,
  label = 'Search',
  placeholder,
  w = 240,
  delay = 300,
}: {
  list: ListState<F>;
  name?: Key<F>;
  label?: string;
  placeholder?: string;
  w?: number;
  delay?: number;
}) {
  const [text, setText] = useState(list.params[name] as string);
  const debounced = useDebouncedCallback(
    (value: string) => list.setParams({ [name]: value.trim() } as Partial<F>),
    delay,
  );
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      w={w}
    />
  );
}

/** A clearable choice bound to one URL parameter ('' when cleared). */
export function SelectFilter<F extends Filters>({
  list,
  name,
  w = 170,
  reset,
  ...select
}: {
  list: ListState<F>;
  name: Key<F>;
  label: string;
  placeholder?: string;
  data: SelectProps['data'];
  searchable?: boolean;
  w?: number;
  /** Filters that depend on this one and start again when it changes. */
  reset?: Partial<F>;
}) {
  return (
    <Select
      clearable
      {...select}
      value={(list.params[name] as string) || null}
      onChange={(v) => list.setParams({ ...reset, [name]: v ?? '' } as Partial<F>)}
      w={w}
    />
  );
}

/** A date bound to one URL parameter (YYYY-MM-DD, '' when empty). */
export function DateFilter<F extends Filters>({ list, name, label, w = 160 }: { list: ListState<F>; name: Key<F>; label: string; w?: number }) {
  return (
    <TextInput
      label={label}
      type="date"
      value={list.params[name] as string}
      onChange={(e) => list.setParams({ [name]: e.currentTarget.value } as Partial<F>)}
      w={w}
    />
  );
}
