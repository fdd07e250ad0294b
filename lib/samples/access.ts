import { sql, type SQL } from "drizzle-orm";
import { inventoryItems, shipments } from "@/db/schema";
import { canOperateStudio, shipmentScope, stockScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";

/**
 * Which shipments an actor may see (`shipmentScope`): owners and managers all of the workspace's; staff those sent
 * to their studios; a brand its own; a creator those addressed to them. Another's id is answered as not found.
 */
export function visibleShipments(actor: Actor): SQL {
  return scopeWhere(actor, shipmentScope(actor), {
    workspace: shipments.workspaceId,
    studio: shipments.studioId,
    brand: shipments.brandId,
    creator: shipments.creatorId,
  });
}

/**
 * Stock an actor may see (`stockScope`): staff their studios'; a brand what it owns; a creator what was given to
 * them or sent for them.
 */
export function visibleStock(actor: Actor): SQL {
  return scopeWhere(actor, stockScope(actor), {
    workspace: inventoryItems.workspaceId,
    studio: inventoryItems.studioId,
    brand: inventoryItems.ownerBrandId,
    creator: (creatorId) =>
      sql`(${inventoryItems.ownerCreatorId} = ${creatorId} or exists (select 1 from shipment_items si join shipments s on s.id = si.shipment_id where si.id = ${inventoryItems.shipmentItemId} and s.creator_id = ${creatorId}))`,
  });
}

/** Staff work only in their studios; owners and managers in all (`canOperateStudio`). */
export function canWorkStock(actor: Actor, studioId: string) {
  return canOperateStudio(actor, studioId);
}
