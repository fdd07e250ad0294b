import { describe, expect, it } from "vitest";
import { addNights, countNights, isNight, nightLabel, nightsLabel } from "./nights";

describe("nights", () => {
  it("counts both ends and refuses reversed or unreal dates", () => {
    expect(countNights("2026-12-03", "2026-12-05")).toBe(3);
    expect(countNights("2026-12-03", "2026-12-03")).toBe(1);
    expect(countNights("2026-12-05", "2026-12-03")).toBe(0);
    expect(countNights("2026-02-30", "2026-03-02")).toBe(0);
    expect(isNight("2026-02-28")).toBe(true);
    expect(isNight("2026-2-28")).toBe(false);
    expect(isNight(undefined)).toBe(false);
  });

  it("steps over both DST changes without losing or repeating a date", () => {
    // US clocks go forward on 8 March 2026 and back on 1 November 2026.
    expect(addNights("2026-03-07", 1)).toBe("2026-03-08");
    expect(addNights("2026-03-08", 1)).toBe("2026-03-09");
    expect(addNights("2026-10-31", 1)).toBe("2026-11-01");
    expect(addNights("2026-11-01", 1)).toBe("2026-11-02");
    expect(countNights("2026-03-07", "2026-03-09")).toBe(3);
    expect(countNights("2026-10-31", "2026-11-02")).toBe(3);
    expect(addNights("2027-01-01", -1)).toBe("2026-12-31");
    expect(addNights("2026-12-01", 14)).toBe("2026-12-15");
  });

  it("labels nights with the weekday, and the year once", () => {
    expect(nightLabel("2026-12-03")).toBe("Thu 3 Dec 2026");
    expect(nightLabel("2026-12-03", "2026")).toBe("Thu 3 Dec");
    expect(nightsLabel("2026-12-03", "2026-12-05")).toBe("Thu 3 Dec – Sat 5 Dec 2026");
    expect(nightsLabel("2026-12-31", "2027-01-01")).toBe("Thu 31 Dec 2026 – Fri 1 Jan 2027");
    expect(nightsLabel("2026-12-03", "2026-12-03")).toBe("Thu 3 Dec 2026");
  });
});
