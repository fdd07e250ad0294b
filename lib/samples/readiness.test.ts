import { describe, expect, it } from "vitest";
import { overallReadiness, readiness } from "./readiness";

const startsAt = new Date("2026-12-10T19:00:00Z");
const base = { wanted: 3, staged: 0, inStudio: 0, expectedOn: "2026-12-05", startsAt };

describe("readiness", () => {
  it("is staged once all are on set, ready once all are in the studio", () => {
    expect(readiness({ ...base, staged: 3, now: startsAt })).toBe("staged");
    expect(readiness({ ...base, inStudio: 2, staged: 1, now: startsAt })).toBe("ready");
  });
  it("waits for a box expected in time, and flags one expected after the start or still missing a day before", () => {
    expect(readiness({ ...base, inStudio: 2, now: new Date("2026-12-01T00:00:00Z") })).toBe("waiting");
    expect(readiness({ ...base, expectedOn: "2026-12-11", now: new Date("2026-12-01T00:00:00Z") })).toBe("at_risk");
    expect(readiness({ ...base, now: new Date("2026-12-09T19:00:00Z") })).toBe("at_risk");
    expect(readiness({ ...base, now: new Date("2026-12-09T18:59:59Z") })).toBe("waiting");
    expect(readiness({ ...base, expectedOn: null, now: new Date("2026-12-01T00:00:00Z") })).toBe("waiting");
  });
  it("sums a session up by its worst item", () => {
    expect(overallReadiness([])).toBeNull();
    expect(overallReadiness(["staged", "ready"])).toBe("ready");
    expect(overallReadiness(["staged", "staged"])).toBe("staged");
    expect(overallReadiness(["ready", "waiting"])).toBe("waiting");
    expect(overallReadiness(["waiting", "at_risk", "ready"])).toBe("at_risk");
  });
});
