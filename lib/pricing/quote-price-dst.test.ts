import { describe, expect, it } from "vitest";
import { quotePrice, type PeakRule, type Quote } from "./index";

// The 2026 clock changes, all on a Sunday (weekday 0):
// Los Angeles: 2026-03-08 02:00 PST → 03:00 PDT (10:00Z); 2026-11-01 02:00 PDT → 01:00 PST (09:00Z).
// Paris:       2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z).

const sunday = (id: string, startsAt: string, endsAt: string, weekday = 0): PeakRule => ({
  id,
  name: id,
  weekday,
  startsAt,
  endsAt,
  rateCents: 6000,
  multiplier: null,
});

const quote = (timeZone: string, start: string, end: string, peakRules: PeakRule[] = []): Quote =>
  quotePrice({
    timeZone,
    start: new Date(start),
    end: new Date(end),
    roomName: "Set B",
    hourlyRateCents: 3000,
    currency: timeZone === "Europe/Paris" ? "EUR" : "USD",
    peakRules,
    addOns: [{ id: "host", name: "Host assistant", pricing: "per_hour", priceCents: 1200 }],
  });

/** [local description, real minutes, amount, UTC start, UTC end] per room-time line. */
const rows = (q: Quote) =>
  q.lines
    .filter((l) => l.kind === "room_time")
    .map((l) => [l.description, l.quantity, l.amountCents, l.startsAt, l.endsAt]);

describe("quotePrice across DST: America/Los_Angeles", () => {
  it("spring forward (2026-03-08): a booking from 00:00 to 04:00 local is 180 real minutes", () => {
    const q = quote("America/Los_Angeles", "2026-03-08T00:00:00-08:00", "2026-03-08T04:00:00-07:00");
    expect(q.minutes).toBe(180);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–04:00", 180, 9000, "2026-03-08T08:00:00.000Z", "2026-03-08T11:00:00.000Z"],
    ]);
    expect(q.lines[1]).toMatchObject({ description: "Host assistant × 3 h", quantity: 180, amountCents: 3600 });
    expect(q.totalCents).toBe(12_600);
  });

  it("spring forward: a rule spanning the skipped hour lasts its real minutes", () => {
    const q = quote("America/Los_Angeles", "2026-03-08T00:00:00-08:00", "2026-03-08T04:00:00-07:00", [
      sunday("night", "01:00", "03:30"),
    ]);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–01:00", 60, 3000, "2026-03-08T08:00:00.000Z", "2026-03-08T09:00:00.000Z"],
      ["Set B, 01:00–03:30 (peak: night)", 90, 9000, "2026-03-08T09:00:00.000Z", "2026-03-08T10:30:00.000Z"],
      ["Set B, 03:30–04:00", 30, 1500, "2026-03-08T10:30:00.000Z", "2026-03-08T11:00:00.000Z"],
    ]);
  });

  it("spring forward: a rule starting inside the skipped hour starts at the change", () => {
    const q = quote("America/Los_Angeles", "2026-03-08T00:00:00-08:00", "2026-03-08T04:00:00-07:00", [
      sunday("gap", "02:30", "05:00"),
    ]);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–03:00", 120, 6000, "2026-03-08T08:00:00.000Z", "2026-03-08T10:00:00.000Z"],
      ["Set B, 03:00–04:00 (peak: gap)", 60, 6000, "2026-03-08T10:00:00.000Z", "2026-03-08T11:00:00.000Z"],
    ]);
  });

  it("fall back (2026-11-01): a booking from 00:00 to 02:00 local is 180 real minutes, not 120", () => {
    const q = quote("America/Los_Angeles", "2026-11-01T00:00:00-07:00", "2026-11-01T02:00:00-08:00");
    expect(q.minutes).toBe(180);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–02:00", 180, 9000, "2026-11-01T07:00:00.000Z", "2026-11-01T10:00:00.000Z"],
    ]);
  });

  it("fall back: the repeated hour is priced twice by the rule covering it, in one line", () => {
    const q = quote("America/Los_Angeles", "2026-11-01T00:00:00-07:00", "2026-11-01T02:00:00-08:00", [
      sunday("one-am", "01:00", "02:00"),
    ]);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–01:00", 60, 3000, "2026-11-01T07:00:00.000Z", "2026-11-01T08:00:00.000Z"],
      ["Set B, 01:00–02:00 (peak: one-am)", 120, 12_000, "2026-11-01T08:00:00.000Z", "2026-11-01T10:00:00.000Z"],
    ]);
  });

  it("fall back: a rule starting inside the repeated hour applies on both passes", () => {
    const q = quote("America/Los_Angeles", "2026-11-01T00:00:00-07:00", "2026-11-01T03:00:00-08:00", [
      sunday("late", "01:30", "05:00"),
    ]);
    expect(rows(q)).toEqual([
      ["Set B, 00:00–01:30", 90, 4500, "2026-11-01T07:00:00.000Z", "2026-11-01T08:30:00.000Z"],
      ["Set B, 01:30–01:00 (peak: late)", 30, 3000, "2026-11-01T08:30:00.000Z", "2026-11-01T09:00:00.000Z"],
      ["Set B, 01:00–01:30", 30, 1500, "2026-11-01T09:00:00.000Z", "2026-11-01T09:30:00.000Z"],
      ["Set B, 01:30–03:00 (peak: late)", 90, 9000, "2026-11-01T09:30:00.000Z", "2026-11-01T11:00:00.000Z"],
    ]);
    expect(q.minutes).toBe(240);
  });
});

describe("quotePrice across DST: Europe/Paris", () => {
  it("spring forward (2026-03-29): local boundaries land on the right instants", () => {
    const q = quote("Europe/Paris", "2026-03-29T01:00:00+01:00", "2026-03-29T05:00:00+02:00", [
      sunday("morning", "03:00", "04:00"),
    ]);
    expect(q.currency).toBe("EUR");
    expect(q.minutes).toBe(180);
    expect(rows(q)).toEqual([
      ["Set B, 01:00–03:00", 60, 3000, "2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z"],
      ["Set B, 03:00–04:00 (peak: morning)", 60, 6000, "2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"],
      ["Set B, 04:00–05:00", 60, 3000, "2026-03-29T02:00:00.000Z", "2026-03-29T03:00:00.000Z"],
    ]);
  });

  it("spring forward: a rule spanning the skipped hour lasts one real hour for two wall-clock hours", () => {
    const q = quote("Europe/Paris", "2026-03-29T01:00:00+01:00", "2026-03-29T05:00:00+02:00", [
      sunday("span", "01:30", "03:30"),
    ]);
    expect(rows(q)).toEqual([
      ["Set B, 01:00–01:30", 30, 1500, "2026-03-29T00:00:00.000Z", "2026-03-29T00:30:00.000Z"],
      ["Set B, 01:30–03:30 (peak: span)", 60, 6000, "2026-03-29T00:30:00.000Z", "2026-03-29T01:30:00.000Z"],
      ["Set B, 03:30–05:00", 90, 4500, "2026-03-29T01:30:00.000Z", "2026-03-29T03:00:00.000Z"],
    ]);
  });

  it("fall back (2026-10-25): a booking from 01:00 to 03:00 local is 180 real minutes, the repeated 02:00 hour at peak", () => {
    const q = quote("Europe/Paris", "2026-10-25T01:00:00+02:00", "2026-10-25T03:00:00+01:00", [
      sunday("two-am", "02:00", "03:00"),
    ]);
    expect(q.minutes).toBe(180);
    expect(rows(q)).toEqual([
      ["Set B, 01:00–02:00", 60, 3000, "2026-10-24T23:00:00.000Z", "2026-10-25T00:00:00.000Z"],
      ["Set B, 02:00–03:00 (peak: two-am)", 120, 12_000, "2026-10-25T00:00:00.000Z", "2026-10-25T02:00:00.000Z"],
    ]);
    expect(q.lines.at(-1)).toMatchObject({ description: "Host assistant × 3 h", quantity: 180, amountCents: 3600 });
  });

  it("fall back: a Saturday overnight rule lasts one real hour longer on the night the clocks go back", () => {
    const q = quote("Europe/Paris", "2026-10-24T22:00:00+02:00", "2026-10-25T04:00:00+01:00", [
      sunday("saturday-night", "22:00", "03:00", 6),
    ]);
    expect(q.minutes).toBe(420);
    expect(rows(q)).toEqual([
      [
        "Set B, 22:00–03:00 (peak: saturday-night)",
        360,
        36_000,
        "2026-10-24T20:00:00.000Z",
        "2026-10-25T02:00:00.000Z",
      ],
      ["Set B, 03:00–04:00", 60, 3000, "2026-10-25T02:00:00.000Z", "2026-10-25T03:00:00.000Z"],
    ]);
  });
});
