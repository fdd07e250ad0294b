import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, charges, invoices } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { isUuid } from "@/kernel/ids";
import { type LedgerError, visibleInvoices } from "./charge-access";
import { offlinePaymentSchema } from "./schemas";

/**
 * Without Stripe, invoices live in our ledger ("not sent"); a manager records that one was paid some other way
 * (cash, bank transfer). Its charges become paid; the note and who recorded it go to the audit log.
 */
export async function recordOfflinePayment(
  db: Db,
  actor: Actor,
  invoiceId: string,
  input: z.infer<typeof offlinePaymentSchema>,
  now: Date,
): Promise<Result<typeof invoices.$inferSelect, LedgerError>> {
  return db.transaction(async (tx) => {
    if (!isUuid(invoiceId)) return fail("not_found");
    const [inv] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), visibleInvoices(actor)))
      .for("update");
    if (!inv) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can record payments." });
    if (inv.status === "paid") return ok(inv);
    if (inv.status !== "not_sent")
      return fail("invalid", {
        message: "Only invoices kept outside Stripe are recorded as paid here; Stripe reports the others.",
      });
    const [row] = await tx
      .update(invoices)
      .set({ status: "paid", paidAt: now, amountPaidCents: inv.amountDueCents, updatedAt: now })
      .where(eq(invoices.id, inv.id))
      .returning();
    // Credits already taken off this invoice are settled with it.
    await tx
      .update(charges)
      .set({ status: "paid" })
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.status, "invoiced")));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "invoice.paid_offline",
      subjectType: "invoice",
      subjectId: inv.id,
      data: { note: input.note, amountCents: inv.amountDueCents, currency: inv.currency },
    });
    return ok(row);
  });
}
