// /admin/hotels: search, status and type filters, pagination.
import { Anchor, Button, Checkbox, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { ListPage, SearchFilter, SelectFilter, useListPage } from '@/components/list-page';
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
  const list = useListPage({ q: '', status: '', type: '', deleted: '' }, LIMIT);
  const { params, setParams } = list;
  const query = useHotels({
    page: params.page,
    limit: LIMIT,
    q: params.q || undefined,
    status: (params.status || undefined) as HotelStatus | undefined,
    type: (params.type || undefined) as HotelType | undefined,
    include_deleted: params.deleted === '1' ? true : undefined,
  });

  return (
    <ListPage
      title="Hotels"
      description="Every tenant on the platform"
      actions={
        can('admin:hotels:create') && (
          <Button component={Link} to="/admin/hotels/new">
            New hotel
          </Button>
        )
      }
      list={list}
      query={query}
      label="Hotels"
      columns={columns}
      rowKey={(h) => h.id}
      onRowClick={(h) => navigate(`/admin/hotels/${h.id}`)}
      emptyTitle={params.q || params.status || params.type ? 'No hotel matches these filters' : 'No hotels yet'}
      emptyHint={can('admin:hotels:create') ? 'Create the first one with “New hotel”.' : undefined}
      filters={
        <>
          <SearchFilter list={list} placeholder="Name, slug or email" w={260} />
          <SelectFilter
            list={list}
            name="status"
            label="Status"
            placeholder="Any status"
            data={HOTEL_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          />
          <SelectFilter
            list={list}
            name="type"
            label="Type"
            placeholder="Any type"
            data={HOTEL_TYPES.map((t) => ({ value: t, label: statusLabel(t) }))}
            w={210}
          />
          <Checkbox
            label="Include deleted"
            checked={params.deleted === '1'}
            onChange={(e) => setParams({ deleted: e.currentTarget.checked ? '1' : '' })}
            mb={8}
          />
        </>
      }
    />
  );
}
