import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { listFreeSlots } from "./list-free-slots";
import { LA, at, everyDay, hours, minutes, plus, seeded, studio, wall } from "./test-fixtures";
import type { AvailabilityInput, Interval } from "./types";

type ListInput = Parameters<typeof listFreeSlots>[0];

function list(from: string, to: string, durationMinutes: number, overrides: Partial<AvailabilityInput> = {}) {
  return listFreeSlots({ ...studio(overrides), from, to, durationMinutes });
}
const starts = (slots: Interval[]) => slots.map((slot) => wall(slot.start, LA));
const busy = (from: string, to: string): Interval => ({ start: at(from, LA), end: at(to, LA) });

describe("listFreeSlots", () => {
  it("lists every step of a day in order, each lasting the requested duration", () => {
    const slots = list("2026-06-10", "2026-06-10", 120, { openingHours: everyDay("09:00", "17:00") });
    expect(starts(slots)).toEqual(
      [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
        "12:00",
        "12:30",
        "13:00",
        "13:30",
        "14:00",
        "14:30",
        "15:00",
      ].map((time) => `2026-06-10 ${time}`),
    );
    for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(hours(2));
  });

  it("dates a start after midnight by its own local date, inside the range of the day before", () => {
    const slots = starts(list("2026-06-11", "2026-06-11", 60));
    expect(slots.slice(0, 4)).toEqual(["2026-06-11 00:00", "2026-06-11 00:30", "2026-06-11 01:00", "2026-06-11 09:00"]);
    expect(slots.at(-1)).toBe("2026-06-11 23:30");
    expect(slots).toHaveLength(3 + 30);
  });

  it("offers a slot across midnight in a range that passes it", () => {
    expect(starts(list("2026-06-10", "2026-06-10", 180))).toContain("2026-06-10 23:00");
    expect(starts(list("2026-06-11", "2026-06-11", 180))).not.toContain("2026-06-11 00:00"); // would end 03:00
  });

  it("starts at now + notice and stops before the end of the window", () => {
    // now: 2026-06-01 09:00, 120 minutes' notice, 30 days.
    const early = starts(list("2026-05-25", "2026-06-01", 60));
    expect(early[0]).toBe("2026-06-01 11:00");
    const late = starts(list("2026-06-30", "2026-07-05", 60));
    expect(late.at(-1)).toBe("2026-07-01 01:00");
    expect(list("2027-01-01", "2027-01-31", 60)).toEqual([]);
  });

  it("leaves out the starts that a busy interval or this room's buffer would hit", () => {
    const slots = list("2026-06-10", "2026-06-10", 60, {
      openingHours: everyDay("09:00", "18:00"),
      busy: [busy("2026-06-10 14:00", "2026-06-10 16:15")],
    });
    expect(starts(slots)).toEqual(
      ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "16:30", "17:00"].map(
        (t) => `2026-06-10 ${t}`,
      ),
    );
  });

  it("leaves out the ranges that open on a closed date", () => {
    const closures = [{ startsOn: "2026-06-11", endsOn: "2026-06-11" }];
    const slots = starts(list("2026-06-10", "2026-06-12", 60, { closures }));
    expect(slots.filter((s) => s.startsWith("2026-06-11"))).toEqual([
      "2026-06-11 00:00",
      "2026-06-11 00:30",
      "2026-06-11 01:00",
    ]);
    // Thursday's range runs into Friday: no Friday start before Friday's own range opens.
    expect(slots.find((s) => s.startsWith("2026-06-12"))).toBe("2026-06-12 09:00");
  });

  it("offers each start once when ranges overlap or repeat", () => {
    const openingHours = [
      { weekday: 3, opens: "08:00", closes: "12:00" },
      { weekday: 3, opens: "10:00", closes: "14:00" },
      { weekday: 3, opens: "10:00", closes: "14:00" },
    ];
    expect(starts(list("2026-06-10", "2026-06-10", 60, { openingHours }))).toEqual(
      ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00"].map(
        (t) => `2026-06-10 ${t}`,
      ),
    );
  });

  it("restarts the step count at local midnight when the step does not divide the day", () => {
    // 50-minute steps: ..., 22:30, 23:20, then 00:00 (not 00:10), 00:50, ...
    const input = {
      ...studio({ openingHours: everyDay("12:00", "12:00") }),
      room: { stepMinutes: 50, minMinutes: 50, maxMinutes: 500, bufferMinutes: 0 },
    };
    const slots = listFreeSlots({ ...input, from: "2026-06-10", to: "2026-06-11", durationMinutes: 100 });
    const times = starts(slots);
    const midnight = times.indexOf("2026-06-11 00:00");
    expect(times.slice(midnight - 2, midnight + 2)).toEqual([
      "2026-06-10 22:30",
      "2026-06-10 23:20",
      "2026-06-11 00:00",
      "2026-06-11 00:50",
    ]);
    for (let t = at("2026-06-10 12:00", LA).getTime(); t < at("2026-06-11 12:00", LA).getTime(); t += minutes(10)) {
      const start = new Date(t);
      const accepted = checkSlot({ ...input, start, end: plus(start, minutes(100)) }).ok;
      expect(accepted, wall(start, LA)).toBe(slots.some((slot) => slot.start.getTime() === t));
    }
  });

  it("gives no slots, without looping, for invalid input", () => {
    const room = studio().room;
    const policy = studio().policy;
    const invalid: Partial<ListInput>[] = [
      { durationMinutes: 45 },
      { durationMinutes: NaN },
      { from: "2026-06-12", to: "2026-06-10" },
      { from: "next week" },
      { room: { ...room, stepMinutes: 0 } },
      { room: { ...room, stepMinutes: -30 } },
      { room: { ...room, minMinutes: 120, maxMinutes: 60 } },
      { room: { ...room, bufferMinutes: NaN } },
      { policy: { ...policy, minNoticeMinutes: -1 } },
      { policy: { ...policy, bookingWindowDays: NaN } },
      { now: new Date(NaN) },
      { timeZone: "Nowhere/Special" },
      { openingHours: [{ weekday: -1, opens: "09:00", closes: "17:00" }] },
      { closures: [{ startsOn: "2026-06-10", endsOn: "2026-06-31" }] },
    ];
    for (const override of invalid) {
      const input = { ...studio(), from: "2026-06-10", to: "2026-06-12", durationMinutes: 60, ...override };
      expect(listFreeSlots(input), JSON.stringify(override)).toEqual([]);
    }
  });

  it("computes 31 days for a room with 500 busy intervals, exactly the slots checkSlot accepts", () => {
    const random = seeded(20260701);
    const monthStart = at("2026-07-01 00:00", LA);
    const busyTimes: Interval[] = Array.from({ length: 500 }, () => {
      // Quarter-hour starts anywhere in the month, 15 minutes to 1.5 hours long; some overlap each other.
      const start = plus(monthStart, minutes(15 * Math.floor(random() * 31 * 96)));
      return { start, end: plus(start, minutes(15 * (1 + Math.floor(random() * 6)))) };
    });
    const input = {
      ...studio({ now: at("2026-06-30 12:00", LA), policy: { minNoticeMinutes: 60, bookingWindowDays: 60 } }),
      busy: busyTimes,
    };

    const slots = listFreeSlots({ ...input, from: "2026-07-01", to: "2026-07-31", durationMinutes: 90 });
    const unbooked = listFreeSlots({ ...input, busy: [], from: "2026-07-01", to: "2026-07-31", durationMinutes: 90 });
    expect(slots.length).toBeGreaterThan(100);
    expect(slots.length).toBeLessThan(unbooked.length - 100);

    // Brute force: every 30-minute instant of the month (no clock change in July), one checkSlot each.
    const expected: number[] = [];
    for (let t = monthStart.getTime(); t < at("2026-08-01 00:00", LA).getTime(); t += minutes(30)) {
      const start = new Date(t);
      if (checkSlot({ ...input, start, end: plus(start, minutes(90)) }).ok) expected.push(t);
    }
    expect(slots.map((slot) => slot.start.getTime())).toEqual(expected);
    for (const slot of slots) {
      expect(slot.end.getTime() - slot.start.getTime()).toBe(minutes(90));
      for (const b of busyTimes) expect(b.start >= plus(slot.end, minutes(15)) || b.end <= slot.start).toBe(true);
    }
  });
});
