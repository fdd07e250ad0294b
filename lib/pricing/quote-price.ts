import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { formatDuration } from "../format";
import { compilePeakRules } from "./compile-peak-rules";
import { assertNonNegativeSafeInteger, divideRoundHalfUp } from "./divide-round-half-up";
import { roundCumulatively } from "./round-cumulatively";
import { splitRoomTime } from "./split-room-time";
import { taxOf, type TaxSettings } from "./tax";
import type { AddOnPrice, PeakRule, Quote, QuoteLine } from "./types";

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_HOUR = 60;

export type QuotePriceInput = {
  /** IANA zone of the studio. */
  timeZone: string;
  /** Instants on whole minutes; the booking's real duration is end - start. */
  start: Date;
  end: Date;
  roomName: string;
  /** The room's base rate. */
  hourlyRateCents: number;
  /** ISO 4217, e.g. "USD". */
  currency: string;
  peakRules: readonly PeakRule[];
  /** The add-ons chosen for this booking, in the order they should be listed. */
  addOns: readonly AddOnPrice[];
  /** The studio's tax (null or absent: none). */
  tax?: TaxSettings | null;
};

/**
 * Prices a booking: room time split into one line per maximal run priced by the same peak rule (or the base
 * rate), in chronological order, then one line per add-on in the order given. Pure and cheap: it walks the
 * booking from boundary to boundary (see `splitRoomTime`), never minute by minute.
 *
 * Rounding, all in integer cents:
 * - room time: the exact amount is Σ minutes × hourly / 60; each line gets its share by cumulative rounding, so
 *   the room-time lines add up to that exact total rounded half up ONCE, and each line is within a cent of its
 *   own exact value;
 * - a peak multiplier gives the hourly rate round-half-up(base × multiplier) first, as the contract says;
 * - a per-hour add-on is round-half-up(minutes × price / 60) on its own line; a flat add-on is its price;
 * - tax, once on the subtotal (`taxOf`): added to the total when prices exclude it, carved out of it when they
 *   include it (the total is then the subtotal).
 *
 * Invalid input (end not after start, times off whole minutes, negative or fractional cents, a bad currency,
 * time zone or rule) is a bug in the caller and throws a RangeError.
 */
export function quotePrice(input: QuotePriceInput): Quote {
  const { timeZone, roomName, currency } = input;
  if (!/^[A-Z]{3}$/.test(currency))
    throw new RangeError(`currency must be an ISO 4217 code, got ${JSON.stringify(currency)}`);
  const startMinute = wholeMinute(input.start, "start");
  const endMinute = wholeMinute(input.end, "end");
  if (endMinute <= startMinute) throw new RangeError("end must be after start");
  const minutes = endMinute - startMinute;

  const schedule = compilePeakRules(input.peakRules, input.hourlyRateCents);
  const segments = splitRoomTime({ timeZone, startMinute, endMinute, schedule });
  const hourlyRates = segments.map((segment) => segment.rule?.hourlyRateCents ?? input.hourlyRateCents);
  const amounts = roundCumulatively(
    segments.map((segment, index) => (segment.endMinute - segment.startMinute) * hourlyRates[index]),
    MINUTES_PER_HOUR,
  );
  const clock = (minute: number) => format(new Date(minute * MS_PER_MINUTE), "HH:mm", { in: tz(timeZone) });

  const lines: QuoteLine[] = segments.map((segment, index) => {
    const peak = segment.rule ? ` (peak: ${segment.rule.name})` : "";
    const line: QuoteLine = {
      kind: "room_time",
      description: `${roomName}, ${clock(segment.startMinute)}–${clock(segment.endMinute)}${peak}`,
      quantity: segment.endMinute - segment.startMinute,
      unitAmountCents: hourlyRates[index],
      amountCents: amounts[index],
      startsAt: new Date(segment.startMinute * MS_PER_MINUTE).toISOString(),
      endsAt: new Date(segment.endMinute * MS_PER_MINUTE).toISOString(),
    };
    if (segment.rule) line.ruleId = segment.rule.id;
    return line;
  });

  for (const addOn of input.addOns) lines.push(addOnLine(addOn, minutes));

  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  assertNonNegativeSafeInteger(subtotalCents, "subtotal");
  if (!input.tax) return { currency, lines, subtotalCents, totalCents: subtotalCents, minutes };
  const tax = { ...input.tax, amountCents: taxOf(subtotalCents, input.tax) };
  return {
    currency,
    lines,
    subtotalCents,
    tax,
    totalCents: input.tax.inclusive ? subtotalCents : subtotalCents + tax.amountCents,
    minutes,
  };
}

function addOnLine(addOn: AddOnPrice, minutes: number): QuoteLine {
  assertNonNegativeSafeInteger(addOn.priceCents, `add-on ${addOn.id} priceCents`);
  if (addOn.pricing === "flat") {
    return {
      kind: "add_on",
      description: addOn.name,
      quantity: 1,
      unitAmountCents: addOn.priceCents,
      amountCents: addOn.priceCents,
    };
  }
  if (addOn.pricing === "per_hour") {
    const exact = minutes * addOn.priceCents;
    assertNonNegativeSafeInteger(exact, `add-on ${addOn.id} minutes × price`);
    return {
      kind: "add_on",
      description: `${addOn.name} × ${formatDuration(minutes)}`,
      quantity: minutes,
      unitAmountCents: addOn.priceCents,
      amountCents: divideRoundHalfUp(exact, MINUTES_PER_HOUR),
    };
  }
  throw new RangeError(`add-on ${addOn.id}: unknown pricing ${JSON.stringify(addOn.pricing)}`);
}

function wholeMinute(date: Date, what: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms % MS_PER_MINUTE !== 0) {
    throw new RangeError(`${what} must be a valid instant on a whole minute, got ${String(date)}`);
  }
  return ms / MS_PER_MINUTE;
}
