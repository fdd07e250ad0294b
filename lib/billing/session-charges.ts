import { divideRoundHalfUp } from "../pricing/divide-round-half-up";
import type { Quote } from "../pricing";

export type ChargeDraft = {
  kind: "room_time" | "add_on" | "no_show_fee" | "overtime";
  description: string;
  quantity: number;
  unitAmountCents: number;
  amountCents: number;
  currency: string;
  /** Unique per cause: the same session can never be charged twice, whoever completes it and however often. */
  idempotencyKey: string;
};

/**
 * What a completed session costs: its stored quote, line by line (room time per priced segment, then add-ons).
 * The quote is the price agreed at booking; later changes of rates do not touch it. Zero lines are skipped.
 */
export function sessionCharges(booking: { id: string; code: string; quote: Quote }): ChargeDraft[] {
  const { quote } = booking;
  return quote.lines
    .map((line, i) => ({
      kind: line.kind,
      description: `${line.description} (${booking.code})`,
      quantity: 1,
      unitAmountCents: line.amountCents,
      amountCents: line.amountCents,
      currency: quote.currency,
      idempotencyKey: `${line.kind}:${booking.id}:${i}`,
    }))
    .filter((c) => c.amountCents > 0);
}

/** The no-show fee: `percent` % of the quote total, rounded half up to a cent; null when it is nothing. */
export function noShowCharge(booking: { id: string; code: string; quote: Quote }, percent: number, roomName: string): ChargeDraft | null {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`noShowFeePercent must be an integer 0..100, got ${percent}`);
  const cents = divideRoundHalfUp(booking.quote.totalCents * percent, 100);
  if (cents <= 0) return null;
  return {
    kind: "no_show_fee",
    description: `No-show at ${roomName}, ${booking.code} (${percent} %)`,
    quantity: 1,
    unitAmountCents: cents,
    amountCents: cents,
    currency: booking.quote.currency,
    idempotencyKey: `no_show_fee:${booking.id}`,
  };
}

const BLOCK_MINUTES = 15;

/**
 * Overtime of a session checked out after its end: nothing within the grace period; past it, one charge per
 * started 15 minutes counted from the end, at `ratePercent` % of the room's hourly rate (rounded half up to a cent
 * per block). Keyed per block, so checking out twice never charges twice.
 */
export function overtimeCharges(input: { bookingId: string; code: string; endsAt: Date; endedAt: Date; hourlyRateCents: number; ratePercent: number; graceMinutes: number; currency: string }): ChargeDraft[] {
  const lateMs = input.endedAt.getTime() - input.endsAt.getTime();
  if (lateMs <= input.graceMinutes * 60_000) return [];
  const blocks = Math.ceil(lateMs / (BLOCK_MINUTES * 60_000));
  const unit = divideRoundHalfUp(input.hourlyRateCents * input.ratePercent, 100 * (60 / BLOCK_MINUTES));
  return Array.from({ length: blocks }, (_, i) => ({
    kind: "overtime" as const,
    description: `Overtime ${i * BLOCK_MINUTES}–${(i + 1) * BLOCK_MINUTES} min after the end (${input.code}, ${input.ratePercent} % rate)`,
    quantity: 1,
    unitAmountCents: unit,
    amountCents: unit,
    currency: input.currency,
    idempotencyKey: `overtime:${input.bookingId}:${i}`,
  })).filter((c) => c.amountCents > 0);
}
