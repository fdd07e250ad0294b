import { and, asc, eq, isNotNull, isNull, ne, notInArray, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { ensureStripeCustomer } from "./customers";
import { platformFee, recordInvoiceFee } from "./platform-fees";
import { onAccount, type StripeAt } from "./stripe-client";
import { applyStripeInvoice } from "./sync-invoice";

type Invoice = typeof invoices.$inferSelect;

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
  if (status === "paid") await recordInvoiceFee(db, at, inv.id);
  return status;
}
