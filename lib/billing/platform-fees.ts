import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, DbOrTx } from "@/db/client";
import { invoices, platformFeeEntries, workspaces } from "@/db/schema";
import { getEnv } from "../env";
import { logger } from "../logger";
import { divideRoundHalfUp } from "../pricing/divide-round-half-up";
import { fail, ok, type Result } from "../result";
import { onAccount, type StripeAt } from "./stripe-client";
import { FEE_PERCENT_RULE, isFeePercent, percentToBasisPoints } from "./fee-percent";

/**
 * The platform's fee (platform mode). Every invoice sent on a workspace's connected account carries an application
 * fee: the workspace's rate (basis points, set by the platform) or PLATFORM_FEE_PERCENT, of the invoice's untaxed
 * amount (tax lines are not revenue), in the invoice's currency, rounded half up to its minor unit. Amounts are already in minor units (cents, yen), so
 * rounding to a whole minor unit is rounding to an integer, the same rule for JPY as for USD.
 *
 * The fee ledger (platform_fee_entries) is synced from Stripe, never computed: one row per application fee Stripe
 * took and per fee refund it made, keyed by Stripe's id.
 */

/** The fee on `amountCents` at `basisPoints` (250 = 2.5 %): round half up, never negative, never more than the amount. */
export function platformFee(amountCents: number, basisPoints: number): number {
  if (amountCents <= 0 || basisPoints <= 0) return 0;
  return Math.min(amountCents, divideRoundHalfUp(amountCents * basisPoints, 10_000));
}

export { percentToBasisPoints };

/** The workspace's rate: its own, else the server's default (PLATFORM_FEE_PERCENT). */
export async function feeBasisPointsOf(db: DbOrTx, workspaceId: string): Promise<number> {
  const [w] = await db
    .select({ bp: workspaces.platformFeeBasisPoints })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return w?.bp ?? percentToBasisPoints(getEnv().PLATFORM_FEE_PERCENT);
}

/**
 * The platform sets a workspace's rate (or returns it to the default with null). An operator cannot: this is
 * called by `npm run platform-fee`, run by whoever runs the platform. Later invoices use it; sent ones keep theirs.
 */
export async function setWorkspaceFee(
  db: DbOrTx,
  slug: string,
  percent: number | null,
): Promise<Result<{ workspaceId: string; basisPoints: number | null }, "not_found" | "invalid">> {
  if (percent !== null && !isFeePercent(percent))
    return fail("invalid", { message: `The fee is ${FEE_PERCENT_RULE}.` });
  const basisPoints = percent === null ? null : percentToBasisPoints(percent);
  const [w] = await db
    .update(workspaces)
    .set({ platformFeeBasisPoints: basisPoints })
    .where(eq(workspaces.slug, slug))
    .returning({ id: workspaces.id });
  if (!w) return fail("not_found", { message: `No workspace has the slug ${JSON.stringify(slug)}.` });
  return ok({ workspaceId: w.id, basisPoints });
}

type FeeInvoice = Pick<typeof invoices.$inferSelect, "id" | "workspaceId" | "currency">;

/** Records an application fee and its refunds as Stripe has them (once each: the Stripe id is unique). */
export async function recordApplicationFee(
  db: DbOrTx,
  inv: FeeInvoice,
  fee: Stripe.ApplicationFee,
  refunds: Stripe.FeeRefund[],
) {
  const account = typeof fee.account === "string" ? fee.account : fee.account.id;
  const rows = [
    { stripeId: fee.id, amountCents: fee.amount, occurredAt: new Date(fee.created * 1000) },
    ...refunds.map((r) => ({ stripeId: r.id, amountCents: -r.amount, occurredAt: new Date(r.created * 1000) })),
  ];
  await db
    .insert(platformFeeEntries)
    .values(
      rows.map((r) => ({
        ...r,
        workspaceId: inv.workspaceId,
        invoiceId: inv.id,
        stripeAccount: account,
        currency: (fee.currency ?? inv.currency).toUpperCase(),
      })),
    )
    .onConflictDoNothing();
}

async function feeWithRefunds(stripe: Stripe, feeId: string) {
  const fee = await stripe.applicationFees.retrieve(feeId);
  const refunds: Stripe.FeeRefund[] = [];
  for await (const r of stripe.applicationFees.listRefunds(feeId, { limit: 100 })) refunds.push(r);
  return { fee, refunds };
}

/**
 * After an invoice on a connected account is paid or refunded: finds the application fee of its payment (the
 * payment intent's charge, on the connected account; the fee itself is the platform's) and records it.
 */
export async function syncInvoiceFee(
  db: DbOrTx,
  at: StripeAt,
  inv: FeeInvoice & { stripePaymentIntentId: string | null },
) {
  if (!at.account || !inv.stripePaymentIntentId) return;
  const pi = await at.stripe.paymentIntents.retrieve(
    inv.stripePaymentIntentId,
    { expand: ["latest_charge"] },
    onAccount(at.account),
  );
  const charge = pi.latest_charge;
  const feeId =
    charge && typeof charge === "object"
      ? typeof charge.application_fee === "string"
        ? charge.application_fee
        : charge.application_fee?.id
      : null;
  if (!feeId) return;
  const { fee, refunds } = await feeWithRefunds(at.stripe, feeId);
  await recordApplicationFee(db, inv, fee, refunds);
}

/**
 * `application_fee.created` / `application_fee.refunded` (platform events): re-reads the fee, finds our invoice by
 * the fee's charge on its connected account, and records it. A fee of a charge that is not ours is ignored.
 */
export async function syncApplicationFee(db: DbOrTx, stripe: Stripe, feeId: string): Promise<boolean> {
  const { fee, refunds } = await feeWithRefunds(stripe, feeId);
  const account = typeof fee.account === "string" ? fee.account : fee.account.id;
  const chargeId = typeof fee.charge === "string" ? fee.charge : fee.charge.id;
  const charge = await stripe.charges.retrieve(chargeId, {}, onAccount(account));
  const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!pi) return false;
  const [inv] = await db
    .select({ id: invoices.id, workspaceId: invoices.workspaceId, currency: invoices.currency })
    .from(invoices)
    .where(and(eq(invoices.stripePaymentIntentId, pi), eq(invoices.stripeAccount, account)));
  if (!inv) return false;
  await recordApplicationFee(db, inv, fee, refunds);
  return true;
}

/** The fee Stripe took on an invoice, less what it returned: from the ledger. */
export async function netFeeOf(db: DbOrTx, invoiceId: string): Promise<number> {
  const [row] = await db
    .select({ cents: sql<string>`coalesce(sum(${platformFeeEntries.amountCents}), 0)` })
    .from(platformFeeEntries)
    .where(eq(platformFeeEntries.invoiceId, invoiceId));
  return Number(row?.cents ?? 0);
}

/** A rate in words: 500 → "5 %", 250 → "2.5 %". */
export function feePercentLabel(basisPoints: number): string {
  return `${(basisPoints / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })} %`;
}

/**
 * Records the fee Stripe took (or returned) on a paid invoice. A failure here loses nothing: the
 * application_fee.* webhooks record it too, and the next credit on the invoice tries again.
 */
export async function recordInvoiceFee(db: Db, at: StripeAt, invoiceId: string) {
  if (!at.account) return;
  try {
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    if (inv) await syncInvoiceFee(db, at, inv);
  } catch (err) {
    logger.warn(
      { err, invoiceId },
      "reading the platform fee from Stripe failed; the application_fee webhook records it",
    );
  }
}
