import { DAY_MINUTES, DAY_MS, MINUTE_MS, mod } from "./local-date";
import type { ZoneClock } from "./zone-clock";

/**
 * Calls `visit(start, localDay)` for every instant in [from, until] whose local wall-clock time is step-aligned
 * (see isStepAligned), in order. It steps in real time within each stretch of constant UTC offset and re-aligns at
 * every offset change, so a skipped local hour yields nothing and a repeated one yields both of its instants.
 */
export function forEachAlignedStart(
  clock: ZoneClock,
  range: { from: number; until: number },
  stepMinutes: number,
  visit: (start: number, localDay: number) => void,
): void {
  if (!(range.until >= range.from)) return;
  for (const segment of clock.segmentsBetween(range.from, range.until + 1)) {
    const offset = segment.offsetMs;
    // First instant of the segment that falls on a whole local minute.
    let t = Math.ceil((segment.start + offset) / MINUTE_MS) * MINUTE_MS - offset;
    while (t < segment.end && t <= range.until) {
      const wallMinutes = Math.round((t + offset) / MINUTE_MS);
      const minuteOfDay = mod(wallMinutes, DAY_MINUTES);
      const misalignment = minuteOfDay % stepMinutes;
      if (misalignment === 0) visit(t, Math.floor((t + offset) / DAY_MS));
      // Next aligned minute, or local midnight if that comes first (it is aligned whatever the step). Always > 0.
      const ahead = misalignment === 0 ? stepMinutes : stepMinutes - misalignment;
      t += Math.min(ahead, DAY_MINUTES - minuteOfDay) * MINUTE_MS;
    }
  }
}
