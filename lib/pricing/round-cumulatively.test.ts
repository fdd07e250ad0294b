import { describe, expect, it } from "vitest";
import { divideRoundHalfUp } from "./divide-round-half-up";
import { roundCumulatively } from "./round-cumulatively";

describe("roundCumulatively", () => {
  it("makes the parts add up to the total rounded once, where rounding each part would overcharge", () => {
    // Three exact halves: 500.5 + 501.5 + 500.5 = 1502.5 → 1503. Rounding each would give 501 + 502 + 501 = 1504.
    const parts = roundCumulatively([30_030, 30_090, 30_030], 60);
    expect(parts).toEqual([501, 501, 501]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1503);
  });

  it("keeps every part within one unit of its exact value, and the sum exact, over many cases", () => {
    // Deterministic pseudo-random cases (Park–Miller, exact in doubles): the same cases on every run.
    let seed = 20_260_308;
    const next = (limit: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % limit;
    };
    for (let round = 0; round < 500; round += 1) {
      const numerators = Array.from({ length: 1 + next(6) }, () => (1 + next(600)) * next(50_000));
      const parts = roundCumulatively(numerators, 60);
      const total = numerators.reduce((a, b) => a + b, 0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(divideRoundHalfUp(total, 60));
      parts.forEach((part, index) => expect(Math.abs(part - numerators[index] / 60)).toBeLessThan(1));
    }
  });

  it("returns nothing for nothing and whole amounts unchanged", () => {
    expect(roundCumulatively([], 60)).toEqual([]);
    expect(roundCumulatively([120, 60], 60)).toEqual([2, 1]);
  });

  it("rejects negative or fractional parts", () => {
    expect(() => roundCumulatively([60, -60], 60)).toThrow(RangeError);
    expect(() => roundCumulatively([0.5], 60)).toThrow(RangeError);
  });
});
