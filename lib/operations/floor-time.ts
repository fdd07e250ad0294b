import { tz } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { localDate, localDateTimeToInstant } from "../studios/local-time";
import { MINUTE_MS } from "@/kernel/time";

/**
 * The front desk types times of day ("21:40") on the studio's clock, not dates: a session is a few hours long and
 * may pass midnight, so which day is meant follows from what the time is for. Pure (no database, no Next.js) so
 * the booking page can preview with the same rules the server applies.
 */

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

const nextDay = (date: string, days: number) => format(addDays(new Date(`${date}T12:00:00Z`), days), "yyyy-MM-dd");

/**
 * When a session actually ended, from the time staff typed: the last moment the studio's clock showed it, at or
 * before `now` (an end is never in the future, so "23:50" typed at 00:10 is yesterday's). The minute that is
 * running counts as now itself, so checking out in the same minute as the check-in is never "before the
 * check-in". Null for anything that is not HH:mm.
 */
export function actualEndFromClock(time: string, timeZone: string, now: Date): Date | null {
  if (!TIME_OF_DAY.test(time)) return null;
  const today = localDate(now, timeZone);
  for (const date of [today, nextDay(today, -1)]) {
    const at = localDateTimeToInstant(`${date}T${time}`, timeZone);
    if (!at || at.getTime() > now.getTime()) continue;
    return now.getTime() - at.getTime() < MINUTE_MS ? now : at;
  }
  return null;
}

/**
 * A new end for a session, from the time staff typed: the first moment after the session's start that the
 * studio's clock shows it ("01:30" for a session that started at 22:00 is the next morning). Whether that is
 * later than the current end, and not too long, is for the use case to say.
 */
export function laterEndFromClock(time: string, timeZone: string, startsAt: Date): Date | null {
  if (!TIME_OF_DAY.test(time)) return null;
  const first = localDate(startsAt, timeZone);
  for (const date of [first, nextDay(first, 1), nextDay(first, 2)]) {
    const at = localDateTimeToInstant(`${date}T${time}`, timeZone);
    if (at && at.getTime() > startsAt.getTime()) return at;
  }
  return null;
}

/** "HH:mm" on the studio's clock (the value of an <input type="time">). */
export function clockTime(instant: Date, timeZone: string): string {
  return format(instant, "HH:mm", { in: tz(timeZone) });
}
