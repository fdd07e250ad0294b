import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";

/**
 * The runtime's list follows CLDR, which still names some zones by their deprecated IANA links (Asia/Calcutta,
 * Europe/Kiev). Every current name below is accepted by Intl as an alias, so studios are offered only these.
 */
const CURRENT_NAME: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** A zone's current IANA name: "Asia/Calcutta" → "Asia/Kolkata"; any other name is returned as it is. */
export function currentTimeZoneName(zone: string): string {
  return CURRENT_NAME[zone] ?? zone;
}

const LISTED = [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone").map(currentTimeZoneName)])].sort();
// A studio saved with an old name keeps working: both names are accepted, only the current one is offered.
const ACCEPTED = new Set([...LISTED, ...Object.keys(CURRENT_NAME)]);

/** The IANA zones a studio may choose from: the runtime's list under current names (plus UTC, listed under Etc/). */
export function timeZones(): string[] {
  return [...LISTED];
}

export function isTimeZone(value: string): boolean {
  return ACCEPTED.has(value);
}

/** How a zone reads in a list: "America/Los Angeles" (the value stays the IANA name, underscores and all). */
export function timeZoneLabel(zone: string): string {
  return currentTimeZoneName(zone).replaceAll("_", " ");
}

/** The place a zone is named after, to say whose clock a time is on: "Los Angeles", "Buenos Aires", "UTC". */
export function zonePlace(zone: string): string {
  const name = currentTimeZoneName(zone);
  return name.slice(name.lastIndexOf("/") + 1).replaceAll("_", " ");
}

/** Whose clock a time is on, as it follows the time: "Los Angeles time", or "UTC" for UTC. */
export function clockName(zone: string): string {
  const place = zonePlace(zone);
  return place === "UTC" ? "UTC" : `${place} time`;
}

/** An instant on a zone's clock, saying which clock: "Mon 7 Dec 2026, 06:00 Los Angeles time" ("… UTC" for UTC). */
export function formatInZone(instant: Date, timeZone: string): string {
  return `${formatLocal(instant, timeZone)} ${clockName(timeZone)}`;
}

/** A time of day on a zone's clock, saying which clock: "06:00 Los Angeles time". */
export function formatTimeInZone(instant: Date, timeZone: string): string {
  return `${format(instant, "HH:mm", { in: tz(timeZone) })} ${clockName(timeZone)}`;
}

/** A day on a zone's clock, saying which clock: "7 Dec 2026 (Los Angeles time)". */
export function formatDayInZone(instant: Date, timeZone: string): string {
  return `${format(instant, "d MMM yyyy", { in: tz(timeZone) })} (${clockName(timeZone)})`;
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
