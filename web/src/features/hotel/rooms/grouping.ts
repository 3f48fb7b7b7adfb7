// The rooms grid's layout: rooms grouped by property, then floor, each group
// sorted by room number as people read them (2 before 10, 101A after 101).
import type { Schemas } from '@/lib/api';

type Room = Schemas['Room'];
type RoomStatus = Schemas['RoomStatus'];

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export interface FloorGroup {
  floor: number | null;
  rooms: Room[];
}

export interface PropertyGroup {
  propertyId: string;
  floors: FloorGroup[];
}

export function groupRooms(rooms: readonly Room[]): PropertyGroup[] {
  const byProperty = new Map<string, Map<number | null, Room[]>>();
  for (const room of rooms) {
    const floors = byProperty.get(room.property_id) ?? new Map<number | null, Room[]>();
    byProperty.set(room.property_id, floors);
    const list = floors.get(room.floor) ?? [];
    list.push(room);
    floors.set(room.floor, list);
  }
  return [...byProperty.entries()].map(([propertyId, floors]) => ({
    propertyId,
    floors: [...floors.entries()]
      // Rooms without a floor come last.
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
      .map(([floor, list]) => ({ floor, rooms: [...list].sort((x, y) => collator.compare(x.room_number, y.room_number)) })),
  }));
}

export function countByStatus(rooms: readonly Room[]): Record<RoomStatus, number> {
  const counts: Record<RoomStatus, number> = { clean: 0, dirty: 0, inspected: 0, out_of_order: 0, out_of_service: 0 };
  for (const r of rooms) counts[r.status] += 1;
  return counts;
}

export function floorLabel(floor: number | null): string {
  if (floor === null) return 'No floor';
  if (floor === 0) return 'Ground floor';
  return floor < 0 ? `Basement ${-floor}` : `Floor ${floor}`;
}
