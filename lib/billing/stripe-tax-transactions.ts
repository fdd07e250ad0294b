import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import {
  bookings,
  charges,
  invoices,
  rooms,
  storageReservations,
  storageUnits,
  studios,
  type TaxAddress,
} from "@/db/schema";
import { DAY_MS } from "@/kernel/time";
import { logger } from "../logger";
import { taxOnNet } from "../pricing";
import { placeOfSupply, STUDIO_TAX_CODE } from "./stripe-tax";
import { onAccount, type StripeAt } from "./stripe-client";

/**
 * Sales taxed at Stripe Tax's rate are recorded with Stripe Tax once paid, so its reports (and filings) list them:
 * - a paid tax line → a Tax Calculation of its base (the net amount it taxes, exclusive, dated when it was charged,
 *   at the studio's address) and a Tax Transaction made from it, referenced by our charge id;
 * - a credit of such a line (the tax a credit gave back) → a partial reversal of that transaction, line by line:
 *   the net credited with it and exactly the tax credited.
 * Each step is keyed by our ids (Idempotency-Key, and the transaction's unique `reference`), so the job can run
 * again after any failure; what Stripe already has is never recorded twice.
 */

type TaxLine = typeof charges.$inferSelect;

/** The address of the studio a charge belongs to: its booking's room's studio, or its storage unit's. */
async function studioOfCharge(db: Db, c: Pick<TaxLine, "bookingId" | "storageReservationId">) {
  if (c.bookingId) {
    const [row] = await db
      .select({ address: studios.taxAddress, source: studios.taxSource })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(eq(bookings.id, c.bookingId));
    return row ?? null;
  }
  if (c.storageReservationId) {
    const [row] = await db
      .select({ address: studios.taxAddress, source: studios.taxSource })
      .from(storageReservations)
      .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
      .innerJoin(studios, eq(studios.id, storageUnits.studioId))
      .where(eq(storageReservations.id, c.storageReservationId));
    return row ?? null;
  }
  return null;
}

const reference = (chargeId: string) => `livebase-${chargeId}`;

/**
 * Stripe Tax takes a calculation's tax_date at most 31 days back, so a sale paid later than that (a failed invoice
 * paid weeks on) is dated 30 days before its payment: fixed by the payment, so a retry sends the same parameters.
 */
const TAX_DATE_WINDOW_MS = 30 * DAY_MS;
const taxDateOf = (chargedAt: Date, paidAt: Date | null) =>
  Math.floor(Math.max(chargedAt.getTime(), paidAt ? paidAt.getTime() - TAX_DATE_WINDOW_MS : 0) / 1000);

/** Stripe refuses a second transaction with a reference it has: the first one is ours, made after a lost answer. */
const referenceTaken = (err: unknown) =>
  (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "resource_already_exists") ||
  (err instanceof Stripe.errors.StripeInvalidRequestError &&
    /reference/i.test(err.message) &&
    /exist|used|already/i.test(err.message));

async function recordLine(db: Db, at: StripeAt, line: TaxLine, address: TaxAddress, paidAt: Date | null) {
  const on = (key: string) => onAccount(at.account, key);
  // A tax carved out of a price (a fee, a studio whose prices include tax) may be a unit off the rate applied to its
  // net: then the sale is the price, tax included, from which Stripe Tax carves out exactly the tax charged.
  const base = line.taxableCents ?? 0;
  const inclusive = line.taxRate !== null && taxOnNet(base, line.taxRate) !== line.amountCents;
  const calc = await at.stripe.tax.calculations.create(
    {
      currency: line.currency.toLowerCase(),
      customer_details: placeOfSupply(address),
      line_items: [
        {
          amount: inclusive ? base + line.amountCents : base,
          reference: line.id,
          tax_behavior: inclusive ? "inclusive" : "exclusive",
          tax_code: STUDIO_TAX_CODE,
        },
      ],
      tax_date: taxDateOf(line.createdAt, paidAt),
    },
    on(`livebase-tax-calculation-${line.id}`),
  );
  const stripeTax = calc.tax_amount_exclusive + calc.tax_amount_inclusive;
  if (stripeTax !== line.amountCents)
    logger.warn(
      { chargeId: line.id, charged: line.amountCents, stripeTax },
      "Stripe Tax now computes another tax for a sale than the one charged (its rate changed since the quote); recorded as Stripe Tax computes it",
    );
  let id: string;
  try {
    const txn = await at.stripe.tax.transactions.createFromCalculation(
      { calculation: calc.id!, reference: reference(line.id), metadata: { livebase_charge_id: line.id } },
      on(`livebase-tax-transaction-${line.id}`),
    );
    id = txn.id;
  } catch (err) {
    if (!referenceTaken(err)) throw err;
    id = `reference:${reference(line.id)}`; // recorded before; Stripe finds it by its reference
  }
  await db.update(charges).set({ stripeTaxTransaction: id }).where(eq(charges.id, line.id));
}

async function reverseCredit(db: Db, at: StripeAt, credit: TaxLine, original: string, netCents: number) {
  const on = (key?: string) => onAccount(at.account, key);
  const items = await at.stripe.tax.transactions.listLineItems(original, { limit: 1 }, on());
  const item = items.data[0];
  if (!item) throw new Error(`Stripe Tax transaction ${original} has no line item to reverse`);
  let id: string;
  try {
    const reversal = await at.stripe.tax.transactions.createReversal(
      {
        mode: "partial",
        original_transaction: original,
        reference: reference(credit.id),
        line_items: [
          {
            original_line_item: item.id,
            reference: credit.id,
            // An inclusive line's amount includes its tax.
            amount: -netCents + (item.tax_behavior === "inclusive" ? credit.amountCents : 0),
            amount_tax: credit.amountCents, // negative: the tax credited
          },
        ],
        metadata: { livebase_charge_id: credit.id },
      },
      on(`livebase-tax-reversal-${credit.id}`),
    );
    id = reversal.id;
  } catch (err) {
    if (!referenceTaken(err)) throw err;
    id = `reference:${reference(credit.id)}`;
  }
  await db.update(charges).set({ stripeTaxTransaction: id }).where(eq(charges.id, credit.id));
}

/**
 * The job: records with Stripe Tax every paid Stripe-Tax line not recorded yet, then reverses every credit of a
 * recorded one, each on its invoice's account ("" the server's own). A failure of one row is logged and left for
 * the next pass; the others go on.
 */
export async function syncStripeTaxTransactions(
  db: Db,
  stripe: Stripe,
  opts: { limit?: number } = {},
): Promise<{ recorded: number; reversed: number; failed: number }> {
  const limit = opts.limit ?? 100;
  let recorded = 0;
  let reversed = 0;
  let failed = 0;

  const lines = await db
    .select({ line: charges, account: invoices.stripeAccount, paidAt: invoices.paidAt })
    .from(charges)
    .innerJoin(invoices, eq(invoices.id, charges.invoiceId))
    .where(
      and(
        eq(charges.kind, "tax"),
        eq(charges.stripeTax, true),
        eq(charges.status, "paid"),
        isNull(charges.stripeTaxTransaction),
        sql`${invoices.stripeInvoiceId} is not null`,
      ),
    )
    .orderBy(asc(charges.createdAt))
    .limit(limit);
  for (const { line, account, paidAt } of lines) {
    try {
      const studio = await studioOfCharge(db, line);
      if (!studio?.address || line.taxableCents === null) {
        // Nowhere to place the sale (the studio left Stripe Tax): marked, so it is not asked again every pass.
        await db.update(charges).set({ stripeTaxTransaction: "none" }).where(eq(charges.id, line.id));
        continue;
      }
      await recordLine(db, { stripe, account: account ?? "" }, line, studio.address, paidAt);
      recorded++;
    } catch (err) {
      failed++;
      logger.warn({ err, chargeId: line.id }, "recording a sale with Stripe Tax failed; the next pass tries again");
    }
  }

  const taxLine = alias(charges, "tax_line");
  const credits = await db
    .select({ credit: charges, original: taxLine.stripeTaxTransaction, account: invoices.stripeAccount })
    .from(charges)
    .innerJoin(taxLine, eq(taxLine.id, charges.correctsChargeId))
    .innerJoin(invoices, eq(invoices.id, charges.invoiceId))
    .where(
      and(
        eq(charges.kind, "credit"),
        inArray(charges.status, ["invoiced", "paid"]),
        isNull(charges.stripeTaxTransaction),
        eq(taxLine.kind, "tax"),
        eq(taxLine.stripeTax, true),
        sql`${taxLine.stripeTaxTransaction} like 'tax_%'`,
      ),
    )
    .orderBy(asc(charges.createdAt))
    .limit(limit);
  for (const { credit, original, account } of credits) {
    try {
      // The net credited with this tax: the credit whose key this one's extends (`<key>:tax`); none when the tax
      // itself was credited.
      const [net] = credit.idempotencyKey.endsWith(":tax")
        ? await db
            .select({ cents: charges.amountCents })
            .from(charges)
            .where(
              and(
                eq(charges.workspaceId, credit.workspaceId),
                eq(charges.idempotencyKey, credit.idempotencyKey.slice(0, -":tax".length)),
              ),
            )
        : [];
      await reverseCredit(db, { stripe, account: account ?? "" }, credit, original!, -(net?.cents ?? 0));
      reversed++;
    } catch (err) {
      failed++;
      logger.warn({ err, chargeId: credit.id }, "reversing a sale with Stripe Tax failed; the next pass tries again");
    }
  }
  return { recorded, reversed, failed };
}
