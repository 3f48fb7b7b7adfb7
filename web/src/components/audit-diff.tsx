// The `changes` of an audit entry as a table: a field changed from `before`
// to `after`, or a value recorded as is (creation, a reason, a summary).
import { Code, Table, Text } from '@mantine/core';

type Change = { before: unknown; after: unknown };

function isChange(v: unknown): v is Change {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'before' in v && 'after' in v && Object.keys(v).length === 2;
}

export function renderValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');
}

export interface DiffRow {
  field: string;
  before?: string;
  after: string;
  changed: boolean;
}

/** Flattens changes into rows, sorted by field. */
export function diffRows(changes: unknown): DiffRow[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
    return changes === undefined || changes === null ? [] : [{ field: 'value', after: renderValue(changes), changed: false }];
  }
  return Object.entries(changes as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, v]) =>
      isChange(v)
        ? { field, before: renderValue(v.before), after: renderValue(v.after), changed: true }
        : { field, after: renderValue(v), changed: false },
    );
}

export function AuditDiff({ changes }: { changes: unknown }) {
  const rows = diffRows(changes);
  if (rows.length === 0) return <Text c="dimmed" size="sm">No details recorded.</Text>;
  return (
    <Table aria-label="Changes" withTableBorder layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.field}>
            <Table.Td>
              <Code>{r.field}</Code>
            </Table.Td>
            <Table.Td className={r.changed ? 'kc-diff-removed' : undefined} style={{ wordBreak: 'break-word' }}>
              {r.changed ? (
                <Text size="sm">
                  <span className="kc-sr-only">before: </span>
                  {r.before}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td className={r.changed ? 'kc-diff-added' : undefined} style={{ wordBreak: 'break-word' }}>
              <Text size="sm">{r.after}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
