import { and, eq, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { chargeScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { isUuid } from "@/kernel/ids";

export type Charge = typeof charges.$inferSelect;

/** A charge still owed: not yet paid and not void (pending, on an invoice, or its payment failed). */
export const OUTSTANDING_CHARGE_STATUSES = ["pending", "invoiced", "failed"] as const;

export type LedgerError = "not_found" | "forbidden" | "not_voidable" | "not_creditable" | "invalid";

/** Which charges and invoices an actor may see: `chargeScope` (a creator their own, who manages billing all). */
export function visibleCharges(actor: Actor): SQL {
  return scopeWhere(actor, chargeScope(actor), { workspace: charges.workspaceId, creator: charges.creatorId });
}

export function visibleInvoices(actor: Actor): SQL {
  return scopeWhere(actor, chargeScope(actor), { workspace: invoices.workspaceId, creator: invoices.creatorId });
}

export async function lockCharge(tx: DbOrTx, actor: Actor, chargeId: string) {
  if (!isUuid(chargeId)) return null;
  const [row] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.id, chargeId), visibleCharges(actor)))
    .for("update");
  return row ?? null;
}

export const SESSION_KINDS = ["room_time", "add_on", "overtime"] as const;

export const isSessionLine = (c: Charge) =>
  c.bookingId !== null && (SESSION_KINDS as readonly string[]).includes(c.kind);

/** The tax line on a charge: its own (a fee's, a night's), or its session's. Null when it has none. */
export async function taxLineOf(tx: DbOrTx, c: Charge) {
  if (c.kind === "tax" || c.kind === "credit") return null;
  const where = isSessionLine(c)
    ? eq(charges.idempotencyKey, `tax:session:${c.bookingId}`)
    : eq(charges.taxedChargeId, c.id);
  const [line] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.workspaceId, c.workspaceId), eq(charges.kind, "tax"), ne(charges.status, "void"), where))
    .for("update");
  return line ?? null;
}
