import { describe, expect, it } from "vitest";
import { actualEndFromClock, clockTime, laterEndFromClock } from "./floor-time";

const LA = "America/Los_Angeles";

describe("actualEndFromClock", () => {
  it("reads a time earlier today as today's", () => {
    const now = new Date("2026-12-08T05:10:30Z"); // 21:10:30 on 7 Dec in LA
    expect(actualEndFromClock("20:40", LA, now)).toEqual(new Date("2026-12-08T04:40:00Z"));
  });

  it("reads a time later than now as yesterday's: an end is never in the future", () => {
    const now = new Date("2026-12-08T08:10:00Z"); // 00:10 on 8 Dec in LA
    expect(actualEndFromClock("23:50", LA, now)).toEqual(new Date("2026-12-08T07:50:00Z"));
  });

  it("takes the minute that is running as now itself", () => {
    const now = new Date("2026-12-08T05:10:42Z");
    expect(actualEndFromClock("21:10", LA, now)).toEqual(now);
  });

  it("refuses anything that is not HH:mm", () => {
    const now = new Date("2026-12-08T05:10:00Z");
    for (const bad of ["", "7:40", "24:00", "21:60", "21:40:00", "tea"])
      expect(actualEndFromClock(bad, LA, now)).toBeNull();
  });

  it("takes the first 01:30 on the night the clocks go back (1 Nov 2026 in LA)", () => {
    const now = new Date("2026-11-01T10:00:00Z"); // 02:00 PST, after both 01:30s
    expect(actualEndFromClock("01:30", LA, now)).toEqual(new Date("2026-11-01T08:30:00Z")); // 01:30 PDT
  });
});

describe("laterEndFromClock", () => {
  it("reads a time after the start as the same day's", () => {
    const start = new Date("2026-12-08T03:00:00Z"); // 19:00 on 7 Dec in LA
    expect(laterEndFromClock("22:30", LA, start)).toEqual(new Date("2026-12-08T06:30:00Z"));
  });

  it("reads a time before the start as the next morning's (a session past midnight)", () => {
    const start = new Date("2026-12-08T06:00:00Z"); // 22:00 on 7 Dec in LA
    expect(laterEndFromClock("01:30", LA, start)).toEqual(new Date("2026-12-08T09:30:00Z"));
  });

  it("skips the hour the clocks jump (8 Mar 2026 in LA): 02:30 does not exist and lands at 03:30", () => {
    const start = new Date("2026-03-08T08:00:00Z"); // 00:00 PST on 8 Mar
    expect(laterEndFromClock("02:30", LA, start)).toEqual(new Date("2026-03-08T10:30:00Z")); // 03:30 PDT
  });
});

it("clockTime shows an instant on the studio's clock", () => {
  expect(clockTime(new Date("2026-12-08T05:10:30Z"), LA)).toBe("21:10");
  expect(clockTime(new Date("2026-12-08T05:10:30Z"), "Asia/Shanghai")).toBe("13:10");
});
