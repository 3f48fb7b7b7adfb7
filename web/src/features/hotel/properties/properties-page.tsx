// /hotel/properties: the hotel's properties with search and status filter;
// create one in a dialog.
import { Anchor, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import type { Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth/auth-context';
import { usePropertyList } from './api';
import { PropertyFormModal } from './property-form-modal';

type Property = Schemas['Property'];
const LIMIT = 20;

const columns: Column<Property>[] = [
  {
    key: 'name',
    header: 'Property',
    render: (p) => (
      <div>
        <Anchor component={Link} to={`/hotel/properties/${p.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
          {p.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {p.code}
        </Text>
      </div>
    ),
  },
  { key: 'tz', header: 'Time zone', render: (p) => p.timezone },
  { key: 'currency', header: 'Currency', render: (p) => p.currency },
  { key: 'times', header: 'Check-in / out', render: (p) => `${p.check_in_time} / ${p.check_out_time}` },
  { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
];

export function PropertiesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useListParams({ q: '', status: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ ...params, q }), 300);
  const [creating, setCreating] = useState(false);
  const query = usePropertyList({
    page: params.page,
    limit: LIMIT,
    sort: 'name',
    q: params.q || undefined,
    status: (params.status || undefined) as Property['status'] | undefined,
  });
  const filtered = params.q !== '' || params.status !== '';

  return (
    <>
      <PageHeader
        title="Properties"
        description="The hotel's buildings and sites"
        actions={can('hotel:properties:create') && <Button onClick={() => setCreating(true)}>New property</Button>}
      />
      <DataTable
        label="Properties"
        columns={columns}
        rows={query.data?.items}
        rowKey={(p) => p.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={(p) => navigate(`/hotel/properties/${p.id}`)}
        emptyTitle={filtered ? 'No property matches these filters' : 'No properties yet'}
        emptyHint={!filtered && can('hotel:properties:create') ? 'Create the first one with “New property”.' : undefined}
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Name or code"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={240}
            />
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={[
                { value: 'active', label: 'Active' },
                { value: 'inactive', label: 'Inactive' },
              ]}
              value={params.status || null}
              onChange={(v) => setParams({ ...params, status: v ?? '' })}
              w={160}
            />
          </Group>
        }
      />
      <PropertyFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => navigate(`/hotel/properties/${p.id}`)}
      />
    </>
  );
}
