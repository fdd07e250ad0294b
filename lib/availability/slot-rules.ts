import { DAY_MINUTES, DAY_MS, MINUTE_MS, mod } from "./local-date";
import type { BookingPolicy, RoomRules } from "./types";
import type { ZoneClock } from "./zone-clock";

/**
 * The rules checkSlot and listFreeSlots share, written once so the two cannot drift apart. Invalid rules (a step of
 * 0, a negative buffer, NaN) make every slot fail instead of throwing or looping: inputs are validated at the edges,
 * and if something slips through, offering nothing is the safe answer.
 */

/** The turnover after a session (cleaning, changeover): how long its room stays blocked after its end. */
export function turnoverMs(bufferMinutes: number): number {
  return bufferMinutes * MINUTE_MS;
}

/** Until when a session ending at `end` blocks its room: its end plus the room's turnover. The one home of the rule. */
export function blockedUntil(end: Date, bufferMinutes: number): Date {
  return new Date(end.getTime() + turnoverMs(bufferMinutes));
}

export function isValidRoom(room: RoomRules): boolean {
  return (
    Number.isInteger(room?.stepMinutes) &&
    room.stepMinutes >= 1 &&
    Number.isFinite(room.minMinutes) &&
    Number.isFinite(room.maxMinutes) &&
    Number.isFinite(room.bufferMinutes) &&
    room.bufferMinutes >= 0
  );
}

/** Real (elapsed) duration within [min, max] and a whole number of steps. */
export function durationFits(room: RoomRules, durationMs: number): boolean {
  if (!isValidRoom(room) || !(durationMs > 0)) return false;
  return (
    durationMs % (room.stepMinutes * MINUTE_MS) === 0 &&
    durationMs >= room.minMinutes * MINUTE_MS &&
    durationMs <= room.maxMinutes * MINUTE_MS
  );
}

/** A local wall-clock time on a whole minute whose minutes since local midnight are a multiple of the step. */
export function isStepAligned(wallMs: number, stepMinutes: number): boolean {
  if (mod(wallMs, MINUTE_MS) !== 0) return false;
  return mod(wallMs / MINUTE_MS, DAY_MINUTES) % stepMinutes === 0;
}

/** The earliest bookable start (inclusive): now + minimum notice. NaN (nothing bookable) when invalid. */
export function earliestStart(now: Date, policy: BookingPolicy): number {
  const notice = policy?.minNoticeMinutes;
  if (!Number.isFinite(notice) || notice < 0) return NaN;
  return now.getTime() + notice * MINUTE_MS;
}

/**
 * The end of the booking window (exclusive): `bookingWindowDays` local calendar days after now, at the same
 * wall-clock time, so a 30-day window opened at 10:00 ends at 10:00 even across a clock change. NaN when invalid.
 */
export function windowEnd(clock: ZoneClock, now: Date, policy: BookingPolicy): number {
  const days = policy?.bookingWindowDays;
  const nowMs = now.getTime();
  if (!Number.isInteger(days) || days < 0 || !Number.isFinite(nowMs)) return NaN;
  return clock.instantAt(clock.wallAt(nowMs) + days * DAY_MS);
}
