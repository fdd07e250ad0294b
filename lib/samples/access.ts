import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { inventoryItems, shipments } from "@/db/schema";
import type { Actor } from "../auth/permissions";

/**
 * Which shipments an actor may see: owners and managers all of the workspace's; staff those sent to their
 * studios; a brand its own; a creator those addressed to them. Another's id is answered as not found.
 */
export function visibleShipments(actor: Actor): SQL {
  const inWorkspace = eq(shipments.workspaceId, actor.workspaceId);
  switch (actor.role) {
    case "owner":
    case "manager":
      return inWorkspace;
    case "staff":
      return actor.studioIds.length ? and(inWorkspace, inArray(shipments.studioId, actor.studioIds))! : sql`false`;
    case "brand":
      return actor.brandId ? and(inWorkspace, eq(shipments.brandId, actor.brandId))! : sql`false`;
    case "creator":
      return and(inWorkspace, eq(shipments.creatorId, actor.userId))!;
    default:
      return sql`false`;
  }
}

/** Stock an actor may see: staff their studios'; a brand what it owns; a creator what was given to them or sent for them. */
export function visibleStock(actor: Actor): SQL {
  const inWorkspace = eq(inventoryItems.workspaceId, actor.workspaceId);
  switch (actor.role) {
    case "owner":
    case "manager":
      return inWorkspace;
    case "staff":
      return actor.studioIds.length ? and(inWorkspace, inArray(inventoryItems.studioId, actor.studioIds))! : sql`false`;
    case "brand":
      return actor.brandId ? and(inWorkspace, eq(inventoryItems.ownerBrandId, actor.brandId))! : sql`false`;
    case "creator":
      return and(
        inWorkspace,
        sql`(${inventoryItems.ownerCreatorId} = ${actor.userId} or exists (select 1 from shipment_items si join shipments s on s.id = si.shipment_id where si.id = ${inventoryItems.shipmentItemId} and s.creator_id = ${actor.userId}))`,
      )!;
    default:
      return sql`false`;
  }
}

/** Staff work only in their studios; owners and managers in all. */
export function canWorkStock(actor: Actor, studioId: string) {
  if (actor.role === "owner" || actor.role === "manager") return true;
  return actor.role === "staff" && actor.studioIds.includes(studioId);
}
