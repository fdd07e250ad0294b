import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inventoryItems, shipmentItems, shipments, storageLocations } from "@/db/schema";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import type { Actor } from "../auth/permissions";
import { canWorkStock, visibleStock } from "./access";
import { inventoryQuerySchema } from "./schemas";

/**
 * Reads of the stock (the inventory): what is where, for whom. Stock changes are the use cases beside this file
 * (move-stock, stage-for-booking, return-to-shelf, cycle-count), each through the ledger in stock.ts.
 */

// The API's order: place code (a row without a place first), SKU, then id, so pages are total and stable.
const stockOrder = keyset(
  "inventory",
  [
    { expr: sql`coalesce(${storageLocations.code}, '')`, type: "text" },
    { expr: inventoryItems.sku, type: "text" },
  ],
  inventoryItems.id,
  "asc",
);
/** `GET /api/v1/inventory`: `studioId`, `limit` (1–200, 50) and `cursor`. */
export const inventoryPageQuerySchema = inventoryQuerySchema.extend(stockOrder.querySchema().shape);

/** Stock an actor may see, with its place and shipment; staff see their studios', brands their own. */
export async function listStock(
  db: DbOrTx,
  actor: Actor,
  q: { studioId?: string; onlyOnHand?: boolean; page?: PageRequest } = {},
) {
  const query = db
    .select({
      item: inventoryItems,
      location: storageLocations,
      shipmentCode: shipments.code,
      shipmentId: shipments.id,
      brandId: shipments.brandId,
      cursor: stockOrder.cursorColumn(),
    })
    .from(inventoryItems)
    .leftJoin(storageLocations, eq(storageLocations.id, inventoryItems.locationId))
    .leftJoin(shipmentItems, eq(shipmentItems.id, inventoryItems.shipmentItemId))
    .leftJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(
      and(
        visibleStock(actor),
        q.studioId ? eq(inventoryItems.studioId, q.studioId) : undefined,
        // A page is cut in SQL, so the on-hand filter must be there too (a page of empty rows would look short).
        q.page && q.onlyOnHand !== false ? gt(inventoryItems.onHand, 0) : undefined,
        q.page ? stockOrder.after(q.page.after) : undefined,
      ),
    )
    .orderBy(...(q.page ? stockOrder.orderBy() : [asc(storageLocations.code), asc(inventoryItems.sku)]))
    .$dynamic();
  const rows = await (q.page ? query.limit(pageLimit(q.page)) : query);
  return q.onlyOnHand === false ? rows : rows.filter((r) => r.item.onHand > 0);
}

/** One page of the stock on hand, by place and SKU, and the cursor of the next page (null on the last). */
export async function listStockPage(db: DbOrTx, actor: Actor, q: { studioId?: string }, page: PageRequest) {
  return toPage(await listStock(db, actor, { ...q, page }), page);
}

export async function studioLocations(db: DbOrTx, actor: Actor, studioId: string) {
  if (!canWorkStock(actor, studioId)) return [];
  return db
    .select()
    .from(storageLocations)
    .where(and(eq(storageLocations.studioId, studioId), eq(storageLocations.workspaceId, actor.workspaceId)))
    .orderBy(asc(storageLocations.kind), asc(storageLocations.code));
}

export async function stockOfShipments(db: DbOrTx, shipmentIds: string[]) {
  if (shipmentIds.length === 0) return [];
  return db
    .select({ item: inventoryItems, shipmentId: shipmentItems.shipmentId, location: storageLocations })
    .from(inventoryItems)
    .innerJoin(shipmentItems, eq(shipmentItems.id, inventoryItems.shipmentItemId))
    .leftJoin(storageLocations, eq(storageLocations.id, inventoryItems.locationId))
    .where(inArray(shipmentItems.shipmentId, shipmentIds));
}
