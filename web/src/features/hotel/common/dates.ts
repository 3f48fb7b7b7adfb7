// Business dates (YYYY-MM-DD) without time zone shifts.

/** Today's calendar date in an IANA zone (the browser's when none is given or it is unknown). */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  const parts = (zone?: string) => {
    const out: Record<string, string> = {};
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    for (const p of fmt.formatToParts(now)) out[p.type] = p.value;
    return `${out.year}-${out.month}-${out.day}`;
  };
  try {
    return parts(timeZone);
  } catch {
    return parts();
  }
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not: Date would roll it over). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Nights of the half-open range [checkIn, checkOut); 0 when not a range. */
export function nightsBetween(checkIn: string, checkOut: string): number {
  if (!isIsoDate(checkIn) || !isIsoDate(checkOut)) return 0;
  const n = Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
  return n > 0 ? n : 0;
}
