import { describe, expect, it } from 'vitest';
import { groupState, isGranted, toggleCode, toggleResource, type CatalogueEntry } from './permission-set';

const entry = (code: string): CatalogueEntry => {
  const [scope, resource, action] = code.split(':');
  return { code, scope, resource, action, description: code };
};
const catalogue = [
  'hotel:rooms:read',
  'hotel:rooms:status',
  'hotel:guests:read',
  'hotel:guests:erase',
  'hotel:audit:read',
].map(entry);

describe('toggleCode', () => {
  it('adds a code once', () => {
    expect(toggleCode([], 'hotel:rooms:read', true, catalogue)).toEqual(['hotel:rooms:read']);
    expect(toggleCode(['hotel:rooms:*'], 'hotel:rooms:read', true, catalogue)).toEqual(['hotel:rooms:*']);
  });

  it('removes a plain code', () => {
    expect(toggleCode(['hotel:rooms:read', 'hotel:guests:read'], 'hotel:rooms:read', false, catalogue)).toEqual([
      'hotel:guests:read',
    ]);
  });

  it('expands a resource wildcard into the codes left', () => {
    expect(toggleCode(['hotel:rooms:*'], 'hotel:rooms:status', false, catalogue)).toEqual(['hotel:rooms:read']);
  });

  it('expands full access into every other code', () => {
    const next = toggleCode(['hotel:*'], 'hotel:guests:erase', false, catalogue);
    expect(next).toEqual(['hotel:audit:read', 'hotel:guests:read', 'hotel:rooms:read', 'hotel:rooms:status']);
    expect(isGranted(next, 'hotel:guests:erase')).toBe(false);
  });
});

describe('toggleResource', () => {
  it('replaces single codes by the wildcard', () => {
    expect(toggleResource(['hotel:rooms:read', 'hotel:audit:read'], 'hotel', 'rooms', true, catalogue)).toEqual([
      'hotel:audit:read',
      'hotel:rooms:*',
    ]);
  });

  it('switches a whole resource off, also out of full access', () => {
    expect(toggleResource(['hotel:rooms:*', 'hotel:audit:read'], 'hotel', 'rooms', false, catalogue)).toEqual([
      'hotel:audit:read',
    ]);
    expect(toggleResource(['hotel:*'], 'hotel', 'guests', false, catalogue)).toEqual([
      'hotel:audit:read',
      'hotel:rooms:read',
      'hotel:rooms:status',
    ]);
  });
});

describe('groupState', () => {
  it('tells all, some and none', () => {
    const codes = ['hotel:rooms:read', 'hotel:rooms:status'];
    expect(groupState(['hotel:rooms:*'], codes)).toBe('all');
    expect(groupState(['hotel:rooms:read'], codes)).toBe('some');
    expect(groupState(['hotel:guests:*'], codes)).toBe('none');
  });
});
