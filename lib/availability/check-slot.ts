import { isFree } from "./busy-sweep";
import { DAY_MS, formatLocalDate } from "./local-date";
import { openingCalendar } from "./opening-calendar";
import { durationFits, earliestStart, isStepAligned, isValidRoom, turnoverMs, windowEnd } from "./slot-rules";
import type { AvailabilityInput, RoomRules, SlotCheck, SlotRule } from "./types";
import { zoneClock } from "./zone-clock";

const refuse = (rule: SlotRule, message: string): SlotCheck => ({ ok: false, rule, message });

/**
 * Whether [start, end) can be booked: `{ ok: true }`, or the first rule it breaks in the order of SlotRule, with a
 * message a person can act on. listFreeSlots lists exactly the slots this accepts (see the agreement test).
 */
export function checkSlot(input: AvailabilityInput & { start: Date; end: Date }): SlotCheck {
  const { room, policy } = input;
  const start = input.start.getTime();
  const end = input.end.getTime();

  if (!durationFits(room, end - start)) return refuse("duration", durationMessage(room));

  // Spans that can contain the start open at most two local days before it and, around a fall-back at midnight,
  // one day after it. Reading those wall-clock days looks a day further each way, and offsets shift by < 1 day.
  const clock = zoneClock(input.timeZone, start - 4 * DAY_MS, start + 4 * DAY_MS);
  if (!clock) return refuse("step", "The studio's time zone is not valid.");
  if (!isStepAligned(clock.wallAt(start), room.stepMinutes)) {
    return refuse("step", `Bookings start on the ${room.stepMinutes}-minute marks of the studio's local time.`);
  }

  const day = clock.dayOf(start);
  const { openingHours, closures } = input;
  const calendar = openingCalendar({ clock, openingHours, closures, fromDay: day - 2, toDay: day + 1, merge: true });
  if (!calendar.ok) return refuse("opening_hours", "The studio's opening hours are not valid.");
  const containing = calendar.spans.filter((span) => span.start <= start && end <= span.end);
  if (containing.length === 0) {
    return refuse("opening_hours", "The studio is not open for the whole of this time.");
  }
  if (containing.every((span) => span.closed)) {
    return calendar.closuresValid
      ? refuse("closed", `The studio is closed on ${formatLocalDate(containing[0].day)}.`)
      : refuse("closed", "The studio's closures are not valid.");
  }

  if (!(start >= earliestStart(input.now, policy))) {
    return refuse("notice", `Bookings need at least ${policy.minNoticeMinutes} minutes' notice.`);
  }
  if (!(start < windowEnd(clock, input.now, policy))) {
    return refuse("window", `Bookings can be made at most ${policy.bookingWindowDays} days ahead.`);
  }

  if (!isFree(input.busy, start, end + turnoverMs(room.bufferMinutes))) {
    return refuse(
      "overlap",
      room.bufferMinutes > 0
        ? `The room is not free for this time and the ${room.bufferMinutes} minutes of turnover after it.`
        : "The room is not free for this time.",
    );
  }
  return { ok: true };
}

function durationMessage(room: RoomRules): string {
  return isValidRoom(room) && room.minMinutes <= room.maxMinutes
    ? `A booking of this room lasts ${room.minMinutes} to ${room.maxMinutes} minutes, in steps of ${room.stepMinutes} minutes.`
    : "This room's booking rules are not valid.";
}
