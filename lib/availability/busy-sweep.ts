import type { Interval } from "./types";

type Span = { start: number; end: number };

function nonEmptySpans(busy: Interval[]): Span[] {
  const spans: Span[] = [];
  // An empty (or invalid, NaN) interval intersects nothing, half-open.
  for (const b of busy) {
    const span = { start: b.start.getTime(), end: b.end.getTime() };
    if (span.start < span.end) spans.push(span);
  }
  return spans;
}

/**
 * A free-check for many slots offered in order: sorts busy once, then each call is amortised O(1). Calls must come
 * with non-decreasing `start` and non-decreasing `blockedEnd`. Returns true when [start, blockedEnd) touches no busy
 * interval (touching ends are fine).
 */
export function busySweep(busy: Interval[]): (start: number, blockedEnd: number) => boolean {
  const spans = nonEmptySpans(busy).sort((a, b) => a.start - b.start);
  let next = 0;
  let maxEnd = -Infinity; // latest end among busy intervals that start before the current blockedEnd
  return (start, blockedEnd) => {
    while (next < spans.length && spans[next].start < blockedEnd) {
      maxEnd = Math.max(maxEnd, spans[next].end);
      next++;
    }
    return !(maxEnd > start);
  };
}

/** The same question for one slot, without sorting. */
export function isFree(busy: Interval[], start: number, blockedEnd: number): boolean {
  return nonEmptySpans(busy).every((b) => b.start >= blockedEnd || b.end <= start);
}
