import { test } from "@playwright/test";
import { addNights } from "../../lib/storage/nights";
import { localDate, localDateTimeToInstant } from "../../lib/studios/local-time";
import { DAY_MS } from "../../kernel/time";

/**
 * The e2e servers' clocks. The main server runs on real time; each clock project starts a server of its own when
 * its worker starts (the clockServer fixture), with its clock moved (LIVEBASE_CLOCK_OFFSET_MS) so that the project
 * begins at a chosen instant on the Los Angeles studio's clock, and the specs that depend on the hour of day (the
 * run sheet, the no-show sweep, storage nights, billing) run against it. The worker keeps the same offset for the
 * test's own "now" (e2eNow), so the server and the tests agree to the millisecond.
 */
export const STUDIO_ZONE = "America/Los_Angeles";

/**
 * What a clock tests: `hour` instants (an ordinary Wednesday at four times of day) run every spec that depends on
 * the hour; `day` instants (a DST change, a month's last evening) only the specs that count days or nights.
 */
export type ClockKind = "hour" | "day";
export type E2eClock = { name: string; port: number; at: string; kind: ClockKind };

/** Where in the studio's day and calendar the clock servers start (all ahead of real time, within months). */
export function chooseInstants(realNow: Date, zone = STUDIO_ZONE): { name: string; at: Date; kind: ClockKind }[] {
  const today = localDate(realNow, zone);
  // A Wednesday at least two days ahead: an ordinary weekday (Tuesday's late opening runs past its midnight).
  let wednesday = addNights(today, 2);
  while (new Date(`${wednesday}T12:00:00Z`).getUTCDay() !== 3) wednesday = addNights(wednesday, 1);
  const at = (day: string, time: string) => localDateTimeToInstant(`${day}T${time}`, zone)!;
  // The last day of a month at least two days ahead.
  let monthEnd = addNights(today, 2);
  while (addNights(monthEnd, 1).slice(0, 7) === monthEnd.slice(0, 7)) monthEnd = addNights(monthEnd, 1);
  // The next day whose length is not 24 hours on the studio's clock (a DST change), searched a year ahead.
  let dst = addNights(today, 2);
  for (let i = 0; i < 370; i++, dst = addNights(dst, 1)) {
    if (at(addNights(dst, 1), "00:00").getTime() - at(dst, "00:00").getTime() !== DAY_MS) break;
  }
  return [
    { name: "00:30", at: at(wednesday, "00:30"), kind: "hour" },
    { name: "09:00", at: at(wednesday, "09:00"), kind: "hour" },
    { name: "19:30", at: at(wednesday, "19:30"), kind: "hour" },
    { name: "23:45", at: at(wednesday, "23:45"), kind: "hour" },
    // 03:30, just after a spring-forward gap (02:00 → 03:00) or an hour after a fall-back's repeated hour.
    { name: `DST ${dst} 03:30`, at: at(dst, "03:30"), kind: "day" },
    { name: `month end ${monthEnd} 23:45`, at: at(monthEnd, "23:45"), kind: "day" },
  ];
}

/** The clock projects of this run: chosen by the runner the first time the config loads, inherited by workers. */
export function e2eClocks(firstPort: number): E2eClock[] {
  if (!process.env.E2E_CLOCKS) {
    const clocks = chooseInstants(new Date()).map((c, i) => ({
      name: c.name,
      port: firstPort + i,
      at: c.at.toISOString(),
      kind: c.kind,
    }));
    process.env.E2E_CLOCKS = JSON.stringify(clocks);
  }
  return JSON.parse(process.env.E2E_CLOCKS) as E2eClock[];
}

/**
 * The database of an e2e server on real PostgreSQL (DATABASE_URL set, as in CI): one of its own beside that one
 * (`<database>_e2e_<port>`), made empty at every run. Unit and integration tests write rows at pinned dates into
 * DATABASE_URL's database; on a shared one, the e2e server's job loop swept them as the calendar caught up with
 * them (and one of them stopped every job). Null: the server's embedded database in .data/e2e-<port>.
 */
export function e2eDatabaseUrl(port: number): string | null {
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `${url.pathname}_e2e_${port}`;
  return url.toString();
}

/** The clock of the server the running test talks to (a clock project's, or the main server's real time). */
export function e2eClock(): E2eClock | null {
  try {
    return (test.info().project.metadata?.clock as E2eClock | undefined) ?? null;
  } catch {
    return null; // outside a test: the main server
  }
}

/** "Now" on the clock of the server under test: build a test's data from this, never from Date.now(). */
export function e2eNow(): Date {
  return new Date(Date.now() + Number(process.env.E2E_CLOCK_OFFSET_MS ?? 0));
}
