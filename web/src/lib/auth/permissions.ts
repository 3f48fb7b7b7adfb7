// Permission codes `{scope}:{resource}:{action}` with whole-segment wildcards,
// matched exactly as the server does (server/src/access/permissions.cpp):
// `hotel:*` covers `hotel:rooms:read` but never `hotelx:rooms:read`, a `*`
// stands only at the end and for one or more whole segments, `admin:*` never
// covers a `hotel:` code, and anything malformed matches nothing.

const MAX_SEGMENTS = 3;
const NAME = /^[a-z_]+$/;

function parsePattern(text: string): string[] | null {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > MAX_SEGMENTS) return null;
  if (parts[0] !== 'admin' && parts[0] !== 'hotel') return null;
  for (let i = 1; i < parts.length; i++) {
    const last = i === parts.length - 1;
    if (parts[i] === '*') {
      if (!last) return null;
    } else if (!NAME.test(parts[i])) {
      return null;
    }
  }
  return parts;
}

function parseCode(text: string): string[] | null {
  const parts = parsePattern(text);
  if (!parts || parts[parts.length - 1] === '*') return null;
  return parts;
}

export function permissionMatches(pattern: string, code: string): boolean {
  const p = parsePattern(pattern);
  const c = parseCode(code);
  if (!p || !c) return false;
  if (p[p.length - 1] !== '*') return p.length === c.length && p.every((s, i) => s === c[i]);
  const fixed = p.length - 1;
  return c.length > fixed && p.slice(0, fixed).every((s, i) => s === c[i]);
}

/** True when any held pattern grants `code`. Deny by default. */
export function can(held: readonly string[] | undefined | null, code: string): boolean {
  if (!held) return false;
  return held.some((pattern) => permissionMatches(pattern, code));
}

/** Groups catalogue codes by `{scope}:{resource}` for the permission editor. */
export function groupByResource<T extends { code: string }>(items: readonly T[]): { resource: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const [scope, resource] = item.code.split(':');
    const key = `${scope}:${resource}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([resource, list]) => ({ resource, items: list }));
}
