import { describe, expect, it } from "vitest";
import { parseDecimal } from "./parse-decimal";

describe("parseDecimal", () => {
  it("reads Postgres numeric strings and numbers into exact integers", () => {
    expect(parseDecimal("1.50")).toEqual({ units: 15, scale: 1 });
    expect(parseDecimal("2.00")).toEqual({ units: 2, scale: 0 });
    expect(parseDecimal("0.05")).toEqual({ units: 5, scale: 2 });
    expect(parseDecimal(" 1.25 ")).toEqual({ units: 125, scale: 2 });
    expect(parseDecimal("3")).toEqual({ units: 3, scale: 0 });
    expect(parseDecimal(1.5)).toEqual({ units: 15, scale: 1 });
    expect(parseDecimal(0.1)).toEqual({ units: 1, scale: 1 });
    expect(parseDecimal(12.5)).toEqual({ units: 125, scale: 1 });
    expect(parseDecimal(0)).toEqual({ units: 0, scale: 0 });
  });

  it("rejects anything that is not a plain non-negative decimal", () => {
    for (const bad of ["", "-1.5", "1,5", "1.", ".5", "abc", "1e3", "NaN", "12345678901234567"]) {
      expect(() => parseDecimal(bad, "multiplier"), bad).toThrow(RangeError);
    }
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7]) {
      expect(() => parseDecimal(bad), String(bad)).toThrow(RangeError);
    }
  });
});
