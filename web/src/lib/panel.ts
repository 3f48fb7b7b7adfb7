// The two panels: the platform's (admin, /admin, /api/admin) and a hotel's
// (hotel, /hotel, /api/hotel). A page that serves both takes its panel as a
// parameter; its permission codes (`{panel}:{resource}:{action}`), links and
// query keys follow from it.
import type { QueryClient } from '@tanstack/react-query';

export type Panel = 'admin' | 'hotel';

/** A permission code of the panel, e.g. `permission('hotel', 'users', 'read')` → `hotel:users:read`. */
export function permission(panel: Panel, resource: string, action: string): string {
  return `${panel}:${resource}:${action}`;
}

/**
 * The panel's wildcard (API.md, permission codes): a role holding `admin:*`
 * or `hotel:*` may do everything in its panel, now and later. Nothing else
 * is full access: `hotel:rooms:*` is one resource, and `admin:*` never
 * covers a `hotel:` code.
 */
export function fullAccess(panel: Panel): string {
  return `${panel}:*`;
}

/** Every query key of a panel starts with [panel, resource]. */
export function panelKey<R extends string>(panel: Panel, resource: R) {
  return [panel, resource] as const;
}

/** Marks every query of these resources stale (refetching those on screen), and the panel's audit trail: every change is audited. */
export function invalidatePanel(qc: QueryClient, panel: Panel, ...resources: string[]) {
  for (const r of resources) void qc.invalidateQueries({ queryKey: panelKey(panel, r) });
  void qc.invalidateQueries({ queryKey: panelKey(panel, 'audit') });
}
