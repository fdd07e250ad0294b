import { describe, expect, it } from "vitest";
import { assignLanes, clockRange, hourMarks, percentOf, placeSpan } from "./timeline-layout";

const at = (iso: string) => new Date(iso);
// 09:00 to 02:00 the next morning in Los Angeles, 7–8 Dec 2026 (PST, UTC−8).
const day = { start: at("2026-12-07T17:00:00Z"), end: at("2026-12-08T10:00:00Z") };

describe("percentOf and placeSpan", () => {
  it("places an instant across the window and clamps what lies outside", () => {
    expect(percentOf(day.start, day)).toBe(0);
    expect(percentOf(day.end, day)).toBe(100);
    expect(percentOf(at("2026-12-08T01:30:00Z"), day)).toBe(50);
    expect(percentOf(at("2026-12-07T10:00:00Z"), day)).toBe(0);
  });

  it("cuts a span to the window, and drops one wholly outside it", () => {
    expect(placeSpan(at("2026-12-07T16:00:00Z"), at("2026-12-07T18:42:00Z"), day)).toEqual({ left: 0, width: 10 });
    expect(placeSpan(at("2026-12-08T11:00:00Z"), at("2026-12-08T12:00:00Z"), day)).toBeNull();
  });
});

describe("hourMarks", () => {
  it("labels every full hour on the studio's clock, past midnight", () => {
    const marks = hourMarks(day, "America/Los_Angeles");
    expect(marks).toHaveLength(18);
    expect(marks[0].label).toBe("09:00");
    expect(marks.at(-1)?.label).toBe("02:00");
  });

  it("starts at the next full hour when the window opens mid-hour, and uses the zone's own hours (Kolkata is +05:30)", () => {
    const marks = hourMarks({ start: at("2026-12-07T04:00:00Z"), end: at("2026-12-07T07:00:00Z") }, "Asia/Kolkata");
    expect(marks.map((m) => m.label)).toEqual(["10:00", "11:00", "12:00"]);
    expect(marks[0].at).toEqual(at("2026-12-07T04:30:00Z"));
  });

  it("shows the repeated hour on the night the clocks go back (1 Nov 2026 in Los Angeles)", () => {
    const marks = hourMarks(
      { start: at("2026-11-01T07:00:00Z"), end: at("2026-11-01T11:00:00Z") },
      "America/Los_Angeles",
    );
    expect(marks.map((m) => m.label)).toEqual(["00:00", "01:00", "01:00", "02:00", "03:00"]);
  });

  it("skips the missing hour on the night the clocks go forward (8 Mar 2026 in Los Angeles)", () => {
    const marks = hourMarks(
      { start: at("2026-03-08T08:00:00Z"), end: at("2026-03-08T11:00:00Z") },
      "America/Los_Angeles",
    );
    expect(marks.map((m) => m.label)).toEqual(["00:00", "01:00", "03:00", "04:00"]);
  });
});

it("assignLanes puts overlapping spans in separate lanes and reuses a lane once it is free", () => {
  const s = (from: string, to: string, id: string) => ({
    id,
    from: at(`2026-12-07T${from}:00Z`),
    to: at(`2026-12-07T${to}:00Z`),
  });
  const { lanes, placed } = assignLanes([
    s("18:00", "20:00", "no-show"),
    s("18:30", "19:30", "walk-in"),
    s("20:00", "21:00", "next"),
  ]);
  expect(lanes).toBe(2);
  expect(Object.fromEntries(placed.map((p) => [p.id, p.lane]))).toEqual({ "no-show": 0, "walk-in": 1, next: 0 });
  expect(assignLanes([]).lanes).toBe(1);
});

it("clockRange shows a range on the studio's clock", () => {
  expect(clockRange(at("2026-12-08T03:00:00Z"), at("2026-12-08T05:00:00Z"), "America/Los_Angeles")).toBe("19:00–21:00");
});
