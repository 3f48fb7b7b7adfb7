// Editing a role's permission patterns through checkboxes: a code is on when
// any pattern grants it; switching off a code that a wildcard grants expands
// the wildcard into the codes it covered, minus that one.
import { permissionMatches } from '@/lib/auth/permissions';

export interface CatalogueEntry {
  code: string;
  scope: string;
  resource: string;
  action: string;
  description: string;
}

const uniqueSorted = (list: string[]) => [...new Set(list)].sort();

export function isGranted(patterns: readonly string[], code: string): boolean {
  return patterns.some((p) => permissionMatches(p, code));
}

function expandWithout(patterns: readonly string[], catalogue: readonly CatalogueEntry[], off: (code: string) => boolean) {
  const next: string[] = [];
  for (const p of patterns) {
    const covered = catalogue.filter((c) => permissionMatches(p, c.code));
    if (!covered.some((c) => off(c.code))) {
      next.push(p);
      continue;
    }
    // The pattern grants something to switch off: keep the rest as codes.
    next.push(...covered.filter((c) => !off(c.code)).map((c) => c.code));
  }
  return next;
}

export function toggleCode(
  patterns: readonly string[],
  code: string,
  on: boolean,
  catalogue: readonly CatalogueEntry[],
): string[] {
  if (on) return isGranted(patterns, code) ? [...patterns] : uniqueSorted([...patterns, code]);
  return uniqueSorted(expandWithout(patterns, catalogue, (c) => c === code));
}

export function toggleResource(
  patterns: readonly string[],
  scope: string,
  resource: string,
  on: boolean,
  catalogue: readonly CatalogueEntry[],
): string[] {
  const prefix = `${scope}:${resource}:`;
  if (on) {
    const kept = patterns.filter((p) => !p.startsWith(prefix));
    return uniqueSorted([...kept, `${prefix}*`]);
  }
  return uniqueSorted(expandWithout(patterns, catalogue, (c) => c.startsWith(prefix)));
}

export type GroupState = 'all' | 'some' | 'none';

export function groupState(patterns: readonly string[], codes: readonly string[]): GroupState {
  const granted = codes.filter((c) => isGranted(patterns, c)).length;
  if (granted === 0) return 'none';
  return granted === codes.length ? 'all' : 'some';
}
