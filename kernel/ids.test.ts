import { describe, expect, it } from "vitest";
import { compactCode, isUuid } from "./ids";

describe("kernel ids", () => {
  it("tells a database id from anything else a client could send", () => {
    expect(isUuid("0b9f7c1e-3d0a-4d6b-9a4e-2f1c8d7e6a5b")).toBe(true);
    for (const bad of [
      "",
      "0b9f7c1e",
      "0b9f7c1e-3d0a-4d6b-9a4e-2f1c8d7e6a5",
      "x".repeat(36),
      null,
      undefined,
      42,
      ["0b9f7c1e-3d0a-4d6b-9a4e-2f1c8d7e6a5b"],
    ]) {
      expect(isUuid(bad)).toBe(false);
    }
  });

  it("reads a typed code whatever its case, spaces and dashes", () => {
    expect(compactCode(" k7q-m3x ")).toBe("K7QM3X");
    expect(compactCode("sh-k7q m3x")).toBe("SHK7QM3X");
    expect(compactCode("—")).toBe("");
  });
});
