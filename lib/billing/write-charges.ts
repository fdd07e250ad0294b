import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { charges } from "@/db/schema";

export type ChargeRow = typeof charges.$inferInsert & { taxesKey?: string };

/**
 * Writes charges keyed by cause (a key already there writes nothing), then their tax lines, each tax line of a
 * single charge (a fee, a storage night) naming that charge, so it is invoiced, voided and credited with it. Call it
 * inside the transaction of what caused them. Answers the charges written that are not tax.
 */
export async function writeChargeRows(tx: DbOrTx, rows: ChargeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const strip = ({ taxesKey: _taxesKey, ...row }: ChargeRow) => row;
  const taxes = rows.filter((r) => r.kind === "tax");
  const others = rows.filter((r) => r.kind !== "tax").map(strip);
  const written = others.length
    ? await tx.insert(charges).values(others).onConflictDoNothing().returning({ id: charges.id })
    : [];
  if (taxes.length === 0) return written.length;
  const keys = taxes.map((t) => t.taxesKey).filter((k): k is string => Boolean(k));
  const taxed = keys.length
    ? await tx
        .select({ id: charges.id, key: charges.idempotencyKey })
        .from(charges)
        .where(and(eq(charges.workspaceId, taxes[0].workspaceId), inArray(charges.idempotencyKey, keys)))
    : [];
  const idOf = new Map(taxed.map((t) => [t.key, t.id]));
  await tx
    .insert(charges)
    .values(taxes.map((t) => ({ ...strip(t), taxedChargeId: t.taxesKey ? (idOf.get(t.taxesKey) ?? null) : null })))
    .onConflictDoNothing();
  return written.length;
}
