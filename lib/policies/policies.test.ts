import { describe, expect, it } from "vitest";
import { DEFAULT_POLICIES, readPolicies } from "./policies";

describe("readPolicies", () => {
  it("fills missing keys with defaults and ignores values that do not validate", () => {
    expect(readPolicies(null)).toEqual(DEFAULT_POLICIES);
    expect(readPolicies({ holdMinutes: 30, lateCancelFeePercent: 250, junk: 1 })).toEqual({
      ...DEFAULT_POLICIES,
      holdMinutes: 30,
    });
  });
});
