import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "@/db/client";
import { charges, invoices, type InvoiceStatus } from "@/db/schema";
import { isUuid } from "@/kernel/ids";

const RANK: Record<InvoiceStatus, number> = {
  draft: 0,
  not_sent: 0,
  open: 1,
  failed: 2,
  uncollectible: 3,
  paid: 4,
  void: 4,
};

/**
 * Our status for a Stripe invoice. An open invoice whose automatic charge was attempted and left money due is
 * "failed": the creator pays it through its hosted link. Statuses only move forward (draft → open → failed →
 * uncollectible → paid or void; paid and void are final), so a slow read of an older state never undoes a newer one.
 */
export function statusFromStripe(
  si: Pick<Stripe.Invoice, "status" | "attempted" | "attempt_count" | "amount_remaining">,
  current: InvoiceStatus,
): InvoiceStatus {
  if (current === "paid" || current === "void") return current;
  let next: InvoiceStatus;
  switch (si.status) {
    case "paid":
      next = "paid";
      break;
    case "void":
      next = "void";
      break;
    case "uncollectible":
      next = "uncollectible";
      break;
    case "open":
      next = si.attempted && (si.attempt_count ?? 0) > 0 && si.amount_remaining > 0 ? "failed" : "open";
      break;
    default:
      return current; // a draft at Stripe is still ours to send
  }
  return RANK[next] >= RANK[current] ? next : current;
}

/**
 * Makes our invoice (and its charges) agree with Stripe's current invoice. Called with an object just read from
 * Stripe, never with a webhook's payload, so the result does not depend on the order or number of events.
 */
/** `account`: the account `si` was read from ("" = the server's own); an invoice of ours on another is left alone. */
export async function applyStripeInvoice(
  db: DbOrTx,
  si: Stripe.Invoice,
  now: Date,
  failureMessage?: string,
  account = "",
) {
  const ourId = isUuid(si.metadata?.livebase_invoice_id) ? si.metadata!.livebase_invoice_id : undefined;
  const [inv] = await db
    .select()
    .from(invoices)
    .where(si.id && ourId ? eq(invoices.id, ourId) : eq(invoices.stripeInvoiceId, si.id ?? ""));
  if (!inv || (inv.stripeInvoiceId && inv.stripeInvoiceId !== si.id)) return null; // not ours
  // Sent on one account, never synced from another (the row's account is fixed before its first Stripe object).
  if ((inv.stripeAccount ?? "") !== account) return null;
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
      failureMessage:
        status === "failed" || status === "uncollectible"
          ? (failureMessage ?? inv.failureMessage ?? "The card was declined.")
          : null,
      paidAt:
        status === "paid"
          ? (inv.paidAt ?? (si.status_transitions?.paid_at ? new Date(si.status_transitions.paid_at * 1000) : now))
          : inv.paidAt,
      updatedAt: now,
    })
    .where(eq(invoices.id, inv.id));
  // The charges follow the invoice. An uncollectible one is still owed (it blocks booking like a failed one).
  const chargeStatus =
    status === "paid"
      ? "paid"
      : status === "failed" || status === "uncollectible"
        ? "failed"
        : status === "void"
          ? "void"
          : status === "open"
            ? "invoiced"
            : null;
  if (chargeStatus) {
    await db
      .update(charges)
      .set({
        status: chargeStatus,
        ...(chargeStatus === "void" ? { voidReason: "The invoice was voided in Stripe.", voidedAt: now } : {}),
      })
      .where(
        and(eq(charges.invoiceId, inv.id), ne(charges.kind, "credit"), inArray(charges.status, ["invoiced", "failed"])),
      );
  }
  // Credits already applied as credit notes settle with their invoice; on a voided one they have nothing to correct.
  if (status === "paid") {
    await db
      .update(charges)
      .set({ status: "paid" })
      .where(
        and(
          eq(charges.invoiceId, inv.id),
          eq(charges.kind, "credit"),
          eq(charges.status, "invoiced"),
          isNotNull(charges.stripeCreditNoteId),
        ),
      );
  } else if (status === "void") {
    await db
      .update(charges)
      .set({ status: "void", voidReason: "The invoice was voided in Stripe.", voidedAt: now })
      .where(
        and(
          eq(charges.invoiceId, inv.id),
          eq(charges.kind, "credit"),
          inArray(charges.status, ["pending", "invoiced"]),
        ),
      );
  }
  return status;
}
