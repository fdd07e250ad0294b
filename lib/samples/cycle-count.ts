import type { Db } from "@/db/client";
import { auditLog, type inventoryItems } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import { lockVisibleItem, shipmentOf } from "./locked-stock";
import { applyMovement, stockTransaction, type StockError } from "./stock";

type Item = typeof inventoryItems.$inferSelect;

/** A cycle count: the difference to what the ledger says is written as an adjusting movement, with the reason. */
export async function cycleCount(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { counted: number; reason: string },
  now: Date,
) {
  return stockTransaction(db, async (tx): Promise<Result<{ item: Item; variance: number }, StockError>> => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const variance = input.counted - row.onHand;
    if (variance === 0) return ok({ item: row, variance });
    const updated = await applyMovement(tx, row, {
      kind: "adjusted",
      delta: variance,
      fromLocationId: row.locationId,
      toLocationId: row.locationId,
      actorUserId: actor.userId,
      reason: `Cycle count: ${input.reason}`,
      now,
    });
    if (!updated.ok) return updated;
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "adjusted",
        message: `Count of ${row.sku}: ${input.counted} (${variance > 0 ? "+" : ""}${variance}). ${input.reason}`,
        actorUserId: actor.userId,
        now,
      });
    await tx.insert(auditLog).values({
      workspaceId: row.workspaceId,
      actorUserId: actor.userId,
      action: "inventory.counted",
      subjectType: "inventory_item",
      subjectId: row.id,
      data: { before: row.onHand, counted: input.counted, reason: input.reason },
    });
    return ok({ item: updated.value, variance });
  });
}
