import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, shipmentItems, shipmentReceipts, shipments, storageLocations } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock, visibleShipments } from "./access";
import { notifyShipment, recordShipmentEvent } from "./events";
import { describeDiscrepancy, discrepancies, fullyReceived, type Discrepancy } from "./rules";
import type { ReceiveShipmentInput } from "./schemas";
import { applyMovement, lockStockRow, stockTransaction } from "./stock";

type Shipment = typeof shipments.$inferSelect;
type Item = typeof shipmentItems.$inferSelect;
type Received = { shipment: Shipment; items: Item[]; discrepancies: Discrepancy[]; already: boolean };
export type ReceiveError = "not_found" | "forbidden" | "conflict" | "invalid" | "closed" | "insufficient";

/**
 * One count at the desk: quantities received and damaged per item, each into a storage location. One
 * transaction under the shipment's lock writes the receipt, the item totals, the stock rows and their movements,
 * the discrepancies and the status, and tells the brand and the creator. A receipt is counted once: its id makes
 * a double submit a no-op, and a count made from an outdated view of the shipment (someone received it
 * meanwhile) is refused instead of added.
 */
export async function receiveShipment(
  db: Db,
  actor: Actor,
  shipmentId: string,
  input: ReceiveShipmentInput,
  now: Date,
): Promise<Result<Received, ReceiveError>> {
  if (!can(actor, "inventory.manage")) return fail("forbidden", { message: "Only studio staff receive shipments." });
  return stockTransaction(db, async (tx): Promise<Result<Received, ReceiveError>> => {
    const [s] = await tx
      .select()
      .from(shipments)
      .where(and(eq(shipments.id, shipmentId), visibleShipments(actor)))
      .for("update");
    if (!s) return fail("not_found");
    if (!canWorkStock(actor, s.studioId))
      return fail("forbidden", { message: "You do not work in this shipment's studio." });
    const items = await tx.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, s.id));
    const [seen] = await tx
      .select({ id: shipmentReceipts.id, shipmentId: shipmentReceipts.shipmentId })
      .from(shipmentReceipts)
      .where(eq(shipmentReceipts.id, input.receiptId));
    if (seen) {
      if (seen.shipmentId !== s.id) return fail("invalid", { message: "This receipt belongs to another shipment." });
      return ok({ shipment: s, items, discrepancies: discrepancies(items), already: true });
    }
    if (s.status === "closed") return fail("closed", { message: "This shipment is closed." });
    if (input.version !== s.version)
      return fail("conflict", {
        message: "Someone has just received this shipment. Reload it to see the new counts before adding yours.",
      });

    const byId = new Map(items.map((i) => [i.id, i]));
    const fieldErrors: Record<string, string[]> = {};
    const lines = input.lines.filter((l) => l.received > 0);
    input.lines.forEach((l, n) => {
      if (!byId.has(l.shipmentItemId)) fieldErrors[`lines.${n}.shipmentItemId`] = ["This item is not in this shipment"];
      if (input.lines.findIndex((o) => o.shipmentItemId === l.shipmentItemId) !== n)
        fieldErrors[`lines.${n}.shipmentItemId`] = ["This item is counted twice"];
    });
    const locationIds = [...new Set(lines.map((l) => l.locationId!))];
    const locations = locationIds.length
      ? await tx
          .select()
          .from(storageLocations)
          .where(
            and(
              eq(storageLocations.studioId, s.studioId),
              eq(storageLocations.active, true),
              inArray(storageLocations.kind, ["bin", "shelf"]),
              inArray(storageLocations.id, locationIds),
            ),
          )
      : [];
    lines.forEach((l) => {
      const n = input.lines.indexOf(l);
      if (!locations.some((loc) => loc.id === l.locationId))
        fieldErrors[`lines.${n}.locationId`] = ["Choose a bin or shelf of this studio"];
    });
    if (Object.keys(fieldErrors).length)
      return fail("invalid", { message: "Check the counts marked below.", fieldErrors });
    if (lines.length === 0) return fail("invalid", { message: "Nothing was counted: enter the quantities received." });

    await tx.insert(shipmentReceipts).values({
      id: input.receiptId,
      workspaceId: s.workspaceId,
      shipmentId: s.id,
      lines: input.lines,
      actorUserId: actor.userId,
      createdAt: now,
    });
    for (const l of lines) {
      const item = byId.get(l.shipmentItemId)!;
      await tx
        .update(shipmentItems)
        .set({
          quantityReceived: sql`${shipmentItems.quantityReceived} + ${l.received}`,
          quantityDamaged: sql`${shipmentItems.quantityDamaged} + ${l.damaged}`,
        })
        .where(eq(shipmentItems.id, item.id));
      const row = await lockStockRow(
        tx,
        {
          workspaceId: s.workspaceId,
          studioId: s.studioId,
          shipmentItemId: item.id,
          locationId: l.locationId!,
          ownerBrandId: s.brandId,
          ownerCreatorId: null,
          sku: item.sku,
          name: item.name,
        },
        now,
      );
      const moved = await applyMovement(tx, row, {
        kind: "received",
        delta: l.received,
        damagedDelta: l.damaged,
        toLocationId: l.locationId,
        actorUserId: actor.userId,
        reason: `Receipt of ${s.code}`,
        now,
      });
      if (!moved.ok) return moved;
    }
    const after = await tx.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, s.id));
    const all = fullyReceived(after);
    const [updated] = await tx
      .update(shipments)
      .set({ status: all ? "received" : "partially_received", version: s.version + 1, updatedAt: now })
      .where(eq(shipments.id, s.id))
      .returning();

    const units = lines.reduce((n, l) => n + l.received, 0);
    const where = locations.map((loc) => loc.code).join(", ");
    const found = discrepancies(after);
    const receivedLines = lines.map(
      (l) =>
        `${byId.get(l.shipmentItemId)!.sku} ${byId.get(l.shipmentItemId)!.name}: ${l.received}${l.damaged ? ` (${l.damaged} damaged)` : ""}`,
    );
    await recordShipmentEvent(tx, updated, {
      kind: "received",
      message: `Received ${units} unit${units === 1 ? "" : "s"} into ${where}.`,
      data: { receiptId: input.receiptId, lines },
      actorUserId: actor.userId,
      now,
    });
    await notifyShipment(tx, updated, {
      kind: "received",
      title: all ? "Your shipment arrived" : "Part of your shipment arrived",
      lines: receivedLines,
      data: {
        received: lines.map((l) => ({
          sku: byId.get(l.shipmentItemId)!.sku,
          quantity: l.received,
          damaged: l.damaged,
        })),
      },
      now,
      dedupeKey: `shipment.received:${input.receiptId}`,
    });
    if (found.length) {
      await recordShipmentEvent(tx, updated, {
        kind: "discrepancy",
        message: found.map(describeDiscrepancy).join("; "),
        data: { discrepancies: found },
        actorUserId: actor.userId,
        now,
      });
      await notifyShipment(tx, updated, {
        kind: "discrepancy",
        title: "Your shipment does not match what was announced",
        lines: found.map(describeDiscrepancy),
        data: { discrepancies: found },
        now,
        dedupeKey: `shipment.discrepancy:${input.receiptId}`,
      });
    }
    await tx.insert(auditLog).values({
      workspaceId: s.workspaceId,
      actorUserId: actor.userId,
      action: "shipment.received",
      subjectType: "shipment",
      subjectId: s.id,
      data: { receiptId: input.receiptId, units },
    });
    return ok({ shipment: updated, items: after, discrepancies: found, already: false });
  });
}
