import { DAY_MS, parseLocalDate } from "./local-date";
import { openingCalendar } from "./opening-calendar";
import type { Closure, Interval, OpeningHours } from "./types";
import { zoneClock } from "./zone-clock";

/**
 * The opening intervals (as instants) of the ranges that start on the local dates [from, to] of the studio's
 * zone, closures applied, sorted by start. A range that passes midnight belongs to the date it opens on. On a
 * day when the clocks change, an interval lasts the real time between its opening and closing wall-clock times
 * (so "00:00"–"00:00" is 23 or 25 hours). Invalid input (zone, dates, hours or closures) gives no intervals.
 */
export function openingIntervals(input: {
  timeZone: string;
  openingHours: OpeningHours;
  closures: Closure[];
  from: string;
  to: string;
}): Interval[] {
  const fromDay = parseLocalDate(input.from);
  const toDay = parseLocalDate(input.to);
  if (fromDay === null || toDay === null || toDay < fromDay) return [];
  // Wall-clock days map to instants within ±1 day (no zone is 24 hours from UTC); pad so the clock is exact.
  const clock = zoneClock(input.timeZone, (fromDay - 1) * DAY_MS, (toDay + 3) * DAY_MS);
  if (!clock) return [];
  const { openingHours, closures } = input;
  const calendar = openingCalendar({ clock, openingHours, closures, fromDay, toDay });
  if (!calendar.ok) return [];
  return calendar.spans
    .filter((span) => !span.closed)
    .map((span) => ({ start: new Date(span.start), end: new Date(span.end) }));
}
