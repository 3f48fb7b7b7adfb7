import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, nightsBetween, todayIn } from './dates';

describe('business dates', () => {
  it("gives today's date in the property's zone, not the browser's", () => {
    const now = new Date('2026-03-01T23:30:00Z');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-03-02');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-03-01');
    expect(todayIn('UTC', now)).toBe('2026-03-01');
    // An unknown zone falls back to the browser's instead of throwing.
    expect(todayIn('Mars/Olympus', now)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts the nights of [arrival, departure) and 0 for anything that is not a stay', () => {
    expect(nightsBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(nightsBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(nightsBetween('2026-03-30', '2026-03-30')).toBe(0);
    expect(nightsBetween('2026-03-30', '2026-03-28')).toBe(0);
    expect(nightsBetween('2026-02-30', '2026-03-02')).toBe(0);
  });
});
