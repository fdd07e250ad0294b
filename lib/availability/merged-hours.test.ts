import { describe, expect, it } from "vitest";
import { checkSlot } from "./check-slot";
import { listFreeSlots } from "./list-free-slots";
import type { OpeningHours } from "./types";

// Thursday 09:00–02:00, then round the clock on Friday and Saturday (the demo studio in Los Angeles).
const hours: OpeningHours = [
  { weekday: 4, opens: "09:00", closes: "02:00" },
  { weekday: 5, opens: "00:00", closes: "00:00" },
  { weekday: 6, opens: "00:00", closes: "00:00" },
];
const base = {
  timeZone: "America/Los_Angeles",
  openingHours: hours,
  closures: [],
  room: { stepMinutes: 30, minMinutes: 60, maxMinutes: 480, bufferMinutes: 15 },
  policy: { minNoticeMinutes: 0, bookingWindowDays: 60 },
  busy: [],
  now: new Date("2026-12-01T00:00:00Z"),
};
const la = (local: string) => new Date(`${local}-08:00`);

describe("opening ranges that touch or overlap", () => {
  it("take a booking across the join: Thursday night into Friday, and Friday into Saturday", () => {
    expect(checkSlot({ ...base, start: la("2026-12-03T23:00:00"), end: la("2026-12-04T04:00:00") })).toEqual({
      ok: true,
    });
    expect(checkSlot({ ...base, start: la("2026-12-04T23:00:00"), end: la("2026-12-05T01:00:00") })).toEqual({
      ok: true,
    });
    const slots = listFreeSlots({ ...base, from: "2026-12-04", to: "2026-12-04", durationMinutes: 120 });
    expect(slots.map((s) => s.start.toISOString())).toContain(la("2026-12-04T23:00:00").toISOString());
  });

  it("still refuse what runs into a closed date's own hours", () => {
    const closures = [{ startsOn: "2026-12-05", endsOn: "2026-12-05" }];
    const r = checkSlot({ ...base, closures, start: la("2026-12-04T23:00:00"), end: la("2026-12-05T01:00:00") });
    expect(r.ok).toBe(false);
  });
});
