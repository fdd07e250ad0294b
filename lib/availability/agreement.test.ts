import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { listFreeSlots } from "./list-free-slots";
import { LA, PARIS, at, minutes, plus, wall } from "./test-fixtures";
import type { AvailabilityInput, SlotRule } from "./types";

/**
 * Property-style: over every start on a fine grid of real time around a week, for several durations, a start is
 * listed by listFreeSlots exactly when checkSlot accepts it (and its local date is in [from, to]). The fixtures
 * are built to make every rule bite somewhere in the week, including a clock change.
 */
function compare(input: AvailabilityInput, from: string, to: string, durations: number[], gridMinutes: number) {
  const mismatches: string[] = [];
  const outcomes = new Map<SlotRule | "ok", number>();
  const gridStart = Date.parse(`${from}T00:00:00Z`) - minutes(24 * 60);
  const gridEnd = Date.parse(`${to}T00:00:00Z`) + minutes(48 * 60);
  for (const durationMinutes of durations) {
    const listed = new Set(listFreeSlots({ ...input, from, to, durationMinutes }).map((slot) => slot.start.getTime()));
    let acceptedInRange = 0;
    for (let t = gridStart; t < gridEnd; t += minutes(gridMinutes)) {
      const start = new Date(t);
      const localDate = wall(start, input.timeZone).slice(0, 10);
      if (localDate < from || localDate > to) {
        if (listed.has(t)) mismatches.push(`${durationMinutes} min at ${start.toISOString()}: listed, out of range`);
        continue;
      }
      const result = checkSlot({ ...input, start, end: plus(start, minutes(durationMinutes)) });
      const outcome = result.ok ? "ok" : result.rule;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (result.ok) acceptedInRange++;
      if (result.ok !== listed.has(t)) {
        mismatches.push(`${durationMinutes} min at ${start.toISOString()}: check ${outcome}, listed ${listed.has(t)}`);
      }
    }
    // Nothing listed off the grid either.
    if (listed.size !== acceptedInRange)
      mismatches.push(`${durationMinutes} min: ${listed.size} listed, ${acceptedInRange} ok`);
  }
  return { mismatches, outcomes };
}

const allRules: (SlotRule | "ok")[] = [
  "ok",
  "duration",
  "step",
  "opening_hours",
  "closed",
  "notice",
  "window",
  "overlap",
];

describe("listFreeSlots and checkSlot agree", () => {
  it("on every quarter hour of the Los Angeles fall-back week", () => {
    const studio: AvailabilityInput = {
      timeZone: LA,
      openingHours: [
        { weekday: 0, opens: "00:00", closes: "00:00" }, // 25 hours on 2026-11-01
        { weekday: 1, opens: "08:00", closes: "12:00" },
        { weekday: 1, opens: "11:00", closes: "15:00" }, // overlaps the morning
        { weekday: 1, opens: "18:00", closes: "01:00" },
        { weekday: 2, opens: "09:00", closes: "02:00" },
        { weekday: 3, opens: "09:00", closes: "02:00" },
        { weekday: 4, opens: "09:00", closes: "02:00" },
        { weekday: 5, opens: "10:00", closes: "04:00" },
        { weekday: 6, opens: "09:00", closes: "02:00" }, // runs into the repeated hour, overlapping Sunday
      ],
      closures: [{ startsOn: "2026-11-03", endsOn: "2026-11-03" }],
      room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 240, bufferMinutes: 15 },
      policy: { minNoticeMinutes: 90, bookingWindowDays: 6 },
      busy: [
        { start: at("2026-10-29 13:00", LA), end: at("2026-10-29 14:15", LA) },
        { start: at("2026-10-30 23:30", LA), end: at("2026-10-31 01:15", LA) },
        { start: new Date("2026-11-01T01:30:00-07:00"), end: new Date("2026-11-01T01:15:00-08:00") },
        { start: at("2026-11-02 11:00", LA), end: at("2026-11-02 11:10", LA) },
        { start: at("2026-11-04 09:00", LA), end: at("2026-11-04 10:00", LA) },
        { start: at("2026-11-04 09:30", LA), end: at("2026-11-04 12:00", LA) },
        { start: at("2026-11-02 16:00", LA), end: at("2026-11-02 16:00", LA) }, // empty
      ],
      now: at("2026-10-29 10:07", LA), // earliest start 11:37; window ends 2026-11-04 10:07 PST
    };
    const { mismatches, outcomes } = compare(studio, "2026-10-29", "2026-11-04", [60, 90, 180, 240, 30, 75, 300], 15);
    expect(mismatches).toEqual([]);
    expect([...outcomes.keys()].sort()).toEqual([...allRules].sort());
  });

  it("on every five minutes of the Paris spring-forward week, with a 15-minute step", () => {
    const weekday = (day: number) => ({ weekday: day, opens: "09:00", closes: "01:00" });
    const studio: AvailabilityInput = {
      timeZone: PARIS,
      openingHours: [
        weekday(1),
        weekday(2),
        weekday(3),
        weekday(4),
        weekday(5),
        { weekday: 6, opens: "10:00", closes: "18:00" },
        { weekday: 6, opens: "22:00", closes: "05:00" }, // across the 02:00 → 03:00 gap
        { weekday: 0, opens: "00:00", closes: "00:00" }, // 23 hours on 2026-03-29
      ],
      closures: [{ startsOn: "2026-03-31", endsOn: "2026-03-31" }],
      room: { stepMinutes: 15, minMinutes: 45, maxMinutes: 180, bufferMinutes: 10 },
      policy: { minNoticeMinutes: 45, bookingWindowDays: 5 },
      busy: [
        { start: at("2026-03-27 12:00", PARIS), end: at("2026-03-27 12:50", PARIS) },
        { start: at("2026-03-29 01:30", PARIS), end: at("2026-03-29 03:20", PARIS) }, // across the gap
        { start: at("2026-03-29 23:55", PARIS), end: at("2026-03-30 09:40", PARIS) },
      ],
      now: at("2026-03-26 12:34", PARIS),
    };
    const { mismatches, outcomes } = compare(studio, "2026-03-26", "2026-04-01", [45, 60, 105, 180, 20], 5);
    expect(mismatches).toEqual([]);
    expect([...outcomes.keys()].sort()).toEqual([...allRules].sort());
  });
});
