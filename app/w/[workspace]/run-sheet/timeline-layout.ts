import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { HOUR_MS } from "@/kernel/time";

/**
 * Geometry of the run sheet's timeline, kept pure so it is tested without a browser: where an instant falls in
 * the day's window (as a percentage of its width), the hour marks on the studio's clock, and lanes for sessions
 * that overlap in one room (a walk-in in the time a no-show freed).
 */

export type Window = { start: Date; end: Date };

/** Where an instant falls across the window, 0–100 (clamped: a session that began before opening starts at 0). */
export function percentOf(at: Date, window: Window): number {
  const span = window.end.getTime() - window.start.getTime();
  if (span <= 0) return 0;
  return Math.min(100, Math.max(0, ((at.getTime() - window.start.getTime()) / span) * 100));
}

/** The left edge and width of a span, in percent of the window; null when it lies wholly outside it. */
export function placeSpan(from: Date, to: Date, window: Window): { left: number; width: number } | null {
  if (to <= window.start || from >= window.end || to <= from) return null;
  const left = percentOf(from, window);
  return { left, width: percentOf(to, window) - left };
}

/**
 * One mark per full hour of the studio's clock inside the window, labelled on that clock. Marks are an hour
 * apart in real time, so a day the clocks change shows the repeated or the skipped hour as it happens
 * (01:00, 01:00 in November in Los Angeles); a zone on a half hour gets its own full hours.
 */
export function hourMarks(window: Window, timeZone: string): { at: Date; label: string; left: number }[] {
  const zone = tz(timeZone);
  const start = window.start.getTime();
  const minutes = Number(format(window.start, "m", { in: zone }));
  const seconds = window.start.getUTCSeconds() * 1000 + window.start.getUTCMilliseconds();
  let t = minutes === 0 && seconds === 0 ? start : start + (60 - minutes) * 60_000 - seconds;
  const marks = [];
  for (; t <= window.end.getTime() && marks.length < 50; t += HOUR_MS) {
    const at = new Date(t);
    marks.push({ at, label: format(at, "HH:mm", { in: zone }), left: percentOf(at, window) });
  }
  return marks;
}

/**
 * Greedy lanes: each span goes into the first lane that is free from its start (spans sorted by start). The
 * exclusion constraint keeps live sessions apart, but a no-show and the walk-in booked into its time do overlap.
 */
export function assignLanes<T extends { from: Date; to: Date }>(
  spans: T[],
): { lanes: number; placed: (T & { lane: number })[] } {
  const ends: number[] = [];
  const placed = [...spans]
    .sort((a, b) => a.from.getTime() - b.from.getTime())
    .map((span) => {
      let lane = ends.findIndex((end) => end <= span.from.getTime());
      if (lane === -1) lane = ends.length;
      ends[lane] = span.to.getTime();
      return { ...span, lane };
    });
  return { lanes: Math.max(1, ends.length), placed };
}

/** A time range on the studio's clock, "19:00–21:00". */
export function clockRange(from: Date, to: Date, timeZone: string): string {
  const zone = tz(timeZone);
  return `${format(from, "HH:mm", { in: zone })}–${format(to, "HH:mm", { in: zone })}`;
}

/** A maintenance block's range: its times, with the days too when it lasts longer than a shift (a week's repair). */
export function blockRange(from: Date, to: Date, timeZone: string): string {
  if (to.getTime() - from.getTime() < 12 * HOUR_MS) return clockRange(from, to, timeZone);
  const zone = tz(timeZone);
  return `${format(from, "EEE d MMM HH:mm", { in: zone })} – ${format(to, "EEE d MMM HH:mm", { in: zone })}`;
}
