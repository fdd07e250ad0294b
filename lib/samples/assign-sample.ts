import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, bookingSamples, bookings, rooms, shipmentItems, shipments, studios } from "@/db/schema";
import { formatLocal } from "../studios/local-time";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock } from "./access";
import { recordShipmentEvent } from "./events";

/** Staff assign samples already in the studio to a session (any of the studio's upcoming sessions). */
export async function assignSample(
  db: Db,
  actor: Actor,
  input: { bookingId: string; shipmentItemId: string; quantity: number },
  now: Date,
): Promise<Result<true, "not_found" | "forbidden" | "invalid">> {
  if (!can(actor, "inventory.manage")) return fail("forbidden", { message: "Only the studio's staff assign samples." });
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ item: shipmentItems, shipment: shipments })
      .from(shipmentItems)
      .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
      .where(and(eq(shipmentItems.id, input.shipmentItemId), eq(shipments.workspaceId, actor.workspaceId)));
    if (!item) return fail("not_found");
    if (!canWorkStock(actor, item.shipment.studioId))
      return fail("forbidden", { message: "You do not work in that studio." });
    const [b] = await tx
      .select({ booking: bookings, studioId: rooms.studioId, roomName: rooms.name, timeZone: studios.timeZone })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.workspaceId, actor.workspaceId)));
    if (!b || b.studioId !== item.shipment.studioId)
      return fail("invalid", { fieldErrors: { bookingId: ["Choose a session in this studio"] } });
    if (!["held", "confirmed", "checked_in"].includes(b.booking.status))
      return fail("invalid", { fieldErrors: { bookingId: [`That session is ${b.booking.status.replace("_", " ")}`] } });
    await tx
      .insert(bookingSamples)
      .values({
        workspaceId: actor.workspaceId,
        bookingId: b.booking.id,
        shipmentItemId: item.item.id,
        quantity: input.quantity,
        assignedBy: actor.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [bookingSamples.bookingId, bookingSamples.shipmentItemId],
        set: { quantity: input.quantity, assignedBy: actor.userId },
      });
    await recordShipmentEvent(tx, item.shipment, {
      kind: "linked",
      message: `${input.quantity} × ${item.item.sku} assigned to the session of ${formatLocal(b.booking.startsAt, b.timeZone)} on ${b.roomName}.`,
      data: { bookingId: b.booking.id },
      actorUserId: actor.userId,
      now,
    });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "sample.assigned",
      subjectType: "booking",
      subjectId: b.booking.id,
      data: { shipmentItemId: item.item.id, quantity: input.quantity },
    });
    return ok(true);
  });
}
