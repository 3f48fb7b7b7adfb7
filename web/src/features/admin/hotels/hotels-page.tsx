// /admin/hotels: search, status and type filters, pagination.
import { Anchor, Button, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '@/components/data-table';
import { useListParams } from '@/components/list-params';
import { PageHeader } from '@/components/page-header';
import { StatusBadge, statusLabel } from '@/components/status-badge';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format';
import { HOTEL_STATUSES, HOTEL_TYPES, useHotels, type Hotel, type HotelStatus, type HotelType } from './api';

const LIMIT = 20;

const columns: Column<Hotel>[] = [
  {
    key: 'name',
    header: 'Hotel',
    render: (h) => (
      <div>
        <Anchor component={Link} to={`/admin/hotels/${h.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
          {h.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {h.slug}
        </Text>
      </div>
    ),
  },
  { key: 'type', header: 'Type', render: (h) => statusLabel(h.type) },
  {
    key: 'status',
    header: 'Status',
    render: (h) => (
      <Group gap={4}>
        <StatusBadge status={h.status} />
        {h.deleted_at && (
          <StatusBadge status="deleted" color="red" variant="outline" />
        )}
      </Group>
    ),
  },
  { key: 'email', header: 'Contact', render: (h) => h.email, visibleFrom: 'lg' },
  { key: 'created', header: 'Created', render: (h) => formatDateTime(h.created_at), visibleFrom: 'md' },
];

export function HotelsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useListParams({ q: '', status: '', type: '', deleted: '' });
  const [search, setSearch] = useState(params.q);
  const debounced = useDebouncedCallback((q: string) => setParams({ q }), 300);
  const query = useHotels({
    page: params.page,
    limit: LIMIT,
    q: params.q || undefined,
    status: (params.status || undefined) as HotelStatus | undefined,
    type: (params.type || undefined) as HotelType | undefined,
    include_deleted: params.deleted === '1' ? true : undefined,
  });

  return (
    <>
      <PageHeader
        title="Hotels"
        description="Every tenant on the platform"
        actions={
          can('admin:hotels:create') && (
            <Button component={Link} to="/admin/hotels/new">
              New hotel
            </Button>
          )
        }
      />
      <DataTable
        label="Hotels"
        columns={columns}
        rows={query.data?.items}
        rowKey={(h) => h.id}
        loading={query.isFetching}
        error={query.error}
        onRetry={() => void query.refetch()}
        page={params.page}
        limit={LIMIT}
        total={query.data?.total}
        onPageChange={(page) => setParams({ ...params, page })}
        onRowClick={(h) => navigate(`/admin/hotels/${h.id}`)}
        emptyTitle={params.q || params.status || params.type ? 'No hotel matches these filters' : 'No hotels yet'}
        emptyHint={can('admin:hotels:create') ? 'Create the first one with “New hotel”.' : undefined}
        filters={
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Search"
              placeholder="Name, slug or email"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                debounced(e.currentTarget.value);
              }}
              w={260}
            />
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={HOTEL_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
              value={params.status || null}
              onChange={(v) => setParams({ ...params, status: v ?? '' })}
              w={170}
            />
            <Select
              label="Type"
              placeholder="Any type"
              clearable
              data={HOTEL_TYPES.map((t) => ({ value: t, label: statusLabel(t) }))}
              value={params.type || null}
              onChange={(v) => setParams({ ...params, type: v ?? '' })}
              w={210}
            />
            <Checkbox
              label="Include deleted"
              checked={params.deleted === '1'}
              onChange={(e) => setParams({ ...params, deleted: e.currentTarget.checked ? '1' : '' })}
              mb={8}
            />
          </Group>
        }
      />
    </>
  );
}
