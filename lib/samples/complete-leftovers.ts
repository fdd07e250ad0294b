import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, inventoryItems, shipmentItems, shipments } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock, visibleShipments } from "./access";
import { notifyShipment, recordShipmentEvent } from "./events";
import { leftoversDueAt } from "./leftovers";
import { applyMovement, stockTransaction, transfer } from "./stock";

type LeftoversError = "not_found" | "forbidden" | "invalid" | "insufficient";

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
): Promise<Result<{ units: number }, LeftoversError>> {
  if (!can(actor, "inventory.manage"))
    return fail("forbidden", { message: "Only the studio's staff handle leftovers." });
  return stockTransaction(db, async (tx): Promise<Result<{ units: number }, LeftoversError>> => {
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
      .select({ due: leftoversDueAt.mapWith((v: string | Date) => new Date(v)) })
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
      const moved =
        s.leftoverAction === "give_to_creator"
          ? await transfer(
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
            )
          : await applyMovement(tx, item, {
              kind: s.leftoverAction === "dispose" ? "disposed" : "returned_to_brand",
              delta: -item.onHand,
              damagedDelta: -item.damaged,
              fromLocationId: item.locationId,
              actorUserId: actor.userId,
              reason: `Leftovers of ${s.code}`,
              now,
            });
      if (!moved.ok) return moved;
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
