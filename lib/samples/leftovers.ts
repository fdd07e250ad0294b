import { and, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { shipments } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { visibleShipments } from "./access";

/**
 * When a shipment's leftovers are due: the chosen number of days after its last linked session ends (or after its
 * last receipt, when it was for no session).
 */
// Written with qualified names: drizzle leaves columns unqualified in a select list, where sub-queries would make
// them ambiguous.
export const leftoversDueAt = sql<Date>`(
  coalesce(
    (select max(b.ends_at) from bookings b
      where b.id = shipments.booking_id
         or b.id in (select bs.booking_id from booking_samples bs join shipment_items si on si.id = bs.shipment_item_id where si.shipment_id = shipments.id)),
    (select max(r.created_at) from shipment_receipts r where r.shipment_id = shipments.id),
    shipments.created_at)
  + make_interval(days => shipments.leftover_after_days::int))`;

/** The staff queue: shipments whose leftovers are due and still in the studio, oldest first. */
export async function leftoversDue(db: DbOrTx, actor: Actor, now: Date) {
  if (!can(actor, "inventory.manage")) return [];
  const rows = await db
    .select({
      shipment: shipments,
      dueAt: leftoversDueAt.mapWith((v: string | Date) => new Date(v)),
      units: sql<number>`(select coalesce(sum(ii.on_hand), 0)::int from inventory_items ii join shipment_items si on si.id = ii.shipment_item_id where si.shipment_id = shipments.id and ii.owner_creator_id is null)`,
    })
    .from(shipments)
    .where(
      and(
        visibleShipments(actor),
        isNull(shipments.leftoversDoneAt),
        inArray(shipments.status, ["partially_received", "received"]),
        sql`${leftoversDueAt} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(leftoversDueAt);
  return rows.filter((r) => r.units > 0);
}
