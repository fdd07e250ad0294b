import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";

const ZONES = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);

/** The IANA zones a studio may use: the runtime's own list (plus UTC, which it lists under Etc/). */
export function timeZones(): string[] {
  return [...ZONES].sort();
}

export function isTimeZone(value: string): boolean {
  return ZONES.has(value);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock fields of an instant in a zone, as "YYYY-MM-DDTHH:MM". */
function wallClock(ms: number, timeZone: string) {
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HH:mm");
}

/**
 * A studio's wall-clock time ("2026-11-01T01:30", as an <input type="datetime-local"> sends it) → the instant.
 * Null for a malformed or impossible date. A time skipped by a spring-forward gap lands after the gap by as much
 * as it was inside it (02:30 → 03:30); a time in the repeated hour of a fall-back is its FIRST occurrence.
 * TZDate alone resolves the repeated hour by the host's own zone, so we pick the earliest match ourselves.
 */
export function localDateTimeToInstant(local: string, timeZone: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null; // 31 April and the like
  const guess = new TZDate(year, month - 1, day, hour, minute, 0, 0, timeZone).getTime();
  if (!Number.isFinite(guess)) return null;
  // Offsets change by at most an hour, in 30-minute steps at the finest (Lord Howe Island).
  const earliest = [guess - 3_600_000, guess - 1_800_000, guess].find((ms) => wallClock(ms, timeZone) === local);
  return new Date(earliest ?? guess);
}

/** "Fri 4 Dec 2026, 18:00" on the studio's clock. */
export function formatLocal(instant: Date, timeZone: string): string {
  return format(instant, "EEE d MMM yyyy, HH:mm", { in: tz(timeZone) });
}

/** The studio's local date "YYYY-MM-DD" at an instant. */
export function localDate(instant: Date, timeZone: string): string {
  return format(instant, "yyyy-MM-dd", { in: tz(timeZone) });
}

/** An instant as the value of an <input type="datetime-local"> on the studio's clock. */
export function toLocalInput(instant: Date, timeZone: string): string {
  return wallClock(instant.getTime(), timeZone);
}
