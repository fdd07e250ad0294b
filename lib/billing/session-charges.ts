import { divideRoundHalfUp } from "../pricing/divide-round-half-up";
import { taxLabel, taxOf, taxSettingsOfQuote, type Quote, type TaxSettings } from "../pricing";
import { roundCumulatively } from "../pricing/round-cumulatively";

export type ChargeDraft = {
  kind: "room_time" | "add_on" | "no_show_fee" | "overtime" | "late_cancel_fee" | "storage_night" | "tax";
  description: string;
  quantity: number;
  unitAmountCents: number;
  amountCents: number;
  currency: string;
  /** Unique per cause: the same session can never be charged twice, whoever completes it and however often. */
  idempotencyKey: string;
  /** A tax draft: the rate it applied, and the key of the one draft it taxes (a fee, a night), if only one. */
  taxRate?: string;
  taxesKey?: string;
  /** A tax draft: the net amount it taxes, and whether its rate is Stripe Tax's (recorded with it once paid). */
  taxableCents?: number;
  stripeTax?: boolean;
};

/**
 * Tax on drafts invoiced together (a session's lines and overtime, one fee, one storage night), computed ONCE on
 * their sum (`taxOf`, half up to the minor unit) and written as its own `tax` draft, keyed `tax:<key>`:
 * - prices exclude tax: the tax draft is added on top;
 * - prices include it: the tax is carved out of the drafts (each gives up its share, by cumulative rounding, so the
 *   shares add up to the tax exactly) and the drafts plus the tax still add up to the price shown.
 * No tax, or nothing taxable, returns the drafts as they were.
 */
export function withTax(
  drafts: ChargeDraft[],
  tax: TaxSettings | null | undefined,
  opts: { key: string; code?: string; single?: boolean },
): ChargeDraft[] {
  const taxable = drafts.reduce((sum, d) => sum + d.amountCents, 0);
  if (!tax || drafts.length === 0 || taxable <= 0) return drafts;
  const amount = taxOf(taxable, tax);
  if (amount === 0) return drafts;
  if (drafts.some((d) => d.quantity !== 1)) throw new RangeError("withTax expects drafts of quantity 1");
  const shares = tax.inclusive
    ? roundCumulatively(
        drafts.map((d) => d.amountCents * amount),
        taxable,
      )
    : drafts.map(() => 0);
  const net = drafts.map((d, i) => ({
    ...d,
    unitAmountCents: d.amountCents - shares[i],
    amountCents: d.amountCents - shares[i],
  }));
  const line: ChargeDraft = {
    kind: "tax",
    description: `${taxLabel(tax)}${opts.code ? ` (${opts.code})` : ""}`,
    quantity: 1,
    unitAmountCents: amount,
    amountCents: amount,
    currency: drafts[0].currency,
    idempotencyKey: `tax:${opts.key}`,
    taxRate: tax.ratePercent,
    taxableCents: net.reduce((sum, d) => sum + d.amountCents, 0),
    stripeTax: tax.source === "stripe",
    ...(opts.single && drafts.length === 1 ? { taxesKey: drafts[0].idempotencyKey } : {}),
  };
  return [...net, line];
}

/**
 * A fee's tax: a fee is a share of what the creator would have paid (the quote's total, tax included), so its tax is
 * carved out of it at the quote's rate, whatever the studio's mode. No tax on the quote, none on the fee.
 */
export function feeWithTax(fee: ChargeDraft | null, quote: Pick<Quote, "tax">, code: string): ChargeDraft[] {
  if (!fee) return [];
  const tax = quote.tax ? { ...taxSettingsOfQuote(quote.tax)!, inclusive: true } : null;
  return withTax([fee], tax, { key: fee.idempotencyKey, code, single: true });
}

/** A session's charges at check-out: its lines and overtime, with the quote's tax on them as one line. */
export function sessionChargesWithTax(
  booking: { id: string; code: string; quote: Quote },
  overtime: ChargeDraft[],
): ChargeDraft[] {
  return withTax([...sessionCharges(booking), ...overtime], booking.quote.tax, {
    key: `session:${booking.id}`,
    code: booking.code,
  });
}

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
export function noShowCharge(
  booking: { id: string; code: string; quote: Quote },
  percent: number,
  roomName: string,
): ChargeDraft | null {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new RangeError(`noShowFeePercent must be an integer 0..100, got ${percent}`);
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
export function overtimeCharges(input: {
  bookingId: string;
  code: string;
  endsAt: Date;
  endedAt: Date;
  hourlyRateCents: number;
  ratePercent: number;
  graceMinutes: number;
  currency: string;
}): ChargeDraft[] {
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
