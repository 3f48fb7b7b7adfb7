import { describe, expect, it } from 'vitest';
import { roleNameFrom } from './role-editor-page';
import { permissionSummary } from './roles-page';

describe('hotel roles', () => {
  it("derives a valid role name from the display name", () => {
    expect(roleNameFrom('Night Auditor')).toBe('night-auditor');
    expect(roleNameFrom('  Réception & Concierge ')).toBe('reception-concierge');
    expect(roleNameFrom('Spa')).toMatch(/^[a-z0-9-]+$/);
    expect(roleNameFrom('x'.repeat(80))).toHaveLength(63);
  });

  it('summarises a role by full access or its number of patterns', () => {
    expect(permissionSummary(['hotel:*'])).toBe('Full access');
    expect(permissionSummary(['hotel:rooms:read'])).toBe('1 permission');
    expect(permissionSummary(['hotel:rooms:*', 'hotel:incidents:read'])).toBe('2 permissions');
  });
});
