// The permission editor of a role: the catalogue grouped by resource, one
// checkbox per action and one per resource (its wildcard), plus full access
// (`scope:*`). Codes the editor may not grant (nobody grants what they do
// not hold) are disabled.
import { Checkbox, Group, Paper, SimpleGrid, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { statusLabel } from './status-badge';
import { groupState, isGranted, toggleCode, toggleResource, type CatalogueEntry } from './permission-set';

export function PermissionEditor({
  scope,
  catalogue,
  value,
  onChange,
  canGrant,
  readOnly = false,
}: {
  scope: 'admin' | 'hotel';
  catalogue: readonly CatalogueEntry[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  canGrant: (code: string) => boolean;
  readOnly?: boolean;
}) {
  const entries = catalogue.filter((c) => c.scope === scope);
  const groups = new Map<string, CatalogueEntry[]>();
  for (const e of entries) groups.set(e.resource, [...(groups.get(e.resource) ?? []), e]);
  const full = value.includes(`${scope}:*`);
  const canGrantAll = entries.every((e) => canGrant(e.code));

  return (
    <Stack gap="sm" className={readOnly ? 'kc-readonly' : undefined} aria-readonly={readOnly || undefined}>
      <Switch
        label={`Full access (${scope}:*) — every current and future ${scope} permission`}
        checked={full}
        disabled={readOnly || !canGrantAll}
        onChange={(e) => onChange(e.currentTarget.checked ? [`${scope}:*`] : [])}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {[...groups.entries()].map(([resource, items]) => {
          const state = groupState(value, items.map((i) => i.code));
          const grantableGroup = items.every((i) => canGrant(i.code));
          return (
            <Paper key={resource} p="sm" radius="md" withBorder component="fieldset" style={{ margin: 0 }}>
              <Group justify="space-between" mb={6} component="legend" style={{ width: '100%', padding: 0 }}>
                <Checkbox
                  label={<Text fw={600}>{statusLabel(resource)}</Text>}
                  aria-label={`All ${resource} permissions`}
                  checked={state === 'all'}
                  indeterminate={state === 'some'}
                  disabled={readOnly || !grantableGroup}
                  onChange={(e) => onChange(toggleResource(value, scope, resource, e.currentTarget.checked, catalogue))}
                />
              </Group>
              <Stack gap={6} pl="lg">
                {items.map((item) => {
                  const grantable = canGrant(item.code);
                  const box = (
                    <Checkbox
                      key={item.code}
                      size="sm"
                      label={statusLabel(item.action)}
                      description={item.description}
                      checked={isGranted(value, item.code)}
                      disabled={readOnly || !grantable}
                      onChange={(e) => onChange(toggleCode(value, item.code, e.currentTarget.checked, catalogue))}
                    />
                  );
                  return grantable || readOnly ? (
                    box
                  ) : (
                    <Tooltip key={item.code} label="You cannot grant a permission you do not hold" position="top-start">
                      <div>{box}</div>
                    </Tooltip>
                  );
                })}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
