import { describe, expect, it } from "vitest";
import { formatDuration, formatDurationRange, plural } from "./format";

describe("formatDuration", () => {
  it("says minutes alone under an hour, never '0 h'", () => {
    expect(formatDuration(30)).toBe("30 min");
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(0)).toBe("0 min");
  });

  it("says whole hours as hours, and the rest in minutes", () => {
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(180)).toBe("3 h");
    expect(formatDuration(150)).toBe("2 h 30 min");
    expect(formatDuration(1440)).toBe("24 h");
  });

  it("says a range of lengths the same way", () => {
    expect(formatDurationRange(30, 180)).toBe("30 min–3 h");
    expect(formatDurationRange(60, 240)).toBe("1–4 h");
    expect(formatDurationRange(90, 150)).toBe("1 h 30 min–2 h 30 min");
    expect(formatDurationRange(120, 120)).toBe("2 h");
  });
});

describe("plural", () => {
  it("uses the singular for exactly one", () => {
    expect(plural(1, "member")).toBe("1 member");
    expect(plural(1, "person")).toBe("1 person");
    expect(plural(1, "pending invitation")).toBe("1 pending invitation");
  });

  it("uses the plural for none and for more than one, irregular nouns included", () => {
    expect(plural(0, "member")).toBe("0 members");
    expect(plural(2, "person")).toBe("2 people");
    expect(plural(3, "delivery")).toBe("3 deliveries");
    expect(plural(2, "box")).toBe("2 boxes");
    expect(plural(5, "child", "children")).toBe("5 children");
  });

  it("groups thousands as the rest of the app does", () => {
    expect(plural(1200, "item")).toBe("1,200 items");
  });
});
