import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addOns, rooms, studios, workspaces } from "@/db/schema";
import { UUID } from "./access";

/**
 * The currency a setup form's amounts are typed in: that of the studio the studio, room or add-on belongs to. An
 * unknown or another workspace's id answers the workspace's currency, so the form parses and the use case then
 * answers "not found" as it does for every other field.
 */
export async function studioCurrency(
  db: DbOrTx,
  workspaceId: string,
  ref: { studioId?: unknown; roomId?: unknown; addOnId?: unknown },
): Promise<string> {
  const id = (v: unknown) => (typeof v === "string" && UUID.test(v) ? v : null);
  const [studioId, roomId, addOnId] = [id(ref.studioId), id(ref.roomId), id(ref.addOnId)];
  const inWorkspace = eq(studios.workspaceId, workspaceId);
  let rows: { currency: string }[] = [];
  if (studioId)
    rows = await db
      .select({ currency: studios.currency })
      .from(studios)
      .where(and(eq(studios.id, studioId), inWorkspace));
  else if (roomId)
    rows = await db
      .select({ currency: studios.currency })
      .from(rooms)
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(and(eq(rooms.id, roomId), inWorkspace));
  else if (addOnId)
    rows = await db
      .select({ currency: studios.currency })
      .from(addOns)
      .innerJoin(studios, eq(studios.id, addOns.studioId))
      .where(and(eq(addOns.id, addOnId), inWorkspace));
  if (rows[0]) return rows[0].currency;
  const [w] = await db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.currency ?? "USD";
}
