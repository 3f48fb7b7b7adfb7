import { describe, expect, it } from 'vitest';
import { can, groupByResource, permissionMatches } from './permissions';

describe('permissionMatches (same semantics as the server)', () => {
  it.each([
    ['hotel:rooms:read', 'hotel:rooms:read', true],
    ['hotel:rooms:read', 'hotel:rooms:status', false],
    ['hotel:*', 'hotel:rooms:read', true],
    ['hotel:rooms:*', 'hotel:rooms:status', true],
    ['hotel:rooms:*', 'hotel:guests:read', false],
    // whole segments only
    ['hotel:*', 'hotelx:rooms:read', false],
    ['hotel:room*', 'hotel:rooms:read', false],
    // admin never covers hotel, and the other way round
    ['admin:*', 'hotel:rooms:read', false],
    ['hotel:*', 'admin:hotels:read', false],
    // a wildcard stands for one or more segments after the prefix
    ['hotel:rooms:*', 'hotel:rooms', false],
    // malformed patterns and codes match nothing
    ['*', 'hotel:rooms:read', false],
    ['hotel:*:read', 'hotel:rooms:read', false],
    ['hotel:rooms:read:extra', 'hotel:rooms:read', false],
    ['hotel:Rooms:read', 'hotel:Rooms:read', false],
    ['hotel:rooms:*', 'hotel:rooms:*', false],
    ['', 'hotel:rooms:read', false],
  ])('%s grants %s: %s', (pattern, code, expected) => {
    expect(permissionMatches(pattern, code)).toBe(expected);
  });
});

describe('can', () => {
  it('denies by default', () => {
    expect(can(undefined, 'hotel:rooms:read')).toBe(false);
    expect(can([], 'hotel:rooms:read')).toBe(false);
  });
  it('grants when any held pattern matches', () => {
    expect(can(['hotel:guests:read', 'hotel:rooms:*'], 'hotel:rooms:status')).toBe(true);
    expect(can(['hotel:guests:read', 'hotel:rooms:*'], 'hotel:users:read')).toBe(false);
  });
});

describe('groupByResource', () => {
  it('groups codes by scope and resource, in first-seen order', () => {
    const groups = groupByResource([
      { code: 'hotel:rooms:read' },
      { code: 'hotel:guests:read' },
      { code: 'hotel:rooms:status' },
    ]);
    expect(groups.map((g) => g.resource)).toEqual(['hotel:rooms', 'hotel:guests']);
    expect(groups[0].items.map((i) => i.code)).toEqual(['hotel:rooms:read', 'hotel:rooms:status']);
  });
});
