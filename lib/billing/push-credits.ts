import { and, asc, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { recordInvoiceFee } from "./platform-fees";
import { onAccount, type StripeAt } from "./stripe-client";
import { applyStripeInvoice } from "./sync-invoice";

type Charge = typeof charges.$inferSelect;

/**
 * A credit of a paid invoice on a connected account: a refund of the payment that returns the platform's fee in
 * proportion (`refund_application_fee`), found again by our charge id in its metadata after a lost answer.
 */
async function refundWithFee(at: StripeAt, paymentIntent: string, c: Charge, cents: number) {
  const on = (key?: string) => onAccount(at.account, key);
  const pi = await at.stripe.paymentIntents.retrieve(paymentIntent, { expand: ["latest_charge"] }, on());
  const charge = pi.latest_charge;
  const existing =
    charge && typeof charge === "object"
      ? (await at.stripe.charges.retrieve(charge.id, { expand: ["refunds"] }, on())).refunds?.data.find(
          (r) => r.metadata?.livebase_charge_id === c.id,
        )
      : undefined;
  return (
    existing ??
    (await at.stripe.refunds.create(
      {
        payment_intent: paymentIntent,
        amount: cents,
        refund_application_fee: true,
        metadata: { livebase_charge_id: c.id },
      },
      on(`livebase-credit-refund-${c.id}`),
    ))
  );
}

/**
 * Credits of an invoice at Stripe become credit notes: a refund to the card when it was paid, else less to pay.
 * The key names the kind of note, since its parameters differ (an invoice paid between two attempts gets a
 * refunding note under a new key, after the lookup found no note of ours).
 */
export async function pushCredits(
  db: Db,
  at: StripeAt,
  invoiceId: string,
  now: Date,
): Promise<{ done: number; waiting: number }> {
  const { stripe } = at;
  const on = (key?: string) => onAccount(at.account, key);
  const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!inv?.stripeInvoiceId) return { done: 0, waiting: 0 };
  if ((inv.stripeAccount ?? "") !== at.account)
    throw new Error(`invoice ${inv.id} lives on another Stripe account than the one given`);
  const credits = await db
    .select()
    .from(charges)
    .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "credit"), eq(charges.status, "pending")))
    .orderBy(asc(charges.createdAt));
  if (credits.length === 0) return { done: 0, waiting: 0 };
  const notes = new Map<string, Stripe.CreditNote>();
  for await (const n of stripe.creditNotes.list({ invoice: inv.stripeInvoiceId, limit: 100 }, on()))
    if (n.metadata?.livebase_charge_id) notes.set(n.metadata.livebase_charge_id, n);
  let done = 0;
  let waiting = 0;
  for (const c of credits) {
    const si = await stripe.invoices.retrieve(inv.stripeInvoiceId, {}, on());
    if (si.status === "void") {
      // Nothing is owed on a voided invoice: the credit has nothing left to correct.
      await db
        .update(charges)
        .set({ status: "void", voidReason: "The invoice was voided in Stripe.", voidedAt: now })
        .where(eq(charges.id, c.id));
      continue;
    }
    if (si.status === "draft") {
      waiting++;
      continue;
    }
    const cents = -c.amountCents;
    const paid = si.status === "paid";
    let note = notes.get(c.id);
    if (!note) {
      // On a connected account the refund is made first, returning the platform's fee in proportion, and the note
      // names it; on the server's own account the note makes the refund itself.
      const refund =
        paid && at.account && inv.stripePaymentIntentId
          ? await refundWithFee(at, inv.stripePaymentIntentId, c, cents)
          : null;
      note = await stripe.creditNotes.create(
        {
          invoice: inv.stripeInvoiceId,
          lines: [{ type: "custom_line_item", description: c.description, quantity: 1, unit_amount: cents }],
          ...(refund
            ? { refunds: [{ refund: refund.id, amount_refunded: cents }] }
            : paid
              ? { refund_amount: cents }
              : {}),
          memo: c.reason ?? undefined,
          metadata: { livebase_charge_id: c.id },
        },
        on(`livebase-credit-note-${c.id}-${paid ? "refund" : "credit"}`),
      );
    }
    const refunded = (note.refunds ?? []).length > 0 || paid;
    await db
      .update(charges)
      .set({ status: refunded ? "paid" : "invoiced", stripeCreditNoteId: note.id })
      .where(eq(charges.id, c.id));
    done++;
  }
  if (done > 0) {
    // What our ledger has refunded; the charge.refunded webhook may raise it further (refunds made in Stripe).
    const ours = sql`(select coalesce(-sum(amount_cents), 0) from charges where invoice_id = ${inv.id} and kind = 'credit' and status = 'paid')`;
    await db
      .update(invoices)
      .set({ amountRefundedCents: sql`greatest(${invoices.amountRefundedCents}, ${ours})`, updatedAt: now })
      .where(eq(invoices.id, inv.id));
    const status = await applyStripeInvoice(
      db,
      await stripe.invoices.retrieve(inv.stripeInvoiceId, { expand: ["payments"] }, on()),
      now,
      undefined,
      at.account,
    );
    if (status === "paid") await recordInvoiceFee(db, at, inv.id);
  }
  return { done, waiting };
}
