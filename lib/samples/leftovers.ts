import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, inventoryItems, shipmentItems, shipments } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock, visibleShipments } from "./access";
import { notifyShipment, recordShipmentEvent } from "./events";
import { applyMovement, transfer } from "./stock";

/**
 * When a shipment's leftovers are due: the chosen number of days after its last linked session ends (or after its
 * last receipt, when it was for no session).
 */
// Written with qualified names: drizzle leaves columns unqualified in a select list, where sub-queries would make
// them ambiguous.
const dueAt = sql<Date>`(
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
      dueAt: dueAt.mapWith((v: string | Date) => new Date(v)),
      units: sql<number>`(select coalesce(sum(ii.on_hand), 0)::int from inventory_items ii join shipment_items si on si.id = ii.shipment_item_id where si.shipment_id = shipments.id and ii.owner_creator_id is null)`,
    })
    .from(shipments)
    .where(
      and(
        visibleShipments(actor),
        isNull(shipments.leftoversDoneAt),
        inArray(shipments.status, ["partially_received", "received"]),
        sql`${dueAt} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(dueAt);
  return rows.filter((r) => r.units > 0);
}

const VERB = {
  return_to_brand: "returned to the brand",
  give_to_creator: "given to the creator",
  dispose: "disposed of",
} as const;

/**
 * Does what the brand chose with what is left of a shipment, once due: every unit still owned by the brand leaves
 * the studio (returned or disposed) or passes to the creator, each with its movement. The brand and the creator
 * are told; the brand's `item.disposed` webhook fires for a disposal.
 */
export async function completeLeftovers(
  db: Db,
  actor: Actor,
  shipmentId: string,
  now: Date,
  opts: { trackingNumber?: string } = {},
): Promise<Result<{ units: number }, "not_found" | "forbidden" | "invalid">> {
  if (!can(actor, "inventory.manage"))
    return fail("forbidden", { message: "Only the studio's staff handle leftovers." });
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(shipments)
      .where(and(eq(shipments.id, shipmentId), visibleShipments(actor)))
      .for("update");
    if (!s) return fail("not_found");
    if (!canWorkStock(actor, s.studioId))
      return fail("forbidden", { message: "You do not work in this shipment's studio." });
    if (s.leftoversDoneAt) return ok({ units: 0 });
    const [{ due }] = await tx
      .select({ due: dueAt.mapWith((v: string | Date) => new Date(v)) })
      .from(shipments)
      .where(eq(shipments.id, s.id));
    if (due > now) return fail("invalid", { message: `The leftovers are due on ${due.toISOString().slice(0, 10)}.` });
    if (s.leftoverAction === "give_to_creator" && !s.creatorId)
      return fail("invalid", { message: "This shipment names no creator to give the leftovers to." });
    const rows = await tx
      .select({ item: inventoryItems })
      .from(inventoryItems)
      .innerJoin(shipmentItems, eq(shipmentItems.id, inventoryItems.shipmentItemId))
      .where(
        and(eq(shipmentItems.shipmentId, s.id), isNull(inventoryItems.ownerCreatorId), gt(inventoryItems.onHand, 0)),
      )
      .orderBy(inventoryItems.id)
      .for("update", { of: inventoryItems });
    let units = 0;
    const lines: string[] = [];
    // A tracking number belongs to a parcel going back to the brand; nothing else leaves by courier.
    const tracking = s.leftoverAction === "return_to_brand" && opts.trackingNumber ? opts.trackingNumber : null;
    for (const { item } of rows) {
      units += item.onHand;
      lines.push(`${item.onHand} × ${item.sku} ${item.name}`);
      if (s.leftoverAction === "give_to_creator") {
        await transfer(
          tx,
          item,
          { locationId: item.locationId, ownerBrandId: null, ownerCreatorId: s.creatorId },
          {
            quantity: item.onHand,
            kind: "transferred_to_creator",
            actorUserId: actor.userId,
            reason: `Leftovers of ${s.code}`,
            now,
          },
        );
      } else {
        await applyMovement(tx, item, {
          kind: s.leftoverAction === "dispose" ? "disposed" : "returned_to_brand",
          delta: -item.onHand,
          damagedDelta: -item.damaged,
          fromLocationId: item.locationId,
          actorUserId: actor.userId,
          reason: `Leftovers of ${s.code}`,
          now,
        });
      }
    }
    const [updated] = await tx
      .update(shipments)
      .set({ leftoversDoneAt: now, status: "closed", updatedAt: now })
      .where(eq(shipments.id, s.id))
      .returning();
    const kind =
      s.leftoverAction === "dispose"
        ? "disposed"
        : s.leftoverAction === "give_to_creator"
          ? "transferred_to_creator"
          : "returned_to_brand";
    const via = tracking ? ` (return tracking number ${tracking})` : "";
    await recordShipmentEvent(tx, updated, {
      kind,
      message: `Leftovers ${VERB[s.leftoverAction]}${via}: ${lines.join(", ") || "nothing was left"}.`,
      data: { units, ...(tracking ? { trackingNumber: tracking } : {}) },
      actorUserId: actor.userId,
      now,
    });
    if (units > 0) {
      await notifyShipment(tx, updated, {
        kind:
          s.leftoverAction === "dispose" ? "disposed" : s.leftoverAction === "give_to_creator" ? "given" : "returned",
        title: `Leftovers ${VERB[s.leftoverAction]}`,
        lines: tracking ? [...lines, `Return tracking number: ${tracking}`] : lines,
        data: {
          action: s.leftoverAction,
          ...(tracking ? { trackingNumber: tracking } : {}),
          items: rows.map(({ item }) => ({ sku: item.sku, name: item.name, quantity: item.onHand })),
        },
        now,
        dedupeKey: `shipment.leftovers:${s.id}`,
      });
    }
    await tx.insert(auditLog).values({
      workspaceId: s.workspaceId,
      actorUserId: actor.userId,
      action: "shipment.leftovers_done",
      subjectType: "shipment",
      subjectId: s.id,
      data: { action: s.leftoverAction, units, ...(tracking ? { trackingNumber: tracking } : {}) },
    });
    return ok({ units });
  });
}
