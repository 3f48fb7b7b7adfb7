// One audit entry in full (either panel's audit log): who, what, where from,
// its place in the hash chain, and its changes as a before/after table.
import { Stack, Table, Title } from '@mantine/core';
import type { Schemas } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { AuditDiff } from './audit-diff';

export function AuditEntryDetail({ entry, chain }: { entry: Schemas['AuditEntry']; chain?: string }) {
  const rows: [string, string][] = [
    ['When', formatDateTime(entry.created_at)],
    ['Action', entry.action],
    ['Resource', `${entry.resource_type}${entry.resource_id ? ` ${entry.resource_id}` : ''}`],
    ['By', entry.actor_email ?? 'system'],
    ['Impersonated by', entry.impersonated_by ? `platform admin ${entry.impersonated_by}` : '—'],
    ['Chain', `${chain ? `${chain} ` : ''}#${entry.chain_seq}`],
    ['IP', entry.ip ?? '—'],
    ['User agent', entry.user_agent ?? '—'],
    ['Request id', entry.request_id ?? '—'],
    ['Hash', entry.hash],
  ];
  return (
    <Stack>
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={140}>{k}</Table.Th>
              <Table.Td style={{ wordBreak: 'break-all' }}>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} fz="h5">
        Changes
      </Title>
      <AuditDiff changes={entry.changes} />
    </Stack>
  );
}
