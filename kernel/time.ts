/**
 * The kernel's units of time: the one home of the milliseconds in a minute, an hour and a (24-hour) day, used by
 * db/, lib/ and app/ alike. A "day" here is 24 hours of elapsed time (a window, a retention period); a studio's
 * calendar day, whose length changes with daylight saving, is worked out on its clock (lib/studios/local-time.ts).
 * Pure: the kernel imports nothing from the project.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MINUTES = 1_440;
export const DAY_MS = DAY_MINUTES * MINUTE_MS;

/** `minutes` after `instant` (before, when negative). */
export function minutesAfter(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE_MS);
}

/** `days` × 24 hours after `instant` (before, when negative): elapsed time, not calendar days. */
export function daysAfter(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
