import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, type inventoryItems, rooms, studios } from "@/db/schema";
import { formatLocal } from "../studios/local-time";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { notifyShipment, recordShipmentEvent } from "./events";
import { lockVisibleItem, shipmentOf } from "./locked-stock";
import { roomLocation, stockTransaction, transfer, type StockError } from "./stock";

type Item = typeof inventoryItems.$inferSelect;

/**
 * Stages samples on the set of a session: from the shelf to the room's place, linked to the booking. The brand
 * and the creator hear of it (email; the brand's `item.staged` webhook).
 */
export async function stageForBooking(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { bookingId: string; quantity: number },
  now: Date,
) {
  return stockTransaction(db, async (tx): Promise<Result<Item, StockError>> => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const [b] = await tx
      .select({ booking: bookings, room: rooms, timeZone: studios.timeZone })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.workspaceId, actor.workspaceId)));
    if (!b || b.room.studioId !== row.studioId)
      return fail("invalid", { fieldErrors: { bookingId: ["Choose a session in this studio"] } });
    // The brand reads these (timeline, email, webhook): the session by its time, never its code (the check-in QR).
    const session = `the session of ${formatLocal(b.booking.startsAt, b.timeZone)}`;
    if (!["confirmed", "checked_in"].includes(b.booking.status))
      return fail("invalid", { fieldErrors: { bookingId: [`That session is ${b.booking.status.replace("_", " ")}`] } });
    const loc = await roomLocation(tx, {
      workspaceId: row.workspaceId,
      studioId: row.studioId,
      roomId: b.room.id,
      roomName: b.room.name,
    });
    if (row.locationId === loc.id) return fail("invalid", { message: "These samples are already on that set." });
    const moved = await transfer(
      tx,
      row,
      { locationId: loc.id, ownerBrandId: row.ownerBrandId, ownerCreatorId: row.ownerCreatorId },
      {
        quantity: input.quantity,
        kind: "staged",
        bookingId: b.booking.id,
        actorUserId: actor.userId,
        reason: `For ${session}`,
        now,
      },
    );
    if (!moved.ok) return moved;
    const s = await shipmentOf(tx, row);
    if (s) {
      await recordShipmentEvent(tx, s, {
        kind: "staged",
        message: `${input.quantity} × ${row.sku} ${row.name} staged on ${b.room.name} for ${session}.`,
        data: { bookingId: b.booking.id },
        actorUserId: actor.userId,
        now,
      });
      await notifyShipment(tx, s, {
        kind: "staged",
        title: "Samples are on set",
        lines: [`${input.quantity} × ${row.sku} ${row.name} staged on ${b.room.name} for ${session}.`],
        data: {
          item: { sku: row.sku, name: row.name, quantity: input.quantity },
          booking: { id: b.booking.id, startsAt: b.booking.startsAt.toISOString() },
        },
        now,
        dedupeKey: `item.staged:${moved.value.target.id}:${now.getTime()}`,
      });
    }
    return ok(moved.value.target);
  });
}
