import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { inventoryItems, shipmentItems, shipments, storageLocations } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { fail, ok } from "../result";
import { canWorkStock, visibleStock } from "./access";

/** Reads shared by the stock use cases (move, stage, return to shelf, count), inside their transaction. */

type Item = typeof inventoryItems.$inferSelect;

/** A stock row the actor may see, locked; refused unless they work stock in its studio. */
export async function lockVisibleItem(tx: Tx, actor: Actor, itemId: string) {
  const [row] = await tx
    .select()
    .from(inventoryItems)
    .where(and(eq(inventoryItems.id, itemId), visibleStock(actor)))
    .for("update");
  if (!row) return fail("not_found" as const);
  if (!can(actor, "inventory.manage") || !canWorkStock(actor, row.studioId))
    return fail("forbidden" as const, { message: "Only the studio's staff move stock." });
  return ok(row);
}

/** A bin or shelf of the studio that stock can go on, or null. */
export async function shelf(tx: Tx, studioId: string, locationId: string) {
  const [loc] = await tx
    .select()
    .from(storageLocations)
    .where(
      and(
        eq(storageLocations.id, locationId),
        eq(storageLocations.studioId, studioId),
        eq(storageLocations.active, true),
      ),
    );
  // Samples go to bins and shelves; a set (kind room) and a creator's storage unit (kind unit) are not shelves.
  return loc && (loc.kind === "bin" || loc.kind === "shelf") ? loc : null;
}

/** The shipment a stock row came in, for its timeline (null for a creator's own goods). */
export async function shipmentOf(tx: Tx, row: Item) {
  if (!row.shipmentItemId) return null;
  const [s] = await tx
    .select({ shipment: shipments })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(eq(shipmentItems.id, row.shipmentItemId));
  return s?.shipment ?? null;
}
