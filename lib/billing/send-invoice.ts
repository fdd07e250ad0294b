import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { ensureStripeCustomer } from "./customers";
import { applyStripeInvoice } from "./sync-invoice";

type Invoice = typeof invoices.$inferSelect;

/*
 * Stripe keeps the first answer to an idempotency key for 24 hours (500s included) and then forgets it. So a
 * retry with the same key is safe within the day, and every create below first looks for the object at Stripe by
 * our id in its metadata (list endpoints, which are consistent): after a lost answer or an expired key, what
 * already exists is adopted instead of made twice.
 */

async function findStripeInvoice(stripe: Stripe, customer: string, ourId: string) {
  let seen = 0;
  for await (const i of stripe.invoices.list({ customer, limit: 100 })) {
    if (i.metadata?.livebase_invoice_id === ourId) return i;
    if (++seen >= 300) break; // newest first: ours is among the recent ones
  }
  return null;
}

async function stripeItemsByCharge(stripe: Stripe, invoice: string) {
  const byCharge = new Map<string, string>();
  for await (const item of stripe.invoiceItems.list({ invoice, limit: 100 })) {
    const charge = item.metadata?.livebase_charge_id;
    if (charge) byCharge.set(charge, item.id);
  }
  return byCharge;
}

/** The customer, the invoice, one item per charge, finalize, pay: each step skipped when already done. */
export async function pushInvoice(db: Db, stripe: Stripe, inv: Invoice, now: Date) {
  const customer = await ensureStripeCustomer(db, stripe, inv.workspaceId, inv.creatorId);
  let stripeInvoiceId = inv.stripeInvoiceId ?? (await findStripeInvoice(stripe, customer, inv.id))?.id ?? null;
  if (!stripeInvoiceId) {
    const created = await stripe.invoices.create(
      {
        customer,
        currency: inv.currency.toLowerCase(),
        collection_method: "charge_automatically",
        auto_advance: false,
        pending_invoice_items_behavior: "exclude",
        description: inv.description || undefined,
        metadata: { livebase_invoice_id: inv.id, livebase_workspace_id: inv.workspaceId },
      },
      { idempotencyKey: `livebase-invoice-${inv.id}` },
    );
    stripeInvoiceId = created.id;
  }
  if (stripeInvoiceId !== inv.stripeInvoiceId) await db.update(invoices).set({ stripeInvoiceId }).where(eq(invoices.id, inv.id));

  let si = await stripe.invoices.retrieve(stripeInvoiceId);
  if (si.status === "draft") {
    const items = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), ne(charges.kind, "credit"), isNull(charges.stripeInvoiceItemId), eq(charges.status, "invoiced")))
      .orderBy(asc(charges.createdAt), asc(charges.idempotencyKey));
    const atStripe = items.length > 0 ? await stripeItemsByCharge(stripe, stripeInvoiceId) : new Map<string, string>();
    for (const c of items) {
      const itemId =
        atStripe.get(c.id) ??
        (
          await stripe.invoiceItems.create(
            { customer, invoice: stripeInvoiceId, amount: c.amountCents, currency: c.currency.toLowerCase(), description: c.description, metadata: { livebase_charge_id: c.id } },
            { idempotencyKey: `livebase-invoice-item-${c.id}` },
          )
        ).id;
      await db.update(charges).set({ stripeInvoiceItemId: itemId }).where(eq(charges.id, c.id));
    }
    // auto_advance from here on: Stripe's own retries (Smart Retries) follow a failed first charge.
    si = await stripe.invoices.finalizeInvoice(stripeInvoiceId, { auto_advance: true }, { idempotencyKey: `livebase-invoice-finalize-${inv.id}` });
  }
  // Anything on our invoice that did not make it onto Stripe's before it was finalized goes back to be invoiced
  // on its own, instead of being marked paid with an invoice that never asked for it.
  await db
    .update(charges)
    .set({ status: "pending", invoiceId: null })
    .where(and(eq(charges.invoiceId, inv.id), ne(charges.kind, "credit"), isNull(charges.stripeInvoiceItemId), eq(charges.status, "invoiced")));

  let failure: string | undefined;
  if (si.status === "open" && !si.attempted) {
    try {
      si = await stripe.invoices.pay(stripeInvoiceId, { expand: ["payments"] }, { idempotencyKey: `livebase-invoice-pay-${inv.id}` });
    } catch (err) {
      // A declined card or no card on file is an answer, not an outage: the invoice is failed, the creator pays it.
      if (!(err instanceof Stripe.errors.StripeCardError || (err instanceof Stripe.errors.StripeInvalidRequestError && !(err instanceof Stripe.errors.StripeIdempotencyError)))) throw err;
      failure = err.message;
      si = await stripe.invoices.retrieve(stripeInvoiceId, { expand: ["payments"] });
      if (si.status === "open" && !si.attempted) si = { ...si, attempted: true, attempt_count: Math.max(1, si.attempt_count ?? 0) };
    }
  } else if (!si.payments) {
    si = await stripe.invoices.retrieve(stripeInvoiceId, { expand: ["payments"] });
  }
  await db.update(invoices).set({ sentAt: inv.sentAt ?? now }).where(eq(invoices.id, inv.id));
  return applyStripeInvoice(db, si, now, failure);
}

/**
 * Credits of an invoice at Stripe become credit notes: a refund to the card when it was paid, else less to pay.
 * The key names the kind of note, since its parameters differ (an invoice paid between two attempts gets a
 * refunding note under a new key, after the lookup found no note of ours).
 */
export async function pushCredits(db: Db, stripe: Stripe, invoiceId: string, now: Date): Promise<{ done: number; waiting: number }> {
  const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!inv?.stripeInvoiceId) return { done: 0, waiting: 0 };
  const credits = await db.select().from(charges).where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "credit"), eq(charges.status, "pending"))).orderBy(asc(charges.createdAt));
  if (credits.length === 0) return { done: 0, waiting: 0 };
  const notes = new Map<string, Stripe.CreditNote>();
  for await (const n of stripe.creditNotes.list({ invoice: inv.stripeInvoiceId, limit: 100 })) if (n.metadata?.livebase_charge_id) notes.set(n.metadata.livebase_charge_id, n);
  let done = 0;
  let waiting = 0;
  for (const c of credits) {
    const si = await stripe.invoices.retrieve(inv.stripeInvoiceId);
    if (si.status === "void") {
      // Nothing is owed on a voided invoice: the credit has nothing left to correct.
      await db.update(charges).set({ status: "void", voidReason: "The invoice was voided in Stripe.", voidedAt: now }).where(eq(charges.id, c.id));
      continue;
    }
    if (si.status === "draft") {
      waiting++;
      continue;
    }
    const cents = -c.amountCents;
    const paid = si.status === "paid";
    const note =
      notes.get(c.id) ??
      (await stripe.creditNotes.create(
        {
          invoice: inv.stripeInvoiceId,
          lines: [{ type: "custom_line_item", description: c.description, quantity: 1, unit_amount: cents }],
          ...(paid ? { refund_amount: cents } : {}),
          memo: c.reason ?? undefined,
          metadata: { livebase_charge_id: c.id },
        },
        { idempotencyKey: `livebase-credit-note-${c.id}-${paid ? "refund" : "credit"}` },
      ));
    const refunded = (note.refunds ?? []).length > 0 || paid;
    await db.update(charges).set({ status: refunded ? "paid" : "invoiced", stripeCreditNoteId: note.id }).where(eq(charges.id, c.id));
    done++;
  }
  if (done > 0) {
    // What our ledger has refunded; the charge.refunded webhook may raise it further (refunds made in Stripe).
    const ours = sql`(select coalesce(-sum(amount_cents), 0) from charges where invoice_id = ${inv.id} and kind = 'credit' and status = 'paid')`;
    await db.update(invoices).set({ amountRefundedCents: sql`greatest(${invoices.amountRefundedCents}, ${ours})`, updatedAt: now }).where(eq(invoices.id, inv.id));
    await applyStripeInvoice(db, await stripe.invoices.retrieve(inv.stripeInvoiceId, { expand: ["payments"] }), now);
  }
  return { done, waiting };
}
