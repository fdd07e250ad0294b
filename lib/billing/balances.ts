import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { charges, invoices } from "@/db/schema";
import { OUTSTANDING_CHARGE_STATUSES } from "./charge-access";

/** What a creator owes, per currency: every charge not void and not paid (credits lower it), and failed invoices. */
export async function creatorBalance(db: DbOrTx, workspaceId: string, creatorId: string) {
  const owed = await db
    .select({ currency: charges.currency, cents: sql<number>`sum(${charges.amountCents})::int` })
    .from(charges)
    .where(
      and(
        eq(charges.workspaceId, workspaceId),
        eq(charges.creatorId, creatorId),
        inArray(charges.status, [...OUTSTANDING_CHARGE_STATUSES]),
      ),
    )
    .groupBy(charges.currency);
  const failed = await db
    .select({
      id: invoices.id,
      amountDueCents: invoices.amountDueCents,
      currency: invoices.currency,
      hostedInvoiceUrl: invoices.hostedInvoiceUrl,
      description: invoices.description,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.workspaceId, workspaceId),
        eq(invoices.creatorId, creatorId),
        inArray(invoices.status, ["failed", "uncollectible"]),
      ),
    );
  return { outstanding: owed.filter((o) => o.cents !== 0), failedInvoices: failed };
}

/** How much of each of a creator's charges has been credited so far (not counting void credits). */
export async function creditedByCharge(db: DbOrTx, workspaceId: string, creatorId: string) {
  const rows = await db
    .select({ chargeId: charges.correctsChargeId, cents: sql<number>`(-sum(${charges.amountCents}))::int` })
    .from(charges)
    .where(
      and(
        eq(charges.workspaceId, workspaceId),
        eq(charges.creatorId, creatorId),
        isNotNull(charges.correctsChargeId),
        ne(charges.status, "void"),
      ),
    )
    .groupBy(charges.correctsChargeId);
  return new Map(rows.map((r) => [r.chargeId!, r.cents]));
}
