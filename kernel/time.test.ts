import { describe, expect, it } from "vitest";
import { DAY_MINUTES, DAY_MS, HOUR_MS, MINUTE_MS, daysAfter, minutesAfter } from "./time";

describe("kernel time units", () => {
  it("agree with each other and move instants by elapsed time", () => {
    expect([MINUTE_MS, HOUR_MS, DAY_MS, DAY_MINUTES]).toEqual([60_000, 3_600_000, 86_400_000, 1_440]);
    const at = new Date("2026-03-08T09:30:00Z"); // the day US clocks spring forward: still 24 elapsed hours
    expect(daysAfter(at, 1).toISOString()).toBe("2026-03-09T09:30:00.000Z");
    expect(daysAfter(at, -7).toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(minutesAfter(at, 135).toISOString()).toBe("2026-03-08T11:45:00.000Z");
    expect(minutesAfter(at, -30).toISOString()).toBe("2026-03-08T09:00:00.000Z");
  });
});
