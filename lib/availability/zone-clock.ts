import { tzOffset } from "@date-fns/tz";
import { DAY_MS, MINUTE_MS } from "./local-date";

/** A stretch of time with one UTC offset: [start, end) in epoch milliseconds. */
export type OffsetSegment = { start: number; end: number; offsetMs: number };

/**
 * The studio's time zone over a span of time, as a table of UTC offsets. It answers "what does the wall clock
 * say at this instant" and "which instant is this wall-clock time" with arithmetic, so stepping through thousands
 * of candidate slots costs no `Intl` call per slot. Wall-clock values are epoch milliseconds of the local time read
 * as if it were UTC ("wall ms").
 */
export type ZoneClock = {
  offsetAt(ms: number): number;
  wallAt(ms: number): number;
  /** Local date (epoch day) of an instant. */
  dayOf(ms: number): number;
  /**
   * The instant of a wall-clock time, disambiguated like Temporal's "compatible" mode and RFC 5545: a time in the
   * repeated hour means its first occurrence; a time skipped by a spring-forward gap is read with the offset before
   * the gap, so it lands as many minutes after the gap as it was inside it (02:30 on a 02:00→03:00 day is 03:30).
   */
  instantAt(wallMs: number): number;
  /** The constant-offset pieces of [start, end), in order. */
  segmentsBetween(start: number, end: number): OffsetSegment[];
};

// Offsets are sampled this far apart and every change found between two samples is pinned to the minute by
// bisection. No zone changes its offset twice within 12 hours, so no change is missed.
const SAMPLE_MS = 12 * 60 * MINUTE_MS;

/**
 * A clock for `timeZone` that is exact on [startMs, endMs] plus a day either side (outside that it asks
 * `tzOffset` directly). Null when the zone is not one the runtime knows or the span is not a real time span.
 *
 * We use `tzOffset` from @date-fns/tz rather than constructing `TZDate`s from wall-clock fields because the
 * latter resolves the repeated hour differently depending on the host's own time zone (Paris 2026-10-25 02:30
 * gives +01:00 on a UTC host and +02:00 on an Asia/Kolkata host), and costs ~20 µs per call.
 */
export function zoneClock(timeZone: string, startMs: number, endMs: number): ZoneClock | null {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) return null;
  const rawOffset = (ms: number) => Math.round(tzOffset(timeZone, new Date(ms)) * MINUTE_MS);
  const first = Math.floor((startMs - DAY_MS) / MINUTE_MS) * MINUTE_MS;
  const last = Math.ceil((endMs + DAY_MS) / MINUTE_MS) * MINUTE_MS;

  const starts: number[] = [first];
  const offsets: number[] = [rawOffset(first)];
  if (!Number.isFinite(offsets[0])) return null;

  let previous = first;
  let previousOffset = offsets[0];
  while (previous < last) {
    const sample = Math.min(previous + SAMPLE_MS, last);
    const offset = rawOffset(sample);
    if (!Number.isFinite(offset)) return null;
    if (offset !== previousOffset) {
      // Invariant: `lo` has the old offset, `hi` does not; both are whole minutes.
      let lo = previous;
      let hi = sample;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (rawOffset(mid) === previousOffset) lo = mid;
        else hi = mid;
      }
      starts.push(hi);
      offsets.push(rawOffset(hi));
    }
    previous = sample;
    previousOffset = offset;
  }

  const indexAt = (ms: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > ms) i--;
    return i;
  };
  const offsetAt = (ms: number) => (ms < first || ms > last ? rawOffset(ms) : offsets[indexAt(ms)]);
  const wallAt = (ms: number) => ms + offsetAt(ms);

  return {
    offsetAt,
    wallAt,
    dayOf: (ms) => Math.floor(wallAt(ms) / DAY_MS),
    instantAt(wallMs) {
      const before = offsetAt(wallMs - DAY_MS);
      const after = offsetAt(wallMs + DAY_MS);
      const earlier = wallMs - Math.max(before, after);
      const later = wallMs - Math.min(before, after);
      if (wallAt(earlier) === wallMs) return earlier;
      if (wallAt(later) === wallMs) return later;
      return wallMs - before; // in a gap
    },
    segmentsBetween(start, end) {
      const segments: OffsetSegment[] = [];
      for (let i = indexAt(start); i < starts.length && (i === 0 || starts[i] < end); i++) {
        const segmentStart = Math.max(start, i === 0 ? -Infinity : starts[i]);
        const segmentEnd = Math.min(end, i + 1 < starts.length ? starts[i + 1] : Infinity);
        if (segmentStart < segmentEnd) segments.push({ start: segmentStart, end: segmentEnd, offsetMs: offsets[i] });
      }
      return segments;
    },
  };
}
