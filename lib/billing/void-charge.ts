import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, charges } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { taxOnNet } from "../pricing";
import { fail, ok, type Result } from "../result";
import { type Charge, type LedgerError, lockCharge, SESSION_KINDS, isSessionLine, taxLineOf } from "./charge-access";
import { voidChargeSchema } from "./schemas";

/**
 * Voids a charge that is not on an invoice yet (a mistake caught during the invoice delay). The row stays,
 * with the reason, who and when; it is never invoiced. Anything already invoiced is corrected with a credit.
 */
export async function voidCharge(
  db: Db,
  actor: Actor,
  chargeId: string,
  input: z.infer<typeof voidChargeSchema>,
  now: Date,
): Promise<Result<Charge, LedgerError>> {
  return db.transaction(async (tx) => {
    const c = await lockCharge(tx, actor, chargeId);
    if (!c) return fail("not_found");
    if (!can(actor, "billing.manage")) return fail("forbidden", { message: "Only managers can void charges." });
    if (c.status === "void") return ok(c);
    if (c.status !== "pending" || c.invoiceId)
      return fail("not_voidable", { message: "This charge is already on an invoice: credit it instead." });
    const [row] = await tx
      .update(charges)
      .set({ status: "void", voidReason: input.reason, voidedBy: actor.userId, voidedAt: now })
      .where(eq(charges.id, c.id))
      .returning();
    await retaxAfterVoid(tx, c, { reason: input.reason, userId: actor.userId, now });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "charge.voided",
      subjectType: "charge",
      subjectId: c.id,
      data: { reason: input.reason, amountCents: c.amountCents, currency: c.currency },
    });
    return ok(row);
  });
}

/**
 * A voided charge takes its tax with it: a fee's or a night's tax line is voided too; a session's is worked out again
 * on what is left of the session (net × rate, `taxOnNet`), and voided when nothing is.
 */
async function retaxAfterVoid(tx: DbOrTx, c: Charge, by: { reason: string; userId: string; now: Date }) {
  const line = await taxLineOf(tx, c);
  if (!line || line.status !== "pending" || line.invoiceId || line.taxRate === null) return;
  let amount = 0;
  let base = 0;
  if (isSessionLine(c)) {
    const [{ net }] = await tx
      .select({ net: sql<number>`coalesce(sum(${charges.amountCents}), 0)::int` })
      .from(charges)
      .where(
        and(
          eq(charges.workspaceId, c.workspaceId),
          eq(charges.bookingId, c.bookingId!),
          inArray(charges.kind, [...SESSION_KINDS]),
          ne(charges.status, "void"),
        ),
      );
    base = Math.max(net, 0);
    amount = taxOnNet(base, line.taxRate);
  }
  if (amount > 0)
    await tx
      .update(charges)
      .set({ amountCents: amount, unitAmountCents: amount, quantity: 1, taxableCents: base })
      .where(eq(charges.id, line.id));
  else
    await tx
      .update(charges)
      .set({ status: "void", voidReason: `Its charge was voided: ${by.reason}`, voidedBy: by.userId, voidedAt: by.now })
      .where(eq(charges.id, line.id));
}
