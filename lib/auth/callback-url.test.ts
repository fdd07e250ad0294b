import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/w/demo/settings")).toBe("/w/demo/settings");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    42,
    undefined,
  ])("refuses %s", (value) => {
    expect(safeCallbackUrl(value)).toBe("/workspaces");
  });
});
