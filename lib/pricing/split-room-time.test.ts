import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { compilePeakRules } from "./compile-peak-rules";
import { splitRoomTime } from "./split-room-time";
import type { PeakRule } from "./types";

const LA = "America/Los_Angeles";
const minuteOf = (iso: string) => Date.parse(iso) / 60_000;
const local = (minute: number) => {
  const date = new TZDate(minute * 60_000, LA);
  return `${date.getDay()} ${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
};

describe("splitRoomTime", () => {
  it("walks two weeks across the fall-back change in maximal, contiguous segments", () => {
    const evenings: PeakRule[] = Array.from({ length: 7 }, (_, weekday) => ({
      id: `evening-${weekday}`,
      name: "Evening",
      weekday,
      startsAt: "19:00:00",
      endsAt: "21:00:00",
      rateCents: 9000,
      multiplier: null,
    }));
    const startMinute = minuteOf("2026-10-26T00:00:00-07:00"); // Monday
    const endMinute = minuteOf("2026-11-09T00:00:00-08:00"); // two weeks later, one real hour longer
    const segments = splitRoomTime({
      timeZone: LA,
      startMinute,
      endMinute,
      schedule: compilePeakRules(evenings, 4500),
    });

    // Base time either side of midnight merges: 14 evenings between 15 base runs.
    expect(segments).toHaveLength(29);
    expect(segments[0].startMinute).toBe(startMinute);
    expect(segments.at(-1)?.endMinute).toBe(endMinute);
    segments.forEach((segment, index) => {
      expect(segment.endMinute).toBeGreaterThan(segment.startMinute);
      if (index > 0) expect(segment.startMinute).toBe(segments[index - 1].endMinute);
      expect(segment.rule === null).toBe(index % 2 === 0);
    });
    const peaks = segments.filter((segment) => segment.rule);
    expect(peaks.map((p) => p.endMinute - p.startMinute)).toEqual(Array(14).fill(120));
    expect(peaks.map((p) => [local(p.startMinute), p.rule?.id])).toEqual(
      Array.from({ length: 14 }, (_, day) => [`${(day + 1) % 7} 19:00`, `evening-${(day + 1) % 7}`]),
    );
    // The base run over the change (Saturday 21:00 to Sunday 19:00) is 22 wall-clock hours but 23 real ones.
    const overChange = segments.find((s) => local(s.startMinute) === "6 21:00");
    expect(overChange && overChange.endMinute - overChange.startMinute).toBe(23 * 60);
  });

  it("returns one base segment for a booking with no rules, however long", () => {
    const startMinute = minuteOf("2026-03-01T09:00:00-08:00");
    const endMinute = minuteOf("2026-04-01T09:00:00-07:00");
    const segments = splitRoomTime({ timeZone: LA, startMinute, endMinute, schedule: compilePeakRules([], 4500) });
    expect(segments).toEqual([{ startMinute, endMinute, rule: null }]);
  });

  it("works in a zone with a 30-minute offset and no DST", () => {
    const rules: PeakRule[] = [
      { id: "p", name: "Peak", weekday: 5, startsAt: "19:00", endsAt: "21:00", rateCents: 100, multiplier: null },
    ];
    const segments = splitRoomTime({
      timeZone: "Asia/Kolkata",
      startMinute: minuteOf("2026-06-05T18:30:00+05:30"),
      endMinute: minuteOf("2026-06-05T21:30:00+05:30"),
      schedule: compilePeakRules(rules, 50),
    });
    expect(segments.map((s) => [s.endMinute - s.startMinute, s.rule?.id ?? null])).toEqual([
      [30, null],
      [120, "p"],
      [30, null],
    ]);
    expect(segments[1].startMinute).toBe(minuteOf("2026-06-05T13:30:00Z"));
  });
});
