import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { AvailabilityInput, OpeningHours } from "./types";

/**
 * Shared fixtures for the availability tests. Expectations are written in local wall-clock time and read back
 * with TZDate + date-fns, a code path independent of the engine's own offset table.
 */

export const LA = "America/Los_Angeles";
export const PARIS = "Europe/Paris";

export const everyDay = (opens: string, closes: string): OpeningHours =>
  [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));

/**
 * The instant of an unambiguous local time "YYYY-MM-DD HH:mm" in `timeZone`. Not for the repeated hour of a
 * fall-back day (TZDate resolves it differently depending on the host's zone): write those as ISO strings with
 * an explicit offset. Throws if the local time does not exist, so a test cannot silently build the wrong instant.
 */
export function at(local: string, timeZone: string): Date {
  const [date, time] = local.split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const instant = new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
  if (wall(instant, timeZone) !== local) throw new Error(`${local} does not exist in ${timeZone}`);
  return instant;
}

/** The local wall-clock time of an instant, "YYYY-MM-DD HH:mm". */
export function wall(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), "yyyy-MM-dd HH:mm");
}

/** Just the "HH:mm" of an instant in `timeZone`. */
export function clock(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), "HH:mm");
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;

export const plus = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

/**
 * A Los Angeles studio open 09:00–02:00 every day (past midnight), a room booked in 30-minute steps for 1 to 8
 * hours with 15 minutes of turnover, 2 hours' notice and a 30-day window, seen on Monday 2026-06-01 at 09:00.
 */
export function studio(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    timeZone: LA,
    openingHours: everyDay("09:00", "02:00"),
    closures: [],
    room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 480, bufferMinutes: 15 },
    policy: { minNoticeMinutes: 120, bookingWindowDays: 30 },
    busy: [],
    now: at("2026-06-01 09:00", LA),
    ...overrides,
  };
}

/** A deterministic pseudo-random generator (LCG), so "random" fixtures are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
