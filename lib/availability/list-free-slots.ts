import { busySweep } from "./busy-sweep";
import { forEachAlignedStart } from "./aligned-starts";
import { DAY_MS, MINUTE_MS, parseLocalDate } from "./local-date";
import { openingCalendar } from "./opening-calendar";
import { durationFits, earliestStart, turnoverMs, windowEnd } from "./slot-rules";
import type { AvailabilityInput, Interval } from "./types";
import { zoneClock } from "./zone-clock";

/**
 * Every start for a booking of `durationMinutes` that checkSlot accepts and whose local date (studio zone) is in
 * [from, to], sorted by start. Invalid input gives no slots.
 *
 * Cost: the zone's offsets are read once per call, opening intervals are built once, candidate starts are stepped
 * through each interval in real time, and busy intervals are sorted once and swept alongside the candidates.
 */
export function listFreeSlots(
  input: AvailabilityInput & { from: string; to: string; durationMinutes: number },
): Interval[] {
  const { room, policy, now } = input;
  const fromDay = parseLocalDate(input.from);
  const toDay = parseLocalDate(input.to);
  const durationMs = input.durationMinutes * MINUTE_MS;
  if (fromDay === null || toDay === null || !durationFits(room, durationMs)) return [];

  const nowClock = zoneClock(input.timeZone, now.getTime(), now.getTime());
  if (!nowClock) return [];
  const notBefore = earliestStart(now, policy);
  const notFrom = windowEnd(nowClock, now, policy);
  if (!(notBefore < notFrom)) return [];

  // Only the days that notice and window leave open, with a day's margin (the exact tests are per start below).
  const firstDay = Math.max(fromDay, nowClock.dayOf(notBefore) - 1);
  const lastDay = Math.min(toDay, nowClock.dayOf(notFrom) + 1);
  if (firstDay > lastDay) return [];

  // Same span of opening days as checkSlot looks at around any start: two days before, one after.
  const clock = zoneClock(input.timeZone, (firstDay - 3) * DAY_MS, (lastDay + 3) * DAY_MS);
  if (!clock) return [];
  const { openingHours, closures } = input;
  const calendar = openingCalendar({
    clock,
    openingHours,
    closures,
    fromDay: firstDay - 2,
    toDay: lastDay + 1,
    merge: true,
  });
  if (!calendar.ok) return [];

  const starts: number[] = [];
  for (const span of calendar.spans) {
    if (span.closed) continue;
    const range = { from: Math.max(span.start, notBefore), until: Math.min(span.end - durationMs, notFrom - 1) };
    forEachAlignedStart(clock, range, room.stepMinutes, (start, localDay) => {
      if (localDay >= fromDay && localDay <= toDay) starts.push(start);
    });
  }
  // Overlapping opening ranges (or a range listed twice) offer the same start more than once.
  if (starts.some((start, i) => i > 0 && start <= starts[i - 1])) {
    starts.sort((a, b) => a - b);
  }

  const isFree = busySweep(input.busy);
  const blockMs = durationMs + turnoverMs(room.bufferMinutes);
  const slots: Interval[] = [];
  let previous = NaN;
  for (const start of starts) {
    if (start === previous) continue;
    previous = start;
    if (isFree(start, start + blockMs)) slots.push({ start: new Date(start), end: new Date(start + durationMs) });
  }
  return slots;
}
