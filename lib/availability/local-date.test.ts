import { describe, expect, it } from "vitest";
import { formatLocalDate, parseClockTime, parseLocalDate, weekdayOf } from "./local-date";

describe("local dates and wall-clock times", () => {
  it("round-trips real calendar dates and gives their weekday", () => {
    const day = parseLocalDate("2026-03-08");
    expect(day).not.toBeNull();
    expect(formatLocalDate(day!)).toBe("2026-03-08");
    expect(weekdayOf(day!)).toBe(0); // a Sunday
    expect(weekdayOf(parseLocalDate("2026-10-24")!)).toBe(6); // a Saturday
    expect(weekdayOf(parseLocalDate("1969-12-31")!)).toBe(3); // before the epoch: still a Wednesday
    expect(formatLocalDate(parseLocalDate("2028-02-29")!)).toBe("2028-02-29");
  });

  it("refuses dates that are malformed or do not exist", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-3-8", "2026-03-08T00:00", "", "yesterday", "2027-02-29"]) {
      expect(parseLocalDate(bad)).toBeNull();
    }
  });

  it("reads HH:MM from 00:00 to 23:59 only", () => {
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("09:30")).toBe(570);
    expect(parseClockTime("23:59")).toBe(1439);
    for (const bad of ["24:00", "9:00", "09:60", "09:00:00", "", "noon"]) expect(parseClockTime(bad)).toBeNull();
  });
});
