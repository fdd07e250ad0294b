import { describe, expect, it } from "vitest";
import { cancellationFee } from "./index";

const start = new Date("2026-06-05T18:00:00Z");
const minutesBeforeStart = (minutes: number) => new Date(start.getTime() - minutes * 60_000);
const policy = {
  quote: { totalCents: 27_001, currency: "USD" },
  start,
  freeCancellationHours: 24,
  lateCancelFeePercent: 50,
};

describe("cancellationFee", () => {
  it("is free when cancelled exactly freeCancellationHours before the start, or earlier", () => {
    expect(cancellationFee({ ...policy, now: minutesBeforeStart(24 * 60) })).toEqual({
      feeCents: 0,
      currency: "USD",
      reason: "free",
    });
    expect(cancellationFee({ ...policy, now: minutesBeforeStart(30 * 24 * 60) }).reason).toBe("free");
  });

  it("charges the late percentage, rounded half up, one minute after the free window closes", () => {
    // 50 % of 270.01 = 135.005 → 135.01
    expect(cancellationFee({ ...policy, now: minutesBeforeStart(24 * 60 - 1) })).toEqual({
      feeCents: 13_501,
      currency: "USD",
      reason: "late",
    });
    expect(cancellationFee({ ...policy, now: minutesBeforeStart(1) })).toMatchObject({
      feeCents: 13_501,
      reason: "late",
    });
  });

  it("charges 100 % once the booking has started, from its start instant", () => {
    expect(cancellationFee({ ...policy, now: start })).toEqual({
      feeCents: 27_001,
      currency: "USD",
      reason: "started",
    });
    expect(cancellationFee({ ...policy, now: minutesBeforeStart(-90) })).toMatchObject({
      feeCents: 27_001,
      reason: "started",
    });
  });

  it("handles fractional percentages and hours without floating-point money", () => {
    const fee = cancellationFee({
      ...policy,
      quote: { totalCents: 1004, currency: "EUR" },
      lateCancelFeePercent: 12.5,
      now: minutesBeforeStart(60),
    });
    expect(fee).toEqual({ feeCents: 126, currency: "EUR", reason: "late" }); // 125.5 → 126
    expect(cancellationFee({ ...policy, freeCancellationHours: 1.5, now: minutesBeforeStart(90) }).reason).toBe("free");
    expect(cancellationFee({ ...policy, freeCancellationHours: 1.5, now: minutesBeforeStart(89) }).reason).toBe("late");
  });

  it("with no free window, is free until the start; with a 0 % fee, late costs nothing", () => {
    expect(cancellationFee({ ...policy, freeCancellationHours: 0, now: minutesBeforeStart(1) }).reason).toBe("free");
    expect(cancellationFee({ ...policy, freeCancellationHours: 0, now: start }).reason).toBe("started");
    expect(cancellationFee({ ...policy, lateCancelFeePercent: 0, now: minutesBeforeStart(60) })).toMatchObject({
      feeCents: 0,
      reason: "late",
    });
  });

  it("rejects a percentage outside 0..100, negative hours and fractional totals", () => {
    const now = minutesBeforeStart(60);
    expect(() => cancellationFee({ ...policy, now, lateCancelFeePercent: 100.5 })).toThrow(RangeError);
    expect(() => cancellationFee({ ...policy, now, lateCancelFeePercent: -1 })).toThrow(RangeError);
    expect(() => cancellationFee({ ...policy, now, freeCancellationHours: -1 })).toThrow(RangeError);
    expect(() => cancellationFee({ ...policy, now, quote: { totalCents: 10.5, currency: "USD" } })).toThrow(RangeError);
    expect(() => cancellationFee({ ...policy, now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
