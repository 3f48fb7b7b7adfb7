import { describe, expect, it } from 'vitest';
import type { RackStay } from '../common/front-office';
import { assignLanes, barSpan, buildRack, dayColumns, dayOffset, parseDays } from './layout';

const stay = (id: string, check_in_date: string, check_out_date: string, over: Partial<RackStay> = {}): RackStay => ({
  reservation_id: id,
  confirmation_number: `AUR-${id.toUpperCase().padEnd(6, 'X')}`,
  guest_name: `Guest ${id}`,
  room_id: null,
  room_type_id: 'dbl',
  status: 'confirmed',
  check_in_date,
  check_out_date,
  version: 1,
  balance: { amount_minor: 0, currency: 'EUR' },
  ...over,
});

describe('room rack bars', () => {
  it('counts whole days across months and leap days', () => {
    expect(dayOffset('2028-02-27', '2028-03-01')).toBe(3);
    expect(dayOffset('2026-03-10', '2026-03-08')).toBe(-2);
    // A daylight-saving change in the browser's zone changes nothing: dates are UTC midnights.
    expect(dayOffset('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('covers the nights [check-in, check-out) of a stay inside the window', () => {
    expect(barSpan('2026-12-05', '2026-12-08', '2026-12-04', 14)).toEqual({ start: 1, span: 3, clippedStart: false, clippedEnd: false });
    // One night on the first column.
    expect(barSpan('2026-12-04', '2026-12-05', '2026-12-04', 14)).toEqual({ start: 0, span: 1, clippedStart: false, clippedEnd: false });
  });

  it('clips a stay at the edges of the window and marks the clipped side', () => {
    expect(barSpan('2026-12-01', '2026-12-06', '2026-12-04', 7)).toEqual({ start: 0, span: 2, clippedStart: true, clippedEnd: false });
    expect(barSpan('2026-12-09', '2026-12-20', '2026-12-04', 7)).toEqual({ start: 5, span: 2, clippedStart: false, clippedEnd: true });
    expect(barSpan('2026-11-01', '2027-01-01', '2026-12-04', 7)).toEqual({ start: 0, span: 7, clippedStart: true, clippedEnd: true });
    // A departure on the last day of the window ends exactly at its edge: not clipped.
    expect(barSpan('2026-12-09', '2026-12-11', '2026-12-04', 7)).toEqual({ start: 5, span: 2, clippedStart: false, clippedEnd: false });
  });

  it('leaves out stays with no night in the window', () => {
    // Departs on the window's first day: its last night was the day before.
    expect(barSpan('2026-12-01', '2026-12-04', '2026-12-04', 7)).toBeNull();
    // Arrives the day after the window's last night.
    expect(barSpan('2026-12-11', '2026-12-12', '2026-12-04', 7)).toBeNull();
    expect(barSpan('not-a-date', '2026-12-12', '2026-12-04', 7)).toBeNull();
  });
});

describe('lanes of unassigned stays', () => {
  it('puts overlapping stays in different lanes and reuses a lane once it is free', () => {
    const { lanes, count } = assignLanes([
      { start: 0, span: 3 }, // A: 0–3
      { start: 1, span: 2 }, // B: overlaps A
      { start: 3, span: 2 }, // C: starts when A ends: A's lane
      { start: 2, span: 4 }, // D: overlaps B and C
    ]);
    expect(lanes).toEqual([0, 1, 0, 2]);
    expect(count).toBe(3);
  });

  it('needs no lane for no stay and one for stays back to back', () => {
    expect(assignLanes([])).toEqual({ lanes: [], count: 0 });
    expect(assignLanes([{ start: 4, span: 1 }, { start: 0, span: 4 }])).toEqual({ lanes: [0, 0], count: 1 });
  });
});

describe('rack rows', () => {
  it('groups rooms by type in the rack order, sorts them by number and places every stay', () => {
    const groups = buildRack(
      {
        room_types: [
          { id: 'sgl', code: 'SGL', name: 'Single' },
          { id: 'dbl', code: 'DBL', name: 'Double' },
        ],
        rooms: [
          { id: 'r110', room_number: '110', floor: 1, room_type_id: 'dbl', status: 'clean', occupied: false },
          { id: 'r102', room_number: '102', floor: 1, room_type_id: 'dbl', status: 'dirty', occupied: true },
          { id: 'r9', room_number: '9', floor: 0, room_type_id: 'sgl', status: 'out_of_order', occupied: false },
        ],
        stays: [
          stay('a', '2026-12-04', '2026-12-06', { room_id: 'r102', status: 'checked_in' }),
          stay('b', '2026-12-05', '2026-12-07'),
          stay('c', '2026-12-06', '2026-12-08'),
          stay('d', '2026-12-07', '2026-12-09'),
          // Outside the window: left out.
          stay('e', '2026-12-20', '2026-12-22'),
          // A room the rack does not list: shown unassigned rather than lost.
          stay('f', '2026-12-04', '2026-12-05', { room_id: 'gone' }),
        ],
      },
      '2026-12-04',
      7,
    );
    expect(groups.map((g) => g.type.name)).toEqual(['Single', 'Double']);
    expect(groups[1].rooms.map((r) => r.room.room_number)).toEqual(['102', '110']);
    expect(groups[1].rooms[0].bars.map((b) => [b.stay.reservation_id, b.start, b.span])).toEqual([['a', 0, 2]]);
    // f (night 0), b (1–2) and d (3–4) share the first lane; c (2–3) overlaps b and takes the second.
    expect(groups[1].lanes.map((lane) => lane.map((b) => b.stay.reservation_id))).toEqual([['f', 'b', 'd'], ['c']]);
    expect(groups[0].lanes).toEqual([]);
  });
});

describe('window', () => {
  it('lists the days with weekday and weekend', () => {
    const days = dayColumns('2026-12-04', 3);
    expect(days.map((d) => [d.date, d.weekday, d.day, d.weekend])).toEqual([
      ['2026-12-04', 'Fri', 4, false],
      ['2026-12-05', 'Sat', 5, true],
      ['2026-12-06', 'Sun', 6, true],
    ]);
  });

  it('offers 7, 14 or 30 days, 14 for anything else', () => {
    expect(parseDays('7')).toBe(7);
    expect(parseDays('30')).toBe(30);
    expect(parseDays('31')).toBe(14);
    expect(parseDays('')).toBe(14);
  });
});
