import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api';
import { countByStatus, floorLabel, groupRooms } from './grouping';

type Room = Schemas['Room'];

function room(room_number: string, floor: number | null, property_id = 'p1', status: Room['status'] = 'clean'): Room {
  return {
    id: `${property_id}-${room_number}`,
    tenant_id: 't',
    property_id,
    room_type_id: 'rt',
    room_number,
    floor,
    status,
    occupied: false,
    notes: null,
    created_at: '',
    updated_at: '',
    version: 1,
  };
}

describe('rooms grid layout', () => {
  it('groups by property, then floor (no floor last), rooms in reading order', () => {
    const groups = groupRooms([
      room('10', 1),
      room('2', 1),
      room('101A', 1),
      room('101', 1),
      room('B1', null),
      room('301', 3),
      room('1', -1),
      room('201', 2, 'p2'),
    ]);
    expect(groups.map((g) => g.propertyId)).toEqual(['p1', 'p2']);
    expect(groups[0].floors.map((f) => f.floor)).toEqual([-1, 1, 3, null]);
    expect(groups[0].floors[1].rooms.map((r) => r.room_number)).toEqual(['2', '10', '101', '101A']);
    expect(groups[1].floors).toHaveLength(1);
    expect(groupRooms([])).toEqual([]);
  });

  it('counts rooms per housekeeping status, every status present', () => {
    expect(countByStatus([room('1', 1, 'p1', 'dirty'), room('2', 1, 'p1', 'dirty'), room('3', 1, 'p1', 'out_of_order')])).toEqual({
      clean: 0,
      dirty: 2,
      inspected: 0,
      out_of_order: 1,
      out_of_service: 0,
    });
  });

  it('names floors', () => {
    expect(floorLabel(0)).toBe('Ground floor');
    expect(floorLabel(4)).toBe('Floor 4');
    expect(floorLabel(-2)).toBe('Basement 2');
    expect(floorLabel(null)).toBe('No floor');
  });
});
