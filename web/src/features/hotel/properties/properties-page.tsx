// /hotel/properties: the hotel's properties with search and status filter;
// create one in a dialog.
import { Anchor, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Column } from '@/components/data-table';
import { ListPage, SearchFilter, SelectFilter, useListPage } from '@/components/list-page';
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
  const list = useListPage({ q: '', status: '' }, LIMIT);
  const [creating, setCreating] = useState(false);
  const query = usePropertyList({
    page: list.params.page,
    limit: LIMIT,
    sort: 'name',
    q: list.params.q || undefined,
    status: (list.params.status || undefined) as Property['status'] | undefined,
  });

  return (
    <ListPage
      title="Properties"
      description="The hotel's buildings and sites"
      actions={can('hotel:properties:create') && <Button onClick={() => setCreating(true)}>New property</Button>}
      list={list}
      query={query}
      label="Properties"
      columns={columns}
      rowKey={(p) => p.id}
      onRowClick={(p) => navigate(`/hotel/properties/${p.id}`)}
      emptyTitle={list.filtered ? 'No property matches these filters' : 'No properties yet'}
      emptyHint={!list.filtered && can('hotel:properties:create') ? 'Create the first one with “New property”.' : undefined}
      filters={
        <>
          <SearchFilter list={list} placeholder="Name or code" />
          <SelectFilter
            list={list}
            name="status"
            label="Status"
            placeholder="Any status"
            data={[
              { value: 'active', label: 'Active' },
              { value: 'inactive', label: 'Inactive' },
            ]}
            w={160}
          />
        </>
      }
    >
      <PropertyFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => navigate(`/hotel/properties/${p.id}`)}
      />
    </ListPage>
  );
}
