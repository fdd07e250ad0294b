import { and, eq, inArray, ne } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "@/db/client";
import { charges, invoices, type InvoiceStatus } from "@/db/schema";

/**
 * Our status for a Stripe invoice. An open invoice whose automatic charge was attempted and left money due is
 * "failed": the creator pays it through its hosted link. Paid is final; nothing moves an invoice back from it.
 */
export function statusFromStripe(si: Pick<Stripe.Invoice, "status" | "attempted" | "attempt_count" | "amount_remaining">, current: InvoiceStatus): InvoiceStatus {
  if (current === "paid") return "paid";
  switch (si.status) {
    case "paid":
      return "paid";
    case "open":
      return si.attempted && (si.attempt_count ?? 0) > 0 && si.amount_remaining > 0 ? "failed" : current === "failed" ? "failed" : "open";
    case "void":
      return "void";
    case "uncollectible":
      return "uncollectible";
    default:
      return current; // a draft at Stripe is still ours to send
  }
}

/**
 * Makes our invoice (and its charges) agree with Stripe's current invoice. Called with an object just read from
 * Stripe, never with a webhook's payload, so the result does not depend on the order or number of events.
 */
export async function applyStripeInvoice(db: DbOrTx, si: Stripe.Invoice, now: Date, failureMessage?: string) {
  const ourId = si.metadata?.livebase_invoice_id;
  const [inv] = await db
    .select()
    .from(invoices)
    .where(si.id && ourId ? eq(invoices.id, ourId) : eq(invoices.stripeInvoiceId, si.id ?? ""));
  if (!inv || (inv.stripeInvoiceId && inv.stripeInvoiceId !== si.id)) return null; // not ours
  const status = statusFromStripe(si, inv.status);
  const payment = si.payments?.data.find((p) => p.payment?.type === "payment_intent")?.payment?.payment_intent;
  await db
    .update(invoices)
    .set({
      stripeInvoiceId: si.id,
      status,
      amountDueCents: si.amount_due,
      amountPaidCents: si.amount_paid,
      hostedInvoiceUrl: si.hosted_invoice_url ?? inv.hostedInvoiceUrl,
      pdfUrl: si.invoice_pdf ?? inv.pdfUrl,
      stripePaymentIntentId: (typeof payment === "string" ? payment : payment?.id) ?? inv.stripePaymentIntentId,
      failureMessage: status === "failed" ? (failureMessage ?? inv.failureMessage ?? "The card was declined.") : null,
      paidAt: status === "paid" ? (inv.paidAt ?? (si.status_transitions?.paid_at ? new Date(si.status_transitions.paid_at * 1000) : now)) : inv.paidAt,
      updatedAt: now,
    })
    .where(eq(invoices.id, inv.id));
  // The charges follow the invoice (credits keep their own status: they are settled by credit notes).
  const chargeStatus = status === "paid" ? "paid" : status === "failed" ? "failed" : status === "void" ? "void" : status === "open" ? "invoiced" : null;
  if (chargeStatus) {
    await db
      .update(charges)
      .set({ status: chargeStatus, ...(chargeStatus === "void" ? { voidReason: "The invoice was voided in Stripe.", voidedAt: now } : {}) })
      .where(and(eq(charges.invoiceId, inv.id), ne(charges.kind, "credit"), inArray(charges.status, ["invoiced", "failed"])));
  }
  return status;
}
