import { describe, expect, it } from 'vitest';
import { distinctPropertyIds, fetchAll } from './lookups';

describe('lists beyond one page', () => {
  it('asks page after page until it has every item', async () => {
    const asked: number[] = [];
    const items = await fetchAll(async (page) => {
      asked.push(page);
      const all = Array.from({ length: 250 }, (_, i) => i);
      return { items: all.slice((page - 1) * 100, page * 100), total: all.length };
    });
    expect(asked).toEqual([1, 2, 3]);
    expect(items).toHaveLength(250);
    expect(items[249]).toBe(249);
  });

  it('stops on an empty page even when the total promised more', async () => {
    const asked: number[] = [];
    const items = await fetchAll(async (page) => {
      asked.push(page);
      return { items: page === 1 ? ['a'] : [], total: 5 };
    });
    expect(items).toEqual(['a']);
    expect(asked).toEqual([1, 2]);
  });

  it('lists each property of the rooms once, in order of appearance', () => {
    expect(distinctPropertyIds([{ property_id: 'b' }, { property_id: 'a' }, { property_id: 'b' }])).toEqual(['b', 'a']);
  });
});
