import { describe, expect, it } from "vitest";
import { openingIntervals } from "./opening-intervals";
import { LA, PARIS, at, everyDay, hours, wall } from "./test-fixtures";
import type { Closure, Interval, OpeningHours } from "./types";

const local = (intervals: Interval[], zone: string) =>
  intervals.map((i) => `${wall(i.start, zone)} → ${wall(i.end, zone)}`);
const lengthsInHours = (intervals: Interval[]) =>
  intervals.map((i) => (i.end.getTime() - i.start.getTime()) / hours(1));

function intervals(openingHours: OpeningHours, from: string, to: string, closures: Closure[] = [], timeZone = LA) {
  return openingIntervals({ timeZone, openingHours, closures, from, to });
}

describe("openingIntervals", () => {
  it("gives each day's range as instants in the studio's zone", () => {
    const result = intervals(everyDay("09:00", "17:00"), "2026-06-10", "2026-06-11");
    expect(result).toEqual([
      { start: new Date("2026-06-10T16:00:00Z"), end: new Date("2026-06-11T00:00:00Z") },
      { start: new Date("2026-06-11T16:00:00Z"), end: new Date("2026-06-12T00:00:00Z") },
    ]);
  });

  it("runs a range whose closing time is not after its opening time into the next day", () => {
    expect(local(intervals(everyDay("09:00", "02:00"), "2026-06-10", "2026-06-10"), LA)).toEqual([
      "2026-06-10 09:00 → 2026-06-11 02:00",
    ]);
    expect(local(intervals(everyDay("18:00", "00:00"), "2026-06-10", "2026-06-10"), LA)).toEqual([
      "2026-06-10 18:00 → 2026-06-11 00:00",
    ]);
  });

  it("treats opens === closes as 24 hours from the opening time", () => {
    expect(local(intervals(everyDay("00:00", "00:00"), "2026-06-10", "2026-06-10"), LA)).toEqual([
      "2026-06-10 00:00 → 2026-06-11 00:00",
    ]);
    expect(local(intervals(everyDay("06:00", "06:00"), "2026-06-10", "2026-06-10"), LA)).toEqual([
      "2026-06-10 06:00 → 2026-06-11 06:00",
    ]);
  });

  it("keeps several ranges per weekday, sorted, and leaves a weekday with no range closed", () => {
    const hoursByWeekday: OpeningHours = [
      { weekday: 3, opens: "14:00", closes: "18:00" }, // Wednesday afternoon, listed first on purpose
      { weekday: 3, opens: "08:00", closes: "12:00" },
      { weekday: 4, opens: "10:00", closes: "11:00" },
    ];
    // 2026-06-09 is a Tuesday: no range.
    expect(local(intervals(hoursByWeekday, "2026-06-09", "2026-06-11"), LA)).toEqual([
      "2026-06-10 08:00 → 2026-06-10 12:00",
      "2026-06-10 14:00 → 2026-06-10 18:00",
      "2026-06-11 10:00 → 2026-06-11 11:00",
    ]);
  });

  it("drops the ranges that start on a closed date but keeps one that runs into it from the day before", () => {
    const closures = [{ startsOn: "2026-06-11", endsOn: "2026-06-12" }];
    expect(local(intervals(everyDay("20:00", "02:00"), "2026-06-10", "2026-06-13", closures), LA)).toEqual([
      "2026-06-10 20:00 → 2026-06-11 02:00",
      "2026-06-13 20:00 → 2026-06-14 02:00",
    ]);
    // A one-day closure.
    const oneDay = [{ startsOn: "2026-06-12", endsOn: "2026-06-12" }];
    expect(intervals(everyDay("09:00", "17:00"), "2026-06-10", "2026-06-13", oneDay)).toHaveLength(3);
  });

  it("gives 23 and 25 hour days for 00:00–00:00 on the 2026 clock changes, in Los Angeles and Paris", () => {
    const allDay = everyDay("00:00", "00:00");
    expect(lengthsInHours(intervals(allDay, "2026-03-07", "2026-03-09", [], LA))).toEqual([24, 23, 24]);
    expect(lengthsInHours(intervals(allDay, "2026-10-31", "2026-11-02", [], LA))).toEqual([24, 25, 24]);
    expect(lengthsInHours(intervals(allDay, "2026-03-28", "2026-03-30", [], PARIS))).toEqual([24, 23, 24]);
    expect(lengthsInHours(intervals(allDay, "2026-10-24", "2026-10-26", [], PARIS))).toEqual([24, 25, 24]);
    const [sunday] = intervals(allDay, "2026-03-29", "2026-03-29", [], PARIS);
    expect(sunday).toEqual({ start: at("2026-03-29 00:00", PARIS), end: at("2026-03-30 00:00", PARIS) });
  });

  it("reads an opening or closing time that the clocks skip as if they had not changed", () => {
    // 2026-03-08 02:00 does not exist in Los Angeles; 02:00 PST is 03:00 PDT. The Saturday night range 09:00–02:00
    // lasts its 17 hours and closes at 03:00 on the new clock; a 02:30 opening opens at 03:30.
    expect(local(intervals(everyDay("09:00", "02:00"), "2026-03-07", "2026-03-07"), LA)).toEqual([
      "2026-03-07 09:00 → 2026-03-08 03:00",
    ]);
    expect(lengthsInHours(intervals(everyDay("09:00", "02:00"), "2026-03-07", "2026-03-07"))).toEqual([17]);
    expect(local(intervals(everyDay("02:30", "12:00"), "2026-03-08", "2026-03-08"), LA)).toEqual([
      "2026-03-08 03:30 → 2026-03-08 12:00",
    ]);
  });

  it("reads an opening time in the repeated hour as its first occurrence", () => {
    // 2026-11-01 01:30 happens twice in Los Angeles: first at -07:00, then at -08:00.
    const [sunday] = intervals(everyDay("01:30", "12:00"), "2026-11-01", "2026-11-01");
    expect(sunday.start).toEqual(new Date("2026-11-01T01:30:00-07:00"));
    expect(sunday.end).toEqual(at("2026-11-01 12:00", LA));
  });

  it("gives nothing for invalid input instead of guessing", () => {
    const ok = everyDay("09:00", "17:00");
    expect(intervals(ok, "2026-06-11", "2026-06-10")).toEqual([]);
    expect(intervals(ok, "2026-06-31", "2026-07-01")).toEqual([]);
    expect(intervals([{ weekday: 7, opens: "09:00", closes: "17:00" }], "2026-06-10", "2026-06-20")).toEqual([]);
    expect(intervals([...ok, { weekday: 1, opens: "9:00", closes: "17:00" }], "2026-06-10", "2026-06-20")).toEqual([]);
    expect(intervals(ok, "2026-06-10", "2026-06-20", [{ startsOn: "2026-06-15", endsOn: "2026-06-14" }])).toEqual([]);
    expect(intervals(ok, "2026-06-10", "2026-06-20", [{ startsOn: "2026-06-15", endsOn: "soon" }])).toEqual([]);
    expect(intervals(ok, "2026-06-10", "2026-06-20", [], "Not/AZone")).toEqual([]);
  });
});
