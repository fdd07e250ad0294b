import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import {
  auditLog,
  bookings,
  inventoryItems,
  rooms,
  shipmentItems,
  shipments,
  storageLocations,
  studios,
} from "@/db/schema";
import { formatLocal } from "../studios/local-time";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { can, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { canWorkStock, visibleStock } from "./access";
import { notifyShipment, recordShipmentEvent } from "./events";
import { inventoryQuerySchema } from "./schemas";
import { applyMovement, InsufficientStock, roomLocation, transfer } from "./stock";

type Item = typeof inventoryItems.$inferSelect;
export type StockError = "not_found" | "forbidden" | "invalid" | "insufficient";

/** Runs a stock change; stock that would go negative becomes a clear refusal and nothing is written. */
async function stockTx<T>(db: Db, fn: (tx: Tx) => Promise<Result<T, StockError>>): Promise<Result<T, StockError>> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (err instanceof InsufficientStock)
      return fail("insufficient", {
        message: `Only ${err.row.onHand} of ${err.row.sku} ${err.row.name} ${err.row.onHand === 1 ? "is" : "are"} there.`,
        fieldErrors: { quantity: [`At most ${err.row.onHand}`] },
      });
    throw err;
  }
}

async function lockVisibleItem(tx: Tx, actor: Actor, itemId: string) {
  const [row] = await tx
    .select()
    .from(inventoryItems)
    .where(and(eq(inventoryItems.id, itemId), visibleStock(actor)))
    .for("update");
  if (!row) return fail("not_found" as const);
  if (!can(actor, "inventory.manage") || !canWorkStock(actor, row.studioId))
    return fail("forbidden" as const, { message: "Only the studio's staff move stock." });
  return ok(row);
}

async function shelf(tx: Tx, studioId: string, locationId: string) {
  const [loc] = await tx
    .select()
    .from(storageLocations)
    .where(
      and(
        eq(storageLocations.id, locationId),
        eq(storageLocations.studioId, studioId),
        eq(storageLocations.active, true),
      ),
    );
  // Samples go to bins and shelves; a set (kind room) and a creator's storage unit (kind unit) are not shelves.
  return loc && (loc.kind === "bin" || loc.kind === "shelf") ? loc : null;
}

async function shipmentOf(tx: Tx, row: Item) {
  if (!row.shipmentItemId) return null;
  const [s] = await tx
    .select({ shipment: shipments })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(eq(shipmentItems.id, row.shipmentItemId));
  return s?.shipment ?? null;
}

/** Moves stock from one bin or shelf to another of the same studio. */
export async function moveStock(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { toLocationId: string; quantity: number; reason: string },
  now: Date,
) {
  return stockTx(db, async (tx) => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const to = await shelf(tx, row.studioId, input.toLocationId);
    if (!to) return fail("invalid", { fieldErrors: { toLocationId: ["Choose a bin or shelf of this studio"] } });
    const moved = await transfer(
      tx,
      row,
      { locationId: to.id, ownerBrandId: row.ownerBrandId, ownerCreatorId: row.ownerCreatorId },
      { quantity: input.quantity, kind: "moved", actorUserId: actor.userId, reason: input.reason, now },
    );
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "moved",
        message: `${input.quantity} × ${row.sku} moved to ${to.code}.`,
        actorUserId: actor.userId,
        now,
      });
    return ok(moved.target);
  });
}

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
  return stockTx(db, async (tx) => {
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
        dedupeKey: `item.staged:${moved.target.id}:${now.getTime()}`,
      });
    }
    return ok(moved.target);
  });
}

/** After the session: from the set back to a bin or shelf. */
export async function returnToShelf(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { toLocationId: string; quantity: number },
  now: Date,
) {
  return stockTx(db, async (tx) => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const [from] = row.locationId
      ? await tx.select().from(storageLocations).where(eq(storageLocations.id, row.locationId))
      : [];
    if (from?.kind !== "room") return fail("invalid", { message: "These samples are not on a set." });
    const to = await shelf(tx, row.studioId, input.toLocationId);
    if (!to) return fail("invalid", { fieldErrors: { toLocationId: ["Choose a bin or shelf of this studio"] } });
    const moved = await transfer(
      tx,
      row,
      { locationId: to.id, ownerBrandId: row.ownerBrandId, ownerCreatorId: row.ownerCreatorId },
      {
        quantity: input.quantity,
        kind: "returned_to_shelf",
        actorUserId: actor.userId,
        reason: `Back from ${from.code}`,
        now,
      },
    );
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "returned_to_shelf",
        message: `${input.quantity} × ${row.sku} back from the set to ${to.code}.`,
        actorUserId: actor.userId,
        now,
      });
    return ok(moved.target);
  });
}

/** A cycle count: the difference to what the ledger says is written as an adjusting movement, with the reason. */
export async function cycleCount(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { counted: number; reason: string },
  now: Date,
) {
  return stockTx(db, async (tx) => {
    const found = await lockVisibleItem(tx, actor, itemId);
    if (!found.ok) return found;
    const row = found.value;
    const variance = input.counted - row.onHand;
    if (variance === 0) return ok({ item: row, variance });
    const updated = await applyMovement(tx, row, {
      kind: "adjusted",
      delta: variance,
      fromLocationId: row.locationId,
      toLocationId: row.locationId,
      actorUserId: actor.userId,
      reason: `Cycle count: ${input.reason}`,
      now,
    });
    const s = await shipmentOf(tx, row);
    if (s)
      await recordShipmentEvent(tx, s, {
        kind: "adjusted",
        message: `Count of ${row.sku}: ${input.counted} (${variance > 0 ? "+" : ""}${variance}). ${input.reason}`,
        actorUserId: actor.userId,
        now,
      });
    await tx.insert(auditLog).values({
      workspaceId: row.workspaceId,
      actorUserId: actor.userId,
      action: "inventory.counted",
      subjectType: "inventory_item",
      subjectId: row.id,
      data: { before: row.onHand, counted: input.counted, reason: input.reason },
    });
    return ok({ item: updated, variance });
  });
}

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
  if (!canWorkStock(actor, studioId) && actor.role !== "owner" && actor.role !== "manager") return [];
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
