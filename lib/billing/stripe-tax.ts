import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, studios, type TaxAddress } from "@/db/schema";
import { HOUR_MS, DAY_MS } from "@/kernel/time";
import { parseDecimal } from "../pricing/parse-decimal";
import { normalRate } from "../pricing/tax";
import { fail, ok, type Result } from "../result";
import type { PaymentsMode } from "./connect";
import { paymentsTarget } from "./payments-target";
import { onAccount, type StripeOrNull } from "./stripe-client";

/**
 * Stripe Tax as the source of a studio's tax rate. A studio rents rooms where it stands, so the place of supply is
 * the studio's own address: Stripe Tax is asked what it collects there (on the account the workspace's invoices
 * live on, so the operator's own registrations decide), and the answer (rate and name) is stored on the studio.
 * Quotes, storage nights and credits then apply that rate with the same rules and rounding as a rate typed by the
 * operator (lib/pricing/tax.ts), so a booking never waits on Stripe and the ledger stays ours. The rate is asked
 * when the studio is saved (a refusal keeps the form and says why) and again every day by the job loop, since
 * jurisdictions change their rates.
 */

/** Stripe's tax code for the service sold: "General - Services" (renting a set with its equipment and staff). */
export const STUDIO_TAX_CODE = "txcd_20030000";
/** What one rate check prices: big enough that the tax shows every decimal of a rate with 3 of them. */
const PROBE_AMOUNT = 1_000_000;
/** A studio's rate is asked again after a day; after a failed ask, after an hour. */
export const STRIPE_TAX_RECHECK_MS = DAY_MS;
export const STRIPE_TAX_RETRY_MS = HOUR_MS;

/**
 * The studio's address as Stripe Tax reads the place of supply: the customer's shipping address (a room is rented,
 * and used, where the studio stands). Empty parts are left out.
 */
export function placeOfSupply(a: TaxAddress): Stripe.Tax.CalculationCreateParams.CustomerDetails {
  return {
    address: {
      line1: a.line1 || undefined,
      city: a.city || undefined,
      state: a.state || undefined,
      postal_code: a.postalCode || undefined,
      country: a.country,
    },
    address_source: "shipping",
  };
}

export type StripeTaxAnswer = { ratePercent: string; name: string };
export type StripeTaxError = "no_stripe" | "refused" | "unreachable";

const TAX_TYPE_NAMES: Record<string, string> = {
  sales_tax: "sales tax",
  vat: "VAT",
  gst: "GST",
  hst: "HST",
  pst: "PST",
  qst: "QST",
  rst: "RST",
  jct: "JCT",
  igst: "IGST",
  consumption_tax: "consumption tax",
  lease_tax: "lease tax",
  amusement_tax: "amusement tax",
  communications_tax: "communications tax",
};

/**
 * The rate of a calculation's breakdown: the sum of the percentages Stripe Tax applies (a US address adds state,
 * county and city), rounded half up to the 3 decimals a studio's rate keeps. "0" when it collects nothing there.
 */
export function rateOfBreakdown(breakdown: readonly Stripe.Tax.Calculation.TaxBreakdown[]): string {
  const SCALE = 6;
  let units = 0;
  for (const b of breakdown) {
    if (b.amount <= 0 || !b.tax_rate_details) continue;
    const d = parseDecimal(b.tax_rate_details.percentage_decimal, "percentage_decimal");
    if (d.scale > SCALE) throw new RangeError(`a tax rate with more than ${SCALE} decimals: ${d.units}e-${d.scale}`);
    units += d.units * 10 ** (SCALE - d.scale);
  }
  const thousandths = Math.floor((units + 500) / 1000); // half up to 3 decimals
  return normalRate((thousandths / 1000).toFixed(3));
}

/** How invoices name the tax Stripe Tax found: "CA sales tax", "VAT", "GST and PST". */
export function nameOfBreakdown(breakdown: readonly Stripe.Tax.Calculation.TaxBreakdown[], address: TaxAddress) {
  const types = [
    ...new Set(
      breakdown
        .filter((b) => b.amount > 0 && b.tax_rate_details)
        .map((b) => {
          const type = String(b.tax_rate_details!.tax_type ?? "tax");
          return TAX_TYPE_NAMES[type] ?? type.replace(/_/g, " ");
        }),
    ),
  ];
  if (types.length === 0) return "";
  const name = types.join(" and ");
  const local = address.country === "US" && address.state ? `${address.state.toUpperCase()} ` : "";
  return `${local}${name}`.replace(/^./, (c) => c.toUpperCase());
}

/**
 * Asks Stripe Tax what it collects at `address` on the workspace's account, for prices that include or exclude
 * tax. A refusal (Stripe Tax not set up on the account, an address it cannot place) and an outage are answers in
 * words the owner can act on.
 */
export async function askStripeTax(
  db: DbOrTx,
  workspaceId: string,
  input: { address: TaxAddress; currency: string; inclusive: boolean },
  opts: { stripe?: StripeOrNull; mode?: PaymentsMode } = {},
): Promise<Result<StripeTaxAnswer, StripeTaxError>> {
  const target = await paymentsTarget(db, workspaceId, opts);
  if (!target.stripe)
    return fail("no_stripe", { message: "Stripe Tax needs Stripe, and this server is not connected to Stripe." });
  if (target.account === null)
    return fail("no_stripe", {
      message: "Connect this workspace to Stripe (Settings → Payments) before taking its tax rate from Stripe Tax.",
    });
  const a = input.address;
  try {
    const calc = await target.stripe.tax.calculations.create(
      {
        currency: input.currency.toLowerCase(),
        customer_details: placeOfSupply(a),
        line_items: [
          {
            amount: PROBE_AMOUNT,
            reference: "studio-rate",
            tax_behavior: input.inclusive ? "inclusive" : "exclusive",
            tax_code: STUDIO_TAX_CODE,
          },
        ],
      },
      onAccount(target.account),
    );
    return ok({ ratePercent: rateOfBreakdown(calc.tax_breakdown), name: nameOfBreakdown(calc.tax_breakdown, a) });
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripePermissionError)
      return fail("refused", { message: `Stripe Tax could not give a rate for this address: ${err.message}` });
    if (err instanceof Stripe.errors.StripeError)
      return fail("unreachable", {
        message: "Stripe could not be reached to ask Stripe Tax for the rate. Try again in a minute.",
      });
    throw err;
  }
}

/** The columns a studio keeps of Stripe Tax's answer (or of a failed ask, which keeps the last rate). */
export function stripeTaxColumns(answer: Result<StripeTaxAnswer, StripeTaxError>, now: Date) {
  return answer.ok
    ? { taxRate: answer.value.ratePercent, taxName: answer.value.name, taxCheckedAt: now, taxCheckError: null }
    : { taxCheckedAt: now, taxCheckError: answer.message ?? answer.error };
}

/**
 * The job: asks Stripe Tax again for every studio that takes its rate from it and was last asked a day ago (an
 * hour ago, when that ask failed). A changed rate is written with an audit entry, and applies to quotes from then
 * on (bookings keep the tax of their stored quote). A failure keeps the last rate and shows on the studio's setup.
 */
export async function refreshStripeTaxRates(
  db: Db,
  now: Date,
  opts: { stripe?: StripeOrNull; mode?: PaymentsMode } = {},
): Promise<{ checked: number; changed: number; failed: number }> {
  const due = await db
    .select()
    .from(studios)
    .where(
      and(
        eq(studios.taxSource, "stripe"),
        isNotNull(studios.taxAddress),
        or(
          sql`${studios.taxCheckedAt} is null`,
          lt(studios.taxCheckedAt, new Date(now.getTime() - STRIPE_TAX_RECHECK_MS)),
          and(
            isNotNull(studios.taxCheckError),
            lt(studios.taxCheckedAt, new Date(now.getTime() - STRIPE_TAX_RETRY_MS)),
          ),
        ),
      ),
    )
    .limit(200);
  let changed = 0;
  let failed = 0;
  for (const studio of due) {
    const answer = await askStripeTax(
      db,
      studio.workspaceId,
      { address: studio.taxAddress!, currency: studio.currency, inclusive: studio.taxMode === "inclusive" },
      opts,
    );
    if (!answer.ok) failed++;
    const moved =
      answer.ok &&
      (Number(answer.value.ratePercent) !== Number(studio.taxRate) || answer.value.name !== studio.taxName);
    await db.transaction(async (tx) => {
      // Only if nobody changed the studio's tax meanwhile (a save asks Stripe Tax itself).
      const written = await tx
        .update(studios)
        .set(stripeTaxColumns(answer, now))
        .where(
          and(
            eq(studios.id, studio.id),
            eq(studios.taxSource, "stripe"),
            studio.taxCheckedAt ? eq(studios.taxCheckedAt, studio.taxCheckedAt) : sql`${studios.taxCheckedAt} is null`,
          ),
        )
        .returning({ id: studios.id });
      if (written.length === 0 || !moved || !answer.ok) return;
      changed++;
      await tx.insert(auditLog).values({
        workspaceId: studio.workspaceId,
        actorUserId: null,
        action: "studio.tax_rate_changed",
        subjectType: "studio",
        subjectId: studio.id,
        createdAt: now,
        data: {
          source: "Stripe Tax",
          from: { rate: studio.taxRate, name: studio.taxName },
          to: { rate: answer.value.ratePercent, name: answer.value.name },
        },
      });
    });
  }
  return { checked: due.length, changed, failed };
}
