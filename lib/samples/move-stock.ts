import type { Db } from "@/db/client";
import type { inventoryItems } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import { lockVisibleItem, shelf, shipmentOf } from "./locked-stock";
import { stockTransaction, transfer, type StockError } from "./stock";

type Item = typeof inventoryItems.$inferSelect;

/** Moves stock from one bin or shelf to another of the same studio. */
export async function moveStock(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { toLocationId: string; quantity: number; reason: string },
  now: Date,
) {
  return stockTransaction(db, async (tx): Promise<Result<Item, StockError>> => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const to = await shelf(tx, row.studioId, input.toLocationId);
    if (!to) return fail("invalid", { fieldErrors: { toLocationId: ["Choose a bin or shelf of this studio"] } });
    const moved = await transfer(
      tx,
      row,
      { locationId: to.id, ownerBrandId: row.ownerBrandId, ownerCreatorId: row.ownerCreatorId },
      { quantity: input.quantity, kind: "moved", actorUserId: actor.userId, reason: input.reason, now },
    );
    if (!moved.ok) return moved;
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "moved",
        message: `${input.quantity} × ${row.sku} moved to ${to.code}.`,
        actorUserId: actor.userId,
        now,
      });
    return ok(moved.value.target);
  });
}
