import { assertNonNegativeSafeInteger, divideRoundHalfUp } from "./divide-round-half-up";
import { parseDecimal } from "./parse-decimal";

/**
 * A studio's tax, as its prices treat it: `inclusive` prices already contain it (it is carved out of them),
 * exclusive ones do not (it is added on top). `ratePercent` is a decimal string with up to 3 decimals ("9.5").
 * No tax is `null`.
 */
export type TaxSettings = {
  name: string;
  ratePercent: string;
  inclusive: boolean;
  /** "stripe": the rate is Stripe Tax's, so the sales it taxes are recorded with Stripe Tax once paid. */
  source?: "stripe";
};

/** The settings a stored quote's tax was made with (its name, rate, mode and source), for what is charged later. */
export function taxSettingsOfQuote(tax: TaxSettings | null | undefined): TaxSettings | null {
  if (!tax) return null;
  return {
    name: tax.name,
    ratePercent: tax.ratePercent,
    inclusive: tax.inclusive,
    ...(tax.source === "stripe" ? { source: "stripe" as const } : {}),
  };
}

/**
 * A studio row's tax columns → its settings, or null when it charges none. With Stripe Tax (`taxSource` stripe) the
 * rate and name are Stripe Tax's last answer for the studio's address; a rate of 0 there means Stripe Tax does not
 * collect at that address (the operator has no registration for it), so nothing is charged.
 */
export function taxSettingsOf(studio: {
  taxMode: "none" | "exclusive" | "inclusive";
  taxRate: string;
  taxName: string;
  taxSource?: "studio" | "stripe";
}): TaxSettings | null {
  if (studio.taxMode === "none") return null;
  if (studio.taxSource === "stripe" && (Number(studio.taxRate) <= 0 || studio.taxName === "")) return null;
  return {
    name: studio.taxName,
    ratePercent: normalRate(studio.taxRate),
    inclusive: studio.taxMode === "inclusive",
    ...(studio.taxSource === "stripe" ? { source: "stripe" as const } : {}),
  };
}

/** "9.500" → "9.5", "20.000" → "20": the rate as people write it. */
export function normalRate(rate: string | number): string {
  const { units, scale } = parseDecimal(rate, "tax rate");
  if (scale === 0) return String(units);
  const text = String(units).padStart(scale + 1, "0");
  return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

/** How an invoice line names a tax: "CA sales tax 9.5 %", "VAT 6 % (included)". */
export function taxLabel(tax: TaxSettings): string {
  return `${tax.name} ${normalRate(tax.ratePercent)} %${tax.inclusive ? " (included)" : ""}`;
}

/**
 * The tax in an amount of minor units (cents, fen, whole yen), rounded half up ONCE to the minor unit, with
 * integers only:
 * - exclusive: amount × rate / 100, added on top of the amount;
 * - inclusive: amount × rate / (100 + rate), the part of the amount that is tax; the rest (amount − tax) is net,
 *   so the amount people saw stays what they pay.
 */
export function taxOf(amountMinor: number, tax: TaxSettings): number {
  assertNonNegativeSafeInteger(amountMinor, "taxable amount");
  const rate = parseDecimal(tax.ratePercent, "tax rate");
  const hundred = 100 * 10 ** rate.scale;
  const numerator = amountMinor * rate.units;
  assertNonNegativeSafeInteger(numerator, "taxable amount × rate");
  return divideRoundHalfUp(numerator, tax.inclusive ? hundred + rate.units : hundred);
}

/**
 * The tax on an amount that is already net of tax (a credit of a taxed line, what is left of a session after a
 * void): net × rate / 100 whatever the studio's mode, since a net amount's tax is the same in both.
 */
export function taxOnNet(netMinor: number, ratePercent: string): number {
  return taxOf(netMinor, { name: "", ratePercent, inclusive: false });
}
