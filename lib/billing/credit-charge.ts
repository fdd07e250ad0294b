import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, charges, invoices } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { formatMoney, toMinorUnits } from "../money";
import { taxOnNet } from "../pricing";
import { fail, ok, type Result } from "../result";
import { isUuid } from "@/kernel/ids";
import { type Charge, type LedgerError, visibleCharges, lockCharge, taxLineOf } from "./charge-access";
import { creditChargeSchema } from "./schemas";

/**
 * Credits an invoiced charge, in part or whole: a new negative row that names the charge it corrects. When the
 * invoice is at Stripe, the invoicing job turns it into a credit note (which refunds the card if the invoice
 * was paid); otherwise it lowers what the local invoice asks for.
 */
export async function creditCharge(
  db: Db,
  actor: Actor,
  chargeId: string,
  input: z.infer<typeof creditChargeSchema>,
  now: Date,
): Promise<Result<Charge, LedgerError>> {
  return db.transaction(async (tx) => {
    // Lock order: the invoice, then its charges, like recordOfflinePayment and the invoicing job (no deadlock).
    if (!isUuid(chargeId)) return fail("not_found");
    const [seen] = await tx
      .select({ invoiceId: charges.invoiceId })
      .from(charges)
      .where(and(eq(charges.id, chargeId), visibleCharges(actor)));
    if (!seen) return fail("not_found");
    if (seen.invoiceId)
      await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, seen.invoiceId)).for("update");
    const c = await lockCharge(tx, actor, chargeId);
    if (!c) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can credit charges." });
    if (input.requestId) {
      const [same] = await tx
        .select()
        .from(charges)
        .where(and(eq(charges.workspaceId, c.workspaceId), eq(charges.idempotencyKey, `credit:${input.requestId}`)));
      if (same)
        return same.correctsChargeId === c.id
          ? ok(same)
          : fail("invalid", { message: "This request id was used for another credit." });
    }
    if (c.kind === "credit") return fail("not_creditable", { message: "A credit cannot be credited." });
    if (!c.invoiceId || !["invoiced", "paid", "failed"].includes(c.status)) {
      return fail("not_creditable", {
        message:
          c.status === "pending"
            ? "This charge is not invoiced yet: void it instead."
            : `A ${c.status} charge cannot be credited.`,
      });
    }
    const [inv] = await tx.select().from(invoices).where(eq(invoices.id, c.invoiceId)).for("update");
    if (inv.status === "void" || inv.status === "draft")
      return fail("not_creditable", {
        message:
          inv.status === "void"
            ? "The invoice was voided."
            : "The invoice is being sent to Stripe; try again in a minute.",
      });
    const [{ credited }] = await tx
      .select({ credited: sql<number>`coalesce(-sum(${charges.amountCents}), 0)::int` })
      .from(charges)
      .where(and(eq(charges.correctsChargeId, c.id), ne(charges.status, "void")));
    // The amount is in the charge's currency, whose minor unit may not be a cent (JPY has none).
    const amount = toMinorUnits(input.amount, c.currency);
    if (!amount.ok) return fail("invalid", { fieldErrors: { amount: [amount.message] } });
    const cents = amount.minor;
    const left = c.amountCents - credited;
    if (cents > left)
      return fail("invalid", {
        fieldErrors: { amount: [`At most ${formatMoney(left, c.currency)} can still be credited.`] },
      });
    const atStripe = inv.stripeInvoiceId !== null;
    const [row] = await tx
      .insert(charges)
      .values({
        workspaceId: c.workspaceId,
        creatorId: c.creatorId,
        kind: "credit",
        bookingId: c.bookingId,
        storageReservationId: c.storageReservationId,
        description: `Credit: ${c.description}`,
        quantity: 1,
        unitAmountCents: -cents,
        amountCents: -cents,
        currency: c.currency,
        // Local invoices take the credit at once; Stripe's get it from the invoicing job (a credit note).
        status: atStripe ? "pending" : "invoiced",
        idempotencyKey: `credit:${input.requestId ?? crypto.randomUUID()}`,
        invoiceId: inv.id,
        correctsChargeId: c.id,
        reason: input.reason,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    // The tax on what is credited goes back with it, in proportion (net × rate), never more than is left of it.
    let taxBack = 0;
    const line = await taxLineOf(tx, c);
    if (line && line.invoiceId === inv.id && line.taxRate !== null) {
      const [{ taxCredited }] = await tx
        .select({ taxCredited: sql<number>`coalesce(-sum(${charges.amountCents}), 0)::int` })
        .from(charges)
        .where(and(eq(charges.correctsChargeId, line.id), ne(charges.status, "void")));
      taxBack = Math.min(line.amountCents - taxCredited, taxOnNet(cents, line.taxRate));
      if (taxBack > 0) {
        await tx.insert(charges).values({
          workspaceId: c.workspaceId,
          creatorId: c.creatorId,
          kind: "credit",
          bookingId: line.bookingId,
          storageReservationId: line.storageReservationId,
          description: `Credit: ${line.description}`,
          quantity: 1,
          unitAmountCents: -taxBack,
          amountCents: -taxBack,
          currency: c.currency,
          status: atStripe ? "pending" : "invoiced",
          idempotencyKey: `${row.idempotencyKey}:tax`,
          invoiceId: inv.id,
          correctsChargeId: line.id,
          reason: input.reason,
          createdBy: actor.userId,
          createdAt: now,
        });
      }
    }
    if (atStripe) await tx.update(invoices).set({ nextAttemptAt: now, updatedAt: now }).where(eq(invoices.id, inv.id));
    else
      await tx
        .update(invoices)
        .set({
          amountDueCents: sql`greatest(${invoices.amountDueCents} - ${cents + Math.max(taxBack, 0)}, 0)`,
          updatedAt: now,
        })
        .where(eq(invoices.id, inv.id));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "charge.credited",
      subjectType: "charge",
      subjectId: c.id,
      data: { creditId: row.id, amountCents: cents, currency: c.currency, reason: input.reason },
    });
    return ok(row);
  });
}
