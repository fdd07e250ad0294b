import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { listFreeSlots } from "./list-free-slots";
import { openingIntervals } from "./opening-intervals";
import { LA, PARIS, at, clock, everyDay, hours, minutes, plus } from "./test-fixtures";
import type { AvailabilityInput } from "./types";

/** A studio open around the clock, 30-minute steps, no buffer, no notice, a year of window. */
function allDayStudio(timeZone: string, overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    timeZone,
    openingHours: everyDay("00:00", "00:00"),
    closures: [],
    room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 480, bufferMinutes: 0 },
    policy: { minNoticeMinutes: 0, bookingWindowDays: 365 },
    busy: [],
    now: new Date("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

const changes = [
  {
    name: "Los Angeles springs forward 2026-03-08 02:00 → 03:00",
    zone: LA,
    date: "2026-03-08",
    dayHours: 23,
    skipped: ["02:00", "02:30"],
    repeated: [] as [string, string][],
    midnight: "2026-03-08T00:00:00-08:00",
    threeHoursLater: "04:00", // 00:00 + 3 real hours, shown on the new clock
  },
  {
    name: "Los Angeles falls back 2026-11-01 02:00 → 01:00",
    zone: LA,
    date: "2026-11-01",
    dayHours: 25,
    skipped: [],
    repeated: [
      ["2026-11-01T01:00:00-07:00", "2026-11-01T01:00:00-08:00"],
      ["2026-11-01T01:30:00-07:00", "2026-11-01T01:30:00-08:00"],
    ] as [string, string][],
    midnight: "2026-11-01T00:00:00-07:00",
    threeHoursLater: "02:00",
  },
  {
    name: "Paris springs forward 2026-03-29 02:00 → 03:00",
    zone: PARIS,
    date: "2026-03-29",
    dayHours: 23,
    skipped: ["02:00", "02:30"],
    repeated: [] as [string, string][],
    midnight: "2026-03-29T00:00:00+01:00",
    threeHoursLater: "04:00",
  },
  {
    name: "Paris falls back 2026-10-25 03:00 → 02:00",
    zone: PARIS,
    date: "2026-10-25",
    dayHours: 25,
    skipped: [],
    repeated: [
      ["2026-10-25T02:00:00+02:00", "2026-10-25T02:00:00+01:00"],
      ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"],
    ] as [string, string][],
    midnight: "2026-10-25T00:00:00+02:00",
    threeHoursLater: "02:00",
  },
];

describe.each(changes)("$name", ({ zone, date, dayHours, skipped, repeated, midnight, threeHoursLater }) => {
  const studio = allDayStudio(zone);
  const slots = listFreeSlots({ ...studio, from: date, to: date, durationMinutes: 60 });
  const times = slots.map((slot) => clock(slot.start, zone));

  it(`has a ${dayHours}-hour opening interval for 00:00–00:00`, () => {
    const [day] = openingIntervals({ ...studio, from: date, to: date });
    expect(day.start).toEqual(new Date(midnight));
    expect(day.end.getTime() - day.start.getTime()).toBe(hours(dayHours));
  });

  it("offers every real half hour of the day once: nothing lost, nothing duplicated", () => {
    // Every day is open round the clock, so the day's last start (23:30) runs on into the next day.
    expect(slots).toHaveLength(dayHours * 2);
    expect(slots[0].start).toEqual(new Date(midnight));
    for (let i = 1; i < slots.length; i++) {
      expect(slots[i].start.getTime() - slots[i - 1].start.getTime()).toBe(minutes(30));
    }
    expect(times.at(-1)).toBe("23:30");
  });

  it("offers no local time that does not exist", () => {
    for (const time of skipped) expect(times).not.toContain(time);
    if (skipped.length > 0) expect(times[times.indexOf("01:30") + 1]).toBe("03:00");
  });

  it("offers both instants of the repeated hour, and checkSlot accepts both", () => {
    for (const [first, second] of repeated) {
      const offered = slots.map((slot) => slot.start.getTime());
      expect(offered).toContain(new Date(first).getTime());
      expect(offered).toContain(new Date(second).getTime());
      expect(new Date(second).getTime() - new Date(first).getTime()).toBe(hours(1));
      for (const instant of [first, second]) {
        const start = new Date(instant);
        expect(checkSlot({ ...studio, start, end: plus(start, minutes(60)) })).toEqual({ ok: true });
      }
    }
    const counts = new Map<string, number>();
    for (const time of times) counts.set(time, (counts.get(time) ?? 0) + 1);
    const twice = [...counts].filter(([, count]) => count > 1).map(([time]) => time);
    expect(twice).toEqual(repeated.map(([first]) => clock(new Date(first), zone)));
  });

  it("keeps a 3-hour booking across the change 3 real hours long, ending at a shifted wall-clock time", () => {
    const threeHours = listFreeSlots({ ...studio, from: date, to: date, durationMinutes: 180 });
    const fromMidnight = threeHours[0];
    expect(fromMidnight.start).toEqual(new Date(midnight));
    expect(fromMidnight.end.getTime() - fromMidnight.start.getTime()).toBe(hours(3));
    expect(clock(fromMidnight.end, zone)).toBe(threeHoursLater);
    expect(checkSlot({ ...studio, ...fromMidnight })).toEqual({ ok: true });
    // Conversely, 00:00 to 03:00 on the wall is not three hours long on a change day.
    const wallThree = at(`${date} 03:00`, zone);
    expect(wallThree.getTime() - new Date(midnight).getTime()).toBe(hours(3 + dayHours - 24));
    expect(checkSlot({ ...studio, start: new Date(midnight), end: wallThree })).toEqual({ ok: true });
  });

  it("steps on local wall-clock hours with a 60-minute step", () => {
    const hourly = { ...studio, room: { ...studio.room, stepMinutes: 60 } };
    const hourlyTimes = listFreeSlots({ ...hourly, from: date, to: date, durationMinutes: 60 }).map((s) =>
      clock(s.start, zone),
    );
    expect(hourlyTimes.every((time) => time.endsWith(":00"))).toBe(true);
    expect(hourlyTimes).toHaveLength(dayHours); // one start per real hour of the day
  });
});

describe("a night range across the change (Los Angeles, open 09:00–02:00)", () => {
  const studio = allDayStudio(LA, { openingHours: everyDay("09:00", "02:00") });

  it("offers both 01:00s of the fall-back night but not a slot past 02:00", () => {
    const times = listFreeSlots({ ...studio, from: "2026-11-01", to: "2026-11-01", durationMinutes: 60 })
      .map((slot) => slot.start.toISOString())
      .filter((iso) => iso < "2026-11-01T16:00");
    expect(times).toEqual([
      "2026-11-01T07:00:00.000Z", // 00:00 PDT
      "2026-11-01T07:30:00.000Z",
      "2026-11-01T08:00:00.000Z", // 01:00 PDT
      "2026-11-01T08:30:00.000Z", // 01:30 PDT
      "2026-11-01T09:00:00.000Z", // 01:00 PST, ends 02:00 PST when the range closes
    ]);
  });

  it("closes the spring-forward night at 02:00 on the old clock, which is 03:00 on the new one", () => {
    const start = at("2026-03-08 01:00", LA);
    expect(checkSlot({ ...studio, start, end: plus(start, minutes(60)) })).toEqual({ ok: true });
    const times = listFreeSlots({ ...studio, from: "2026-03-08", to: "2026-03-08", durationMinutes: 60 })
      .map((slot) => clock(slot.start, LA))
      .slice(0, 3);
    expect(times).toEqual(["00:00", "00:30", "01:00"]);
  });
});
