/**
 * Calendar arithmetic on local dates and wall-clock times, with no time zone involved: a local date is a whole
 * number of days since 1970-01-01 ("epoch day") and a wall-clock time is minutes since local midnight. Keeping them
 * as plain numbers makes day iteration exact and cheap (no Date objects, no host-zone surprises).
 */

import { DAY_MS } from "@/kernel/time";

// The units live in the kernel; re-exported for the calendar code that reads them from here.
export { DAY_MINUTES, DAY_MS, MINUTE_MS } from "@/kernel/time";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "YYYY-MM-DD" to its epoch day, or null when it is not a real calendar date (e.g. "2026-02-30"). */
export function parseLocalDate(value: string): number | null {
  const match = typeof value === "string" ? DATE_RE.exec(value) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls "02-30" over to March; a round trip catches it (and years 0000-0099, which Date.UTC remaps).
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / DAY_MS);
}

/** Epoch day to "YYYY-MM-DD". */
export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return mod(day + 4, 7);
}

/** "HH:MM" (00:00 to 23:59) to minutes since local midnight, or null. */
export function parseClockTime(value: string): number | null {
  const match = typeof value === "string" ? CLOCK_RE.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Modulo that is never negative (wall-clock times before 1970 have negative epoch milliseconds). */
export function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
