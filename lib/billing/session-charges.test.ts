import { describe, expect, it } from "vitest";
import type { Quote } from "../pricing";
import { noShowCharge, overtimeCharges, sessionCharges } from "./session-charges";

const quote: Quote = {
  currency: "USD",
  minutes: 120,
  subtotalCents: 13_500,
  totalCents: 13_500,
  lines: [
    { kind: "room_time", description: "Set A, 18:00–19:00", quantity: 60, unitAmountCents: 5_000, amountCents: 5_000 },
    {
      kind: "room_time",
      description: "Set A, 19:00–20:00 (peak)",
      quantity: 60,
      unitAmountCents: 7_500,
      amountCents: 7_500,
    },
    { kind: "add_on", description: "Ring light", quantity: 1, unitAmountCents: 1_000, amountCents: 1_000 },
    { kind: "add_on", description: "Free backdrop", quantity: 1, unitAmountCents: 0, amountCents: 0 },
  ],
};
const booking = { id: "b1", code: "LB-7K2Q", quote };

describe("sessionCharges", () => {
  it("writes one charge per priced quote line, keyed by booking and line, and skips free lines", () => {
    const rows = sessionCharges(booking);
    expect(rows.map((r) => [r.kind, r.amountCents, r.idempotencyKey])).toEqual([
      ["room_time", 5_000, "room_time:b1:0"],
      ["room_time", 7_500, "room_time:b1:1"],
      ["add_on", 1_000, "add_on:b1:2"],
    ]);
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(13_500);
    expect(rows.every((r) => r.amountCents === r.quantity * r.unitAmountCents && r.currency === "USD")).toBe(true);
    expect(rows[0].description).toContain("LB-7K2Q");
  });
});

describe("noShowCharge", () => {
  it("charges the policy percentage of the total, rounded half up", () => {
    expect(noShowCharge({ ...booking, quote: { ...quote, totalCents: 999 } }, 50, "Set A")?.amountCents).toBe(500);
    expect(noShowCharge(booking, 100, "Set A")).toMatchObject({
      kind: "no_show_fee",
      amountCents: 13_500,
      idempotencyKey: "no_show_fee:b1",
    });
  });
  it("charges nothing at 0 % and refuses a percentage out of range", () => {
    expect(noShowCharge(booking, 0, "Set A")).toBeNull();
    expect(() => noShowCharge(booking, 101, "Set A")).toThrow(RangeError);
  });
});

describe("overtimeCharges", () => {
  const endsAt = new Date("2026-12-03T21:00:00Z");
  const base = {
    bookingId: "b1",
    code: "LB-7K2Q",
    endsAt,
    hourlyRateCents: 6000,
    ratePercent: 150,
    graceMinutes: 5,
    currency: "USD",
  };
  const at = (minutesLate: number) =>
    overtimeCharges({ ...base, endedAt: new Date(endsAt.getTime() + minutesLate * 60_000) });
  it("charges nothing on time or within the grace period", () => {
    expect(at(-10)).toEqual([]);
    expect(at(5)).toEqual([]);
  });
  it("charges every started 15 minutes at 150 % of the rate once past the grace: 40 minutes late is 3 blocks", () => {
    const rows = at(40);
    expect(rows.map((r) => [r.amountCents, r.idempotencyKey])).toEqual([
      [2250, "overtime:b1:0"],
      [2250, "overtime:b1:1"],
      [2250, "overtime:b1:2"],
    ]);
    expect(at(6)).toHaveLength(1);
    expect(at(45)).toHaveLength(3);
    expect(at(46)).toHaveLength(4);
  });
});
