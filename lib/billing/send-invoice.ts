import { and, asc, eq, isNotNull, isNull, ne, notInArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { logger } from "../logger";
import { ensureStripeCustomer } from "./customers";
import { platformFee, syncInvoiceFee } from "./platform-fees";
import { onAccount, type StripeAt } from "./stripe-client";
import { applyStripeInvoice } from "./sync-invoice";

type Invoice = typeof invoices.$inferSelect;
type Charge = typeof charges.$inferSelect;

/*
 * Stripe keeps the first answer to an idempotency key for 24 hours (500s included) and then forgets it. So a
 * retry with the same key is safe within the day, and every create below first looks for the object at Stripe by
 * our id in its metadata (list endpoints, which are consistent): after a lost answer or an expired key, what
 * already exists is adopted instead of made twice.
 *
 * Every call names the account the invoice lives on (`at.account`: "" for the server's own, else the workspace's
 * connected account, sent as Stripe-Account), fixed on the invoice row before its first object is made.
 */

async function findStripeInvoice({ stripe, account }: StripeAt, customer: string, ourId: string) {
  let seen = 0;
  for await (const i of stripe.invoices.list({ customer, limit: 100 }, onAccount(account))) {
    if (i.metadata?.livebase_invoice_id === ourId) return i;
    if (++seen >= 300) break; // newest first: ours is among the recent ones
  }
  return null;
}

async function stripeItemsByCharge({ stripe, account }: StripeAt, invoice: string) {
  const byCharge = new Map<string, string>();
  for await (const item of stripe.invoiceItems.list({ invoice, limit: 100 }, onAccount(account))) {
    const charge = item.metadata?.livebase_charge_id;
    if (charge) byCharge.set(charge, item.id);
  }
  return byCharge;
}

/**
 * The customer, the invoice, one item per charge, the platform's fee (on a connected account), finalize, pay:
 * each step skipped when already done. `at.account` must be the invoice's own account (see sendDueInvoices).
 */
export async function pushInvoice(
  db: Db,
  at: StripeAt,
  inv: Invoice,
  now: Date,
  opts: { feeBasisPoints?: number } = {},
) {
  const { stripe } = at;
  const on = (key?: string) => onAccount(at.account, key);
  const customer = await ensureStripeCustomer(db, at, inv.workspaceId, inv.creatorId);
  let stripeInvoiceId = inv.stripeInvoiceId ?? (await findStripeInvoice(at, customer, inv.id))?.id ?? null;
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
      on(`livebase-invoice-${inv.id}`),
    );
    stripeInvoiceId = created.id;
  }
  if (stripeInvoiceId !== inv.stripeInvoiceId)
    await db.update(invoices).set({ stripeInvoiceId }).where(eq(invoices.id, inv.id));

  let si = await stripe.invoices.retrieve(stripeInvoiceId, {}, on());
  if (si.status === "draft") {
    const items = await db
      .select()
      .from(charges)
      .where(
        and(
          eq(charges.invoiceId, inv.id),
          ne(charges.kind, "credit"),
          isNull(charges.stripeInvoiceItemId),
          eq(charges.status, "invoiced"),
        ),
      )
      .orderBy(asc(charges.createdAt), asc(charges.idempotencyKey));
    const atStripe = items.length > 0 ? await stripeItemsByCharge(at, stripeInvoiceId) : new Map<string, string>();
    for (const c of items) {
      const itemId =
        atStripe.get(c.id) ??
        (
          await stripe.invoiceItems.create(
            {
              customer,
              invoice: stripeInvoiceId,
              amount: c.amountCents,
              currency: c.currency.toLowerCase(),
              description: c.description,
              metadata: { livebase_charge_id: c.id },
            },
            on(`livebase-invoice-item-${c.id}`),
          )
        ).id;
      await db.update(charges).set({ stripeInvoiceItemId: itemId }).where(eq(charges.id, c.id));
    }
    if (at.account) {
      // The platform's fee, on what the studio earns from the items now on Stripe's invoice: tax lines are the
      // government's, not revenue, so they are not in its base (as the reports never count tax as revenue). Set on
      // every send of a draft (the invoice object does not show it back); our ledger records what Stripe then
      // takes, from the application fee object, after payment.
      const [base] = await db
        .select({ cents: sql<string>`coalesce(sum(${charges.amountCents}), 0)` })
        .from(charges)
        .where(
          and(
            eq(charges.invoiceId, inv.id),
            eq(charges.status, "invoiced"),
            isNotNull(charges.stripeInvoiceItemId),
            notInArray(charges.kind, ["credit", "tax"]),
          ),
        );
      const fee = platformFee(Number(base?.cents ?? 0), opts.feeBasisPoints ?? 0);
      await stripe.invoices.update(
        stripeInvoiceId,
        { application_fee_amount: fee },
        on(`livebase-invoice-fee-${inv.id}-${fee}`),
      );
    }
    // auto_advance from here on: Stripe's own retries (Smart Retries) follow a failed first charge.
    si = await stripe.invoices.finalizeInvoice(
      stripeInvoiceId,
      { auto_advance: true },
      on(`livebase-invoice-finalize-${inv.id}`),
    );
  }
  // Anything on our invoice that did not make it onto Stripe's before it was finalized goes back to be invoiced
  // on its own, instead of being marked paid with an invoice that never asked for it.
  await db
    .update(charges)
    .set({ status: "pending", invoiceId: null })
    .where(
      and(
        eq(charges.invoiceId, inv.id),
        ne(charges.kind, "credit"),
        isNull(charges.stripeInvoiceItemId),
        eq(charges.status, "invoiced"),
      ),
    );

  let failure: string | undefined;
  if (si.status === "open" && !si.attempted) {
    try {
      si = await stripe.invoices.pay(stripeInvoiceId, { expand: ["payments"] }, on(`livebase-invoice-pay-${inv.id}`));
    } catch (err) {
      // A declined card or no card on file is an answer, not an outage: the invoice is failed, the creator pays it.
      if (!(
        err instanceof Stripe.errors.StripeCardError ||
        (err instanceof Stripe.errors.StripeInvalidRequestError &&
          !(err instanceof Stripe.errors.StripeIdempotencyError))
      ))
        throw err;
      failure = err.message;
      si = await stripe.invoices.retrieve(stripeInvoiceId, { expand: ["payments"] }, on());
      if (si.status === "open" && !si.attempted)
        si = { ...si, attempted: true, attempt_count: Math.max(1, si.attempt_count ?? 0) };
    }
  } else if (!si.payments) {
    si = await stripe.invoices.retrieve(stripeInvoiceId, { expand: ["payments"] }, on());
  }
  await db
    .update(invoices)
    .set({ sentAt: inv.sentAt ?? now })
    .where(eq(invoices.id, inv.id));
  const status = await applyStripeInvoice(db, si, now, failure, at.account);
  if (status === "paid") await recordFee(db, at, inv.id);
  return status;
}

/**
 * Records the fee Stripe took (or returned) on a paid invoice. A failure here loses nothing: the
 * application_fee.* webhooks record it too, and the next credit on the invoice tries again.
 */
async function recordFee(db: Db, at: StripeAt, invoiceId: string) {
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
    if (status === "paid") await recordFee(db, at, inv.id);
  }
  return { done, waiting };
}
