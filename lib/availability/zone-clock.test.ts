import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "./local-date";
import { LA, PARIS, hours, wall } from "./test-fixtures";
import { zoneClock } from "./zone-clock";

const year2026 = [Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)] as const;
const wallMs = (iso: string) => Date.parse(`${iso}Z`); // local wall-clock time read as if it were UTC

describe("zoneClock", () => {
  it("finds both 2026 clock changes of Los Angeles and Paris to the minute", () => {
    const la = zoneClock(LA, ...year2026)!;
    expect(
      la.segmentsBetween(...year2026).map((s) => [new Date(s.start).toISOString(), s.offsetMs / hours(1)]),
    ).toEqual([
      ["2026-01-01T00:00:00.000Z", -8],
      ["2026-03-08T10:00:00.000Z", -7],
      ["2026-11-01T09:00:00.000Z", -8],
    ]);
    const paris = zoneClock(PARIS, ...year2026)!;
    expect(
      paris.segmentsBetween(...year2026).map((s) => [new Date(s.start).toISOString(), s.offsetMs / hours(1)]),
    ).toEqual([
      ["2026-01-01T00:00:00.000Z", 1],
      ["2026-03-29T01:00:00.000Z", 2],
      ["2026-10-25T01:00:00.000Z", 1],
    ]);
  });

  it("reads the same wall-clock time as TZDate at every hour and half hour of the year", () => {
    for (const zone of [LA, PARIS, "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]) {
      const clock = zoneClock(zone, ...year2026)!;
      const mismatches: string[] = [];
      for (let t = year2026[0]; t < year2026[1]; t += hours(0.5)) {
        const local = new TZDate(t, zone);
        const expected = Date.UTC(
          local.getFullYear(),
          local.getMonth(),
          local.getDate(),
          local.getHours(),
          local.getMinutes(),
        );
        if (clock.wallAt(t) !== expected) mismatches.push(new Date(t).toISOString());
      }
      expect(mismatches, zone).toEqual([]);
    }
  });

  it("reads a time in the repeated hour as its first occurrence", () => {
    const la = zoneClock(LA, ...year2026)!;
    expect(new Date(la.instantAt(wallMs("2026-11-01T01:30"))).toISOString()).toBe("2026-11-01T08:30:00.000Z");
    const paris = zoneClock(PARIS, ...year2026)!;
    expect(new Date(paris.instantAt(wallMs("2026-10-25T02:30"))).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("reads a time skipped by the spring-forward gap with the offset before the gap", () => {
    const la = zoneClock(LA, ...year2026)!;
    const skipped = la.instantAt(wallMs("2026-03-08T02:30"));
    expect(wall(skipped, LA)).toBe("2026-03-08 03:30");
    expect(wall(la.instantAt(wallMs("2026-03-08T02:00")), LA)).toBe("2026-03-08 03:00");
    const paris = zoneClock(PARIS, ...year2026)!;
    expect(wall(paris.instantAt(wallMs("2026-03-29T02:15")), PARIS)).toBe("2026-03-29 03:15");
  });

  it("handles a half-hour clock change (Lord Howe Island)", () => {
    const zone = "Australia/Lord_Howe";
    const clock = zoneClock(zone, ...year2026)!;
    // 2026-10-04 02:00 → 02:30.
    expect(wall(clock.instantAt(wallMs("2026-10-04T02:15")), zone)).toBe("2026-10-04 02:45");
    expect(clock.dayOf(clock.instantAt(wallMs("2026-10-04T23:59")))).toBe(wallMs("2026-10-04T00:00") / DAY_MS);
  });

  it("refuses an unknown zone or a backwards span", () => {
    expect(zoneClock("Mars/Olympus_Mons", ...year2026)).toBeNull();
    expect(zoneClock(LA, year2026[1], year2026[0])).toBeNull();
    expect(zoneClock(LA, NaN, year2026[1])).toBeNull();
  });
});
