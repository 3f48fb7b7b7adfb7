import { describe, expect, it } from 'vitest';
import { permissionSummary } from './roles-page';

describe('hotel roles', () => {
  it('summarises a role by full access or its number of patterns', () => {
    expect(permissionSummary(['hotel:*'])).toBe('Full access');
    expect(permissionSummary(['hotel:rooms:read'])).toBe('1 permission');
    expect(permissionSummary(['hotel:rooms:*', 'hotel:incidents:read'])).toBe('2 permissions');
  });
});
