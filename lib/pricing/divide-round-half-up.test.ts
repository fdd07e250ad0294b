import { describe, expect, it } from "vitest";
import { divideRoundHalfUp } from "./divide-round-half-up";

describe("divideRoundHalfUp", () => {
  it("rounds exact halves up and everything else to the nearest integer", () => {
    expect(divideRoundHalfUp(30, 60)).toBe(1);
    expect(divideRoundHalfUp(29, 60)).toBe(0);
    expect(divideRoundHalfUp(90, 60)).toBe(2);
    expect(divideRoundHalfUp(149, 100)).toBe(1);
    expect(divideRoundHalfUp(150, 100)).toBe(2);
    expect(divideRoundHalfUp(0, 7)).toBe(0);
    expect(divideRoundHalfUp(120, 60)).toBe(2);
  });

  it("stays exact where floating-point division would not", () => {
    // 1.005 * 100 is 100.49999… in floating point; in cents, 100_500 / 1000 is exactly a half.
    expect(divideRoundHalfUp(100_500, 1000)).toBe(101);
    const big = Number.MAX_SAFE_INTEGER - 1; // even: big / 2 is exact, remainder 0
    expect(divideRoundHalfUp(big, 2)).toBe(big / 2);
    expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 2)).toBe((Number.MAX_SAFE_INTEGER + 1) / 2);
  });

  it("rejects negative, fractional and unsafe operands and a zero denominator", () => {
    expect(() => divideRoundHalfUp(-1, 60)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1.5, 60)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(2 ** 53, 60)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1, 0)).toThrow(RangeError);
  });
});
