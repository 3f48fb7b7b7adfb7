// The room rack's arithmetic, kept free of React: which columns a stay
// covers in the window (clipped at its edges), which lane an unassigned stay
// takes so that none overlap, and the rows grouped by room type.
import type { RackRoom, RackRoomType, RackStay, RoomRack } from '../common/front-office';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `date` (negative before it). */
export function dayOffset(from: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Span {
  /** First column (0-based) the bar covers. */
  start: number;
  /** Columns covered, at least 1. */
  span: number;
  /** The stay begins before the window / ends after it. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/**
 * The columns of the nights [checkIn, checkOut) inside a window of `days`
 * nights from `from`; null when the stay has no night in it.
 */
export function barSpan(checkIn: string, checkOut: string, from: string, days: number): Span | null {
  const first = dayOffset(from, checkIn);
  const end = dayOffset(from, checkOut);
  const start = Math.max(0, first);
  const stop = Math.min(days, end);
  if (Number.isNaN(start) || Number.isNaN(stop) || stop <= start) return null;
  return { start, span: stop - start, clippedStart: first < 0, clippedEnd: end > days };
}

/**
 * Lanes for intervals [start, start + span): each goes into the first lane
 * whose last interval has ended (greedy by start, which uses the fewest
 * lanes). Answers the lane of each input, in input order, and the count.
 */
export function assignLanes(spans: readonly Pick<Span, 'start' | 'span'>[]): { lanes: number[]; count: number } {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].span - spans[a].span);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const s = spans[i];
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = s.start + s.span;
    lanes[i] = lane;
  }
  return { lanes, count: laneEnds.length };
}

export interface Bar extends Span {
  stay: RackStay;
}

export interface RackRoomRow {
  room: RackRoom;
  bars: Bar[];
}

export interface RackGroup {
  type: RackRoomType;
  rooms: RackRoomRow[];
  /** The unassigned stays of the type, one lane per row, none overlapping. */
  lanes: Bar[][];
}

const byRoomNumber = (a: RackRoom, b: RackRoom) => a.room_number.localeCompare(b.room_number, 'en', { numeric: true });

/** Rows by room type (in the rack's order), rooms by number, stays as bars clipped to the window. */
export function buildRack(rack: Pick<RoomRack, 'room_types' | 'rooms' | 'stays'>, from: string, days: number): RackGroup[] {
  const groups = new Map<string, RackGroup>();
  const group = (typeId: string) => {
    let g = groups.get(typeId);
    if (!g) {
      const type = rack.room_types.find((t) => t.id === typeId) ?? { id: typeId, code: '', name: 'Other rooms' };
      g = { type, rooms: [], lanes: [] };
      groups.set(typeId, g);
    }
    return g;
  };
  for (const t of rack.room_types) group(t.id);
  const rows = new Map<string, RackRoomRow>();
  for (const room of [...rack.rooms].sort(byRoomNumber)) {
    const row = { room, bars: [] };
    rows.set(room.id, row);
    group(room.room_type_id).rooms.push(row);
  }
  const unassigned = new Map<string, Bar[]>();
  for (const stay of rack.stays) {
    const span = barSpan(stay.check_in_date, stay.check_out_date, from, days);
    if (!span) continue;
    const bar = { ...span, stay };
    const row = stay.room_id ? rows.get(stay.room_id) : undefined;
    if (row) row.bars.push(bar);
    else {
      const list = unassigned.get(stay.room_type_id) ?? [];
      list.push(bar);
      unassigned.set(stay.room_type_id, list);
    }
  }
  for (const [typeId, bars] of unassigned) {
    const { lanes, count } = assignLanes(bars);
    const g = group(typeId);
    g.lanes = Array.from({ length: count }, () => []);
    bars.forEach((bar, i) => g.lanes[lanes[i]].push(bar));
    for (const lane of g.lanes) lane.sort((a, b) => a.start - b.start);
  }
  for (const row of rows.values()) row.bars.sort((a, b) => a.start - b.start);
  return [...groups.values()];
}

export interface DayColumn {
  date: string;
  weekday: string;
  day: number;
  weekend: boolean;
}

const WEEKDAY = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });

/** The window's days, from `from` on. */
export function dayColumns(from: string, days: number): DayColumn[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(start + i * DAY_MS);
    const dow = d.getUTCDay();
    return { date: d.toISOString().slice(0, 10), weekday: WEEKDAY.format(d), day: d.getUTCDate(), weekend: dow === 0 || dow === 6 };
  });
}

/** The day counts offered, and the width of a day's column for each (px). */
export const DAY_CHOICES = [7, 14, 30] as const;
export type DayChoice = (typeof DAY_CHOICES)[number];

export function dayWidth(days: number): number {
  if (days <= 7) return 112;
  if (days <= 14) return 64;
  return 38;
}

export function parseDays(text: string): DayChoice {
  const n = Number(text);
  return (DAY_CHOICES as readonly number[]).includes(n) ? (n as DayChoice) : 14;
}
