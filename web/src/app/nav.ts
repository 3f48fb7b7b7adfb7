// A navigation entry of a panel; shown only when the user holds `permission`.
export interface NavItem {
  label: string;
  to: string;
  permission?: string;
  /** Also active on deeper paths (default true). */
  deep?: boolean;
}

export function visibleNav(items: readonly NavItem[], can: (code: string) => boolean): NavItem[] {
  return items.filter((i) => !i.permission || can(i.permission));
}
