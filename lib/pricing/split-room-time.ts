import { tzOffset } from "@date-fns/tz";
import { MINUTES_PER_DAY, type PeakSchedule, type PricedRule } from "./compile-peak-rules";

const MS_PER_MINUTE = 60_000;
/** 1970-01-01, day 0 of the epoch, was a Thursday. */
const EPOCH_WEEKDAY = 4;

/** A maximal run of booked time priced by one rule (or the base rate, `rule: null`); minutes since the epoch. */
export type RoomTimeSegment = { startMinute: number; endMinute: number; rule: PricedRule | null };

/**
 * Splits [start, end) into maximal segments priced by the same peak rule, walking from boundary to boundary.
 *
 * Each step reads the local wall clock at the current instant, looks up the slice of the local day it falls in,
 * and jumps to the end of that slice. While the UTC offset is constant, local time moves exactly as real time, so
 * the jump is exact; when the offset changes inside a step (a DST change), the step stops at the change and the
 * next one starts from the new wall clock. So time is priced by what the studio's clock shows at each instant:
 * - spring forward: the skipped local hour does not exist and costs nothing; a rule starting inside it starts
 *   at the change;
 * - fall back: the repeated local hour is priced twice, by whatever rule covers it, on its real minutes.
 * Steps stop at local midnight too, but segments either side of it merge when the same rule prices both.
 *
 * Assumes at most one offset change per step (a step is at most a day long): true of every zone in use.
 */
export function splitRoomTime(input: {
  timeZone: string;
  startMinute: number;
  endMinute: number;
  schedule: PeakSchedule;
}): RoomTimeSegment[] {
  const { timeZone, endMinute, schedule } = input;
  const offsetAt = (minute: number): number => {
    const offset = tzOffset(timeZone, new Date(minute * MS_PER_MINUTE));
    if (Number.isNaN(offset)) throw new RangeError(`unknown time zone: ${JSON.stringify(timeZone)}`);
    // Every offset since the 1970s is whole minutes; rounding keeps the walk on whole minutes regardless.
    return Math.round(offset);
  };

  const segments: RoomTimeSegment[] = [];
  let minute = input.startMinute;
  while (minute < endMinute) {
    const offset = offsetAt(minute);
    const local = minute + offset;
    const localDay = Math.floor(local / MINUTES_PER_DAY);
    const minuteOfDay = local - localDay * MINUTES_PER_DAY;
    const weekday = (((localDay + EPOCH_WEEKDAY) % 7) + 7) % 7;
    const slice = schedule.at(weekday, minuteOfDay);

    let next = Math.min(minute + (slice.until - minuteOfDay), endMinute);
    if (offsetAt(next - 1) !== offset) next = firstMinuteWithOtherOffset(offsetAt, minute, next - 1, offset);

    const last = segments.at(-1);
    if (last && last.rule === slice.rule && last.endMinute === minute) last.endMinute = next;
    else segments.push({ startMinute: minute, endMinute: next, rule: slice.rule });
    minute = next;
  }
  return segments;
}

/** Binary search for the first minute in (low, high] whose offset differs from `offset` (true at `high`). */
function firstMinuteWithOtherOffset(offsetAt: (minute: number) => number, low: number, high: number, offset: number) {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle) === offset) low = middle;
    else high = middle;
  }
  return high;
}
