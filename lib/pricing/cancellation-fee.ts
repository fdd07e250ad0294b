import { assertNonNegativeSafeInteger, divideRoundHalfUp } from "./divide-round-half-up";
import { parseDecimal } from "./parse-decimal";
import type { Quote } from "./types";

const MS_PER_HOUR = 3_600_000;

export type CancellationFee = { feeCents: number; currency: string; reason: "free" | "late" | "started" };

/**
 * The fee for cancelling a booking at `now` under the workspace policy:
 * - "started" once the booking has begun, i.e. `now >= start` (the booked range [start, end) includes its
 *   start instant): 100 % of the quote total. This wins over "free", even with a 0-hour free window;
 * - "free" when `now` is at least `freeCancellationHours` before start (exactly that far ahead is free);
 * - "late" otherwise: `lateCancelFeePercent` % of the total, rounded half up to a cent. The percent may have
 *   decimals (12.5) and must be within 0..100.
 */
export function cancellationFee(input: {
  quote: Pick<Quote, "totalCents" | "currency">;
  start: Date;
  now: Date;
  freeCancellationHours: number;
  lateCancelFeePercent: number;
}): CancellationFee {
  const { quote, freeCancellationHours } = input;
  const { totalCents, currency } = quote;
  assertNonNegativeSafeInteger(totalCents, "quote.totalCents");
  const start = input.start.getTime();
  const now = input.now.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(now)) throw new RangeError("start and now must be valid instants");
  if (!Number.isFinite(freeCancellationHours) || freeCancellationHours < 0) {
    throw new RangeError(`freeCancellationHours must be a non-negative number, got ${String(freeCancellationHours)}`);
  }
  const percent = parseDecimal(input.lateCancelFeePercent, "lateCancelFeePercent");
  if (percent.units > 100 * 10 ** percent.scale) {
    throw new RangeError(`lateCancelFeePercent must be at most 100, got ${String(input.lateCancelFeePercent)}`);
  }

  if (now >= start) return { feeCents: totalCents, currency, reason: "started" };
  if (start - now >= Math.round(freeCancellationHours * MS_PER_HOUR)) return { feeCents: 0, currency, reason: "free" };
  const exact = totalCents * percent.units;
  assertNonNegativeSafeInteger(exact, "total × percent");
  return { feeCents: divideRoundHalfUp(exact, 100 * 10 ** percent.scale), currency, reason: "late" };
}
