import { DAY_MS, MINUTE_MS, parseClockTime, parseLocalDate, weekdayOf } from "./local-date";
import type { Closure, OpeningHours } from "./types";
import type { ZoneClock } from "./zone-clock";

/** One opening range on one local date, as instants [start, end), marked when that date is closed. */
export type OpeningSpan = { start: number; end: number; day: number; closed: boolean };

/** `closuresValid: false` means a closure was malformed; every span is then marked closed. */
export type OpeningCalendar = { ok: true; spans: OpeningSpan[]; closuresValid: boolean } | { ok: false };

type Range = { opens: number; closes: number };

/**
 * Every opening range that starts on a local date in [fromDay, toDay] (epoch days), sorted by start then end.
 * Spans of closed dates are kept (marked `closed`) so a caller can tell "outside the hours" from "closed that day".
 * With `merge`, open spans that touch or overlap become one (keeping the first one's date): a studio open round
 * the clock on Friday and Saturday takes a booking from Friday 23:00 to Saturday 01:00. A booking must fit inside
 * one span. Without it (openingIntervals), each date keeps its own spans.
 *
 * Malformed hours make the calendar invalid and a malformed closure closes every day, rather than being skipped,
 * so bad data shows up as "no slots" instead of silently opening a day that was meant to be closed.
 */
export function openingCalendar(args: {
  clock: ZoneClock;
  openingHours: OpeningHours;
  closures: Closure[];
  fromDay: number;
  toDay: number;
  merge?: boolean;
}): OpeningCalendar {
  const { clock, fromDay, toDay } = args;
  const byWeekday = parseOpeningHours(args.openingHours);
  if (!byWeekday) return { ok: false };
  const closed = parseClosures(args.closures, fromDay, toDay);

  const spans: OpeningSpan[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    for (const { opens, closes } of byWeekday[weekdayOf(day)]) {
      const endDay = closes > opens ? day : day + 1;
      const start = clock.instantAt(day * DAY_MS + opens * MINUTE_MS);
      const end = clock.instantAt(endDay * DAY_MS + closes * MINUTE_MS);
      if (end > start) spans.push({ start, end, day, closed: !closed || closed.has(day) });
    }
  }
  if (args.merge) return { ok: true, spans: mergeOpenSpans(spans), closuresValid: closed !== null };
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { ok: true, spans, closuresValid: closed !== null };
}

function parseOpeningHours(openingHours: OpeningHours): Range[][] | null {
  if (!Array.isArray(openingHours)) return null;
  const byWeekday: Range[][] = [[], [], [], [], [], [], []];
  for (const range of openingHours) {
    const opens = parseClockTime(range?.opens);
    const closes = parseClockTime(range?.closes);
    const weekday = range?.weekday;
    if (opens === null || closes === null || !Number.isInteger(weekday) || weekday < 0 || weekday > 6) return null;
    byWeekday[weekday].push({ opens, closes });
  }
  return byWeekday;
}

/** The closed epoch days within [fromDay, toDay], or null when a closure is malformed or ends before it starts. */
function parseClosures(closures: Closure[], fromDay: number, toDay: number): Set<number> | null {
  if (!Array.isArray(closures)) return null;
  const closed = new Set<number>();
  for (const closure of closures) {
    const startsOn = parseLocalDate(closure?.startsOn);
    const endsOn = parseLocalDate(closure?.endsOn);
    if (startsOn === null || endsOn === null || endsOn < startsOn) return null;
    for (let day = Math.max(startsOn, fromDay); day <= Math.min(endsOn, toDay); day++) closed.add(day);
  }
  return closed;
}

/** Merges touching or overlapping open spans; closed spans stay as they are. Sorted by start, then end. */
function mergeOpenSpans(spans: OpeningSpan[]): OpeningSpan[] {
  const byStart = (a: OpeningSpan, b: OpeningSpan) => a.start - b.start || a.end - b.end;
  const open = spans.filter((s) => !s.closed).sort(byStart);
  const merged: OpeningSpan[] = [];
  for (const span of open) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return [...merged, ...spans.filter((s) => s.closed)].sort(byStart);
}
