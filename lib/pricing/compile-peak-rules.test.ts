import { describe, expect, it } from "vitest";
import { compilePeakRules, parseTimeOfDay } from "./compile-peak-rules";
import type { PeakRule } from "./types";

const rule = (overrides: Partial<PeakRule> & Pick<PeakRule, "id">): PeakRule => ({
  name: overrides.id,
  weekday: 5,
  startsAt: "19:00:00",
  endsAt: "21:00:00",
  rateCents: 9000,
  multiplier: null,
  ...overrides,
});

describe("parseTimeOfDay", () => {
  it("reads HH:MM and Postgres HH:MM:SS, including 24:00 as the end of the day", () => {
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("19:30")).toBe(1170);
    expect(parseTimeOfDay("19:30:00")).toBe(1170);
    expect(parseTimeOfDay("23:59:00.000")).toBe(1439);
    expect(parseTimeOfDay("24:00:00")).toBe(1440);
  });

  it("rejects malformed times and times off whole minutes", () => {
    for (const bad of ["7:00", "19:60", "25:00", "24:30", "19:00:30", "19:00:00.5", "", "19h00"]) {
      expect(() => parseTimeOfDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe("compilePeakRules", () => {
  it("slices each weekday at the rule boundaries and prices the rest at the base rate", () => {
    const schedule = compilePeakRules([rule({ id: "evening" })], 4500);
    expect(schedule.at(5, 0)).toEqual({ rule: null, until: 1140 });
    expect(schedule.at(5, 1140)).toEqual({
      rule: { id: "evening", name: "evening", hourlyRateCents: 9000 },
      until: 1260,
    });
    expect(schedule.at(5, 1259).rule?.id).toBe("evening");
    expect(schedule.at(5, 1260)).toEqual({ rule: null, until: 1440 });
    expect(schedule.at(4, 1200)).toEqual({ rule: null, until: 1440 });
  });

  it("puts the part of an overnight rule after midnight on the next weekday, Saturday wrapping to Sunday", () => {
    const schedule = compilePeakRules([rule({ id: "late", weekday: 6, startsAt: "22:00", endsAt: "02:00" })], 4500);
    expect(schedule.at(6, 1320).rule?.id).toBe("late");
    expect(schedule.at(6, 1320).until).toBe(1440);
    expect(schedule.at(0, 0).rule?.id).toBe("late");
    expect(schedule.at(0, 0).until).toBe(120);
    expect(schedule.at(6, 60).rule).toBeNull();
  });

  it("treats equal start and end as 24 hours, and 00:00–00:00 as the whole weekday", () => {
    const day = compilePeakRules([rule({ id: "sunday", weekday: 0, startsAt: "00:00", endsAt: "00:00" })], 100);
    expect(day.at(0, 0)).toMatchObject({ rule: { id: "sunday" }, until: 1440 });
    expect(day.at(1, 0).rule).toBeNull();
    const noonToNoon = compilePeakRules([rule({ id: "n", weekday: 1, startsAt: "12:00", endsAt: "12:00" })], 100);
    expect(noonToNoon.at(1, 720).rule?.id).toBe("n");
    expect(noonToNoon.at(2, 719)).toMatchObject({ rule: { id: "n" }, until: 720 });
    expect(noonToNoon.at(2, 720).rule).toBeNull();
  });

  it("resolves multipliers to round-half-up(base × multiplier)", () => {
    const schedule = compilePeakRules([rule({ id: "m", rateCents: null, multiplier: "1.50" })], 3333);
    expect(schedule.at(5, 1140).rule?.hourlyRateCents).toBe(5000); // 4999.5 rounds up
  });

  it("lets the higher hourly rate win an overlap, whatever the order, and the smaller id break a tie", () => {
    const a = rule({ id: "a", startsAt: "18:00", endsAt: "22:00", rateCents: 6000 });
    const b = rule({ id: "b", startsAt: "20:00", endsAt: "21:00", rateCents: null, multiplier: "2.00" });
    for (const rules of [
      [a, b],
      [b, a],
    ]) {
      const schedule = compilePeakRules(rules, 4500);
      expect(schedule.at(5, 1080)).toMatchObject({ rule: { id: "a" }, until: 1200 });
      expect(schedule.at(5, 1200)).toMatchObject({ rule: { id: "b", hourlyRateCents: 9000 }, until: 1260 });
      expect(schedule.at(5, 1260)).toMatchObject({ rule: { id: "a" }, until: 1320 });
    }
    const tie = [rule({ id: "y", rateCents: 7000 }), rule({ id: "x", rateCents: 7000 })];
    expect(compilePeakRules(tie, 4500).at(5, 1140).rule?.id).toBe("x");
  });

  it("rejects rules that are not exactly one of rate or multiplier, or have a bad weekday", () => {
    expect(() => compilePeakRules([rule({ id: "both", multiplier: "1.5" })], 100)).toThrow(RangeError);
    expect(() => compilePeakRules([rule({ id: "none", rateCents: null })], 100)).toThrow(RangeError);
    expect(() => compilePeakRules([rule({ id: "neg", rateCents: -1 })], 100)).toThrow(RangeError);
    expect(() => compilePeakRules([rule({ id: "day", weekday: 7 })], 100)).toThrow(RangeError);
    expect(() => compilePeakRules([], -5)).toThrow(RangeError);
  });
});
