import { describe, expect, it } from 'vitest';
import { permissionSummary } from './roles-page';

describe('roles', () => {
  it('summarises a role by full access or its number of patterns', () => {
    expect(permissionSummary('hotel', ['hotel:*'])).toBe('Full access');
    expect(permissionSummary('hotel', ['hotel:rooms:read'])).toBe('1 permission');
    expect(permissionSummary('hotel', ['hotel:rooms:*', 'hotel:incidents:read'])).toBe('2 permissions');
  });

  it('counts full access only for the panel wildcard', () => {
    expect(permissionSummary('admin', ['admin:*'])).toBe('Full access');
    // A resource wildcard is not full access, nor is another panel's wildcard.
    expect(permissionSummary('admin', ['admin:hotels:*'])).toBe('1 permission');
    expect(permissionSummary('admin', ['hotel:*'])).toBe('1 permission');
  });
});
