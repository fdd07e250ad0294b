import { describe, expect, it } from "vitest";
import { missingUnits, overallReadiness, readiness, readinessMeaning } from "./readiness";

const startsAt = new Date("2026-12-10T19:00:00Z");
const base = { wanted: 3, staged: 0, inStudio: 0, expectedOn: "2026-12-05", arrived: false, startsAt };

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
  it("flags an item whose box arrived short at once, however early: nothing more is on its way", () => {
    const early = new Date("2026-12-01T00:00:00Z");
    expect(readiness({ ...base, inStudio: 1, arrived: true, now: early })).toBe("at_risk");
    expect(missingUnits({ ...base, inStudio: 1, arrived: true })).toBe(2);
    expect(missingUnits({ ...base, inStudio: 1, staged: 1, arrived: true })).toBe(1);
    // On its way, nothing is missing yet; here in full, nothing is missing at all.
    expect(missingUnits({ ...base, inStudio: 1 })).toBe(0);
    expect(readiness({ ...base, inStudio: 3, arrived: true, now: early })).toBe("ready");
    expect(missingUnits({ ...base, inStudio: 4, arrived: true })).toBe(0);
  });
  it("says what is missing in words, never 'expected in time' for an item that arrived short", () => {
    const items = [
      { sku: "LIP-01", name: "Lipstick", missing: 0 },
      { sku: "PAL-02", name: "Palette", missing: 2 },
    ];
    expect(readinessMeaning("at_risk", items)).toBe(
      "2 × PAL-02 Palette missing: not in the studio, and nothing more is on its way.",
    );
    expect(readinessMeaning("waiting", items.slice(0, 1))).toBe(
      "Some samples have not arrived yet, but are expected in time.",
    );
  });
  it("sums a session up by its worst item", () => {
    expect(overallReadiness([])).toBeNull();
    expect(overallReadiness(["staged", "ready"])).toBe("ready");
    expect(overallReadiness(["staged", "staged"])).toBe("staged");
    expect(overallReadiness(["ready", "waiting"])).toBe("waiting");
    expect(overallReadiness(["waiting", "at_risk", "ready"])).toBe("at_risk");
  });
});
