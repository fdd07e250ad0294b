import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type inventoryItems, storageLocations } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import { lockVisibleItem, shelf, shipmentOf } from "./locked-stock";
import { stockTransaction, transfer, type StockError } from "./stock";

type Item = typeof inventoryItems.$inferSelect;

/** After the session: from the set back to a bin or shelf. */
export async function returnToShelf(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { toLocationId: string; quantity: number },
  now: Date,
) {
  return stockTransaction(db, async (tx): Promise<Result<Item, StockError>> => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const [from] = row.locationId
      ? await tx.select().from(storageLocations).where(eq(storageLocations.id, row.locationId))
      : [];
    if (from?.kind !== "room") return fail("invalid", { message: "These samples are not on a set." });
    const to = await shelf(tx, row.studioId, input.toLocationId);
    if (!to) return fail("invalid", { fieldErrors: { toLocationId: ["Choose a bin or shelf of this studio"] } });
    const moved = await transfer(
      tx,
      row,
      { locationId: to.id, ownerBrandId: row.ownerBrandId, ownerCreatorId: row.ownerCreatorId },
      {
        quantity: input.quantity,
        kind: "returned_to_shelf",
        actorUserId: actor.userId,
        reason: `Back from ${from.code}`,
        now,
      },
    );
    if (!moved.ok) return moved;
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "returned_to_shelf",
        message: `${input.quantity} × ${row.sku} back from the set to ${to.code}.`,
        actorUserId: actor.userId,
        now,
      });
    return ok(moved.value.target);
  });
}
