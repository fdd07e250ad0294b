import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import {
  auditLog,
  bookingSamples,
  bookings,
  inventoryItems,
  rooms,
  shipmentItems,
  shipments,
  storageLocations,
  studios,
} from "@/db/schema";
import { formatLocal } from "../studios/local-time";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock } from "./access";
import { recordShipmentEvent } from "./events";
import { hasBeenCounted, missingUnits, overallReadiness, readiness, type Readiness } from "./rules";

export type SessionSample = {
  shipmentId: string;
  shipmentCode: string;
  shipmentItemId: string;
  sku: string;
  name: string;
  wanted: number;
  staged: number;
  inStudio: number;
  expectedOn: string | null;
  /** Units neither here nor on their way: the item's box was counted without them (missingUnits). */
  missing: number;
  state: Readiness;
};

/**
 * The samples meant for each session (every item of a shipment sent for it, and items staff assigned to it), with
 * how many are on its set, how many are in the studio, how many are missing from a box already counted, and
 * whether they will be ready in time.
 */
export async function samplesForBookings(
  db: DbOrTx,
  bookingIds: string[],
  now: Date,
): Promise<Map<string, { items: SessionSample[]; state: Readiness | null }>> {
  const out = new Map<string, { items: SessionSample[]; state: Readiness | null }>();
  if (bookingIds.length === 0) return out;
  const sessions = await db
    .select({ id: bookings.id, roomId: bookings.roomId, startsAt: bookings.startsAt })
    .from(bookings)
    .where(inArray(bookings.id, bookingIds));
  const bySession = new Map(sessions.map((s) => [s.id, s]));
  const sent = await db
    .select({ bookingId: shipments.bookingId, item: shipmentItems, shipment: shipments })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(inArray(shipments.bookingId, bookingIds));
  const assigned = await db
    .select({
      bookingId: bookingSamples.bookingId,
      quantity: bookingSamples.quantity,
      item: shipmentItems,
      shipment: shipments,
    })
    .from(bookingSamples)
    .innerJoin(shipmentItems, eq(shipmentItems.id, bookingSamples.shipmentItemId))
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(inArray(bookingSamples.bookingId, bookingIds));
  const wanted = new Map<
    string,
    {
      bookingId: string;
      item: typeof shipmentItems.$inferSelect;
      shipment: typeof shipments.$inferSelect;
      quantity: number;
    }
  >();
  for (const r of sent)
    if (r.bookingId)
      wanted.set(`${r.bookingId}|${r.item.id}`, {
        bookingId: r.bookingId,
        item: r.item,
        shipment: r.shipment,
        quantity: r.item.quantityExpected || r.item.quantityReceived,
      });
  for (const r of assigned)
    wanted.set(`${r.bookingId}|${r.item.id}`, {
      bookingId: r.bookingId,
      item: r.item,
      shipment: r.shipment,
      quantity: r.quantity,
    });
  const itemIds = [...new Set([...wanted.values()].map((w) => w.item.id))];
  const stock = itemIds.length
    ? await db
        .select({
          shipmentItemId: inventoryItems.shipmentItemId,
          onHand: inventoryItems.onHand,
          roomId: storageLocations.roomId,
        })
        .from(inventoryItems)
        .leftJoin(storageLocations, eq(storageLocations.id, inventoryItems.locationId))
        .where(inArray(inventoryItems.shipmentItemId, itemIds))
    : [];
  for (const w of wanted.values()) {
    const session = bySession.get(w.bookingId);
    if (!session) continue;
    const rowsOf = stock.filter((s) => s.shipmentItemId === w.item.id);
    const staged = rowsOf.filter((s) => s.roomId === session.roomId).reduce((n, s) => n + s.onHand, 0);
    const inStudio = rowsOf.filter((s) => !s.roomId).reduce((n, s) => n + s.onHand, 0);
    const entry = out.get(w.bookingId) ?? { items: [], state: null };
    const sample = { wanted: w.quantity, staged, inStudio, arrived: hasBeenCounted(w.shipment.status) };
    entry.items.push({
      shipmentId: w.shipment.id,
      shipmentCode: w.shipment.code,
      shipmentItemId: w.item.id,
      sku: w.item.sku,
      name: w.item.name,
      wanted: w.quantity,
      staged,
      inStudio,
      expectedOn: w.shipment.expectedOn,
      missing: missingUnits(sample),
      state: readiness({ ...sample, expectedOn: w.shipment.expectedOn, startsAt: session.startsAt, now }),
    });
    out.set(w.bookingId, entry);
  }
  for (const entry of out.values()) entry.state = overallReadiness(entry.items.map((i) => i.state));
  return out;
}

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
