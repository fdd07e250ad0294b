/**
 * The shapes the pricing engine reads and writes. Inputs mirror the database rows as drivers return them
 * (Postgres `time` as "HH:MM:SS", `numeric` as a string), so callers can pass rows through without converting.
 */

/** A peak-hours rule of a room, in the studio's local time. */
export type PeakRule = {
  id: string;
  name: string;
  /** 0 = Sunday .. 6 = Saturday: the LOCAL weekday on which the range starts. */
  weekday: number;
  /** "HH:MM" or "HH:MM:SS", local. */
  startsAt: string;
  /** Local; `endsAt <= startsAt` means the range passes midnight into the next local day. */
  endsAt: string;
  /** An hourly rate for the range… */
  rateCents: number | null;
  /** …or a multiplier of the room rate (Postgres numeric arrives as a string, e.g. "1.50"). */
  multiplier: string | number | null;
};

export type AddOnPrice = { id: string; name: string; pricing: "flat" | "per_hour"; priceCents: number };

export type QuoteLine = {
  kind: "room_time" | "add_on";
  /** e.g. "Set A – Beauty, 19:00–21:00 (peak: Evening)", "Ring light kit", "Host assistant × 3 h". */
  description: string;
  /** Minutes for room_time and per_hour lines; 1 for flat add-ons. */
  quantity: number;
  /** The HOURLY rate for time-based lines, the price for flat ones. */
  unitAmountCents: number;
  /** Integer cents. */
  amountCents: number;
  /** ISO instants of the segment, for room_time lines. */
  startsAt?: string;
  endsAt?: string;
  /** The peak rule that priced this segment, if any. */
  ruleId?: string;
};

/** The tax of a quote: the studio's settings when it was priced, and the amount (minor units). */
export type QuoteTax = { name: string; ratePercent: string; inclusive: boolean; amountCents: number };

export type Quote = {
  currency: string;
  lines: QuoteLine[];
  /** Sum of the lines: the price as shown, before exclusive tax (inclusive tax is inside it). Fees are shares of it. */
  subtotalCents: number;
  /** Absent: no tax (and every quote stored before taxes existed). */
  tax?: QuoteTax;
  /** What the creator pays: the subtotal, plus the tax when prices exclude it. */
  totalCents: number;
  /** Real minutes between start and end (a DST change does not add or remove any). */
  minutes: number;
};
