import { addDays, format } from "date-fns";
import { tz } from "@date-fns/tz";
import { isSaneDate } from "../input";
import { DAY_MS } from "@/kernel/time";

/**
 * A night is a calendar date (YYYY-MM-DD) on a studio's clock: the night that starts that evening. Arithmetic and
 * labels work at noon UTC on that date, so neither the server's zone nor a DST change can move it to another day.
 */
const utc = tz("UTC");
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** A real YYYY-MM-DD date (2026-02-30 is not one) between 2000 and 2100: the one rule in lib/input.ts. */
export const isNight = isSaneDate;

export function addNights(day: string, n: number): string {
  return format(addDays(noon(day), n), "yyyy-MM-dd", { in: utc });
}

/** How many nights [first, last] covers, both included; 0 when either is not a date or last is before first. */
export function countNights(first: string, last: string): number {
  if (!isNight(first) || !isNight(last)) return 0;
  return Math.max(0, Math.round((noon(last).getTime() - noon(first).getTime()) / DAY_MS) + 1);
}

/** "Thu 3 Dec" (with the year when it is not `year`). */
export function nightLabel(day: string, year?: string): string {
  return format(noon(day), year && day.startsWith(year) ? "EEE d MMM" : "EEE d MMM yyyy", { in: utc });
}

/** "Thu 3 Dec – Sat 5 Dec 2026", or one night's label. */
export function nightsLabel(first: string, last: string): string {
  return first === last ? nightLabel(first) : `${nightLabel(first, last.slice(0, 4))} – ${nightLabel(last)}`;
}
