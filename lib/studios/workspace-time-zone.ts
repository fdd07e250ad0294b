import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { studios } from "@/db/schema";

/**
 * The clock for what belongs to the workspace rather than to one studio (API tokens, webhooks, invitations,
 * calendar feeds, an invoice of no session): its first studio's zone, as the reports use for charges of no studio.
 * Studios made together (the demo's, in one insert) are told apart by name, so the answer never depends on random
 * ids. A workspace with no studio yet has no clock of its own, so UTC (and it is labelled so wherever it is shown).
 */
export async function workspaceTimeZone(db: DbOrTx, workspaceId: string): Promise<string> {
  const [first] = await db
    .select({ timeZone: studios.timeZone })
    .from(studios)
    .where(eq(studios.workspaceId, workspaceId))
    .orderBy(asc(studios.createdAt), asc(studios.name), asc(studios.id))
    .limit(1);
  return first?.timeZone ?? "UTC";
}
