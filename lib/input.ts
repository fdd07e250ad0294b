import { z } from "zod";

/**
 * The rules every text, date and instant a client sends goes through, in forms, the REST API, query strings and
 * CSV imports alike. Schemas build their fields from these instead of `z.string()` / `z.iso.*` (ESLint refuses a
 * bare `z.string()` in an input schema), so a new field cannot forget them.
 */

// Text ----------------------------------------------------------------------------------------------------------

/** PostgreSQL text cannot hold U+0000: let through, it answered 500. Nothing a person types contains it. */
export const NUL_MESSAGE = "Remove the invisible NUL character (\\u0000): it cannot be stored";
export const hasNul = (value: string) => value.includes("\u0000");

/** `z.string()` for anything a client sends: refuses NUL with a field message, then chains like any string. */
export const str = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((v) => !hasNul(v), { message: NUL_MESSAGE, abort: true });

// Dates and instants ----------------------------------------------------------------------------------------------

/**
 * The years a client may name. Nothing in a studio's life is older than 2000 or later than 2100; outside that,
 * dates overflow what Postgres and the calendar code handle (9999-12-31 answered 500, storage was reservable in 9999).
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
export const YEAR_RANGE_MESSAGE = `Use a date between ${FIRST_YEAR} and ${LAST_YEAR}`;

const EARLIEST = Date.UTC(FIRST_YEAR, 0, 1);
const LATEST = Date.UTC(LAST_YEAR + 1, 0, 1);

/** An instant inside the years a client may name. */
export const isSaneInstant = (d: Date) => !Number.isNaN(d.getTime()) && d.getTime() >= EARLIEST && d.getTime() < LATEST;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date "YYYY-MM-DD" (2026-02-30 is not one) in the years a client may name. */
export function isSaneDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A local calendar date, "YYYY-MM-DD": real, and between 2000 and 2100. */
export const isoDate = (message = "Use a real date like 2026-12-01") =>
  z.iso.date({ error: message, abort: true }).refine(isSaneDate, { message: YEAR_RANGE_MESSAGE, abort: true });

/** An ISO 8601 instant with its offset ("2026-12-01T19:00:00-08:00"), as a Date between 2000 and 2100. */
export const isoInstant = (message: string) =>
  z.iso
    .datetime({ offset: true, error: message, abort: true })
    .transform((s) => new Date(s))
    .refine(isSaneInstant, { message: YEAR_RANGE_MESSAGE, abort: true });

/**
 * A wall-clock "YYYY-MM-DDTHH:MM" (an <input type="datetime-local">) in the years 2000–2100. Whether the day and
 * the minute exist on the studio's clock (Feb 30, a DST gap) is for the use case, which knows the zone.
 */
export const isSaneLocalDateTime = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
