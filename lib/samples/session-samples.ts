import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookingSamples, bookings, inventoryItems, shipmentItems, shipments, storageLocations } from "@/db/schema";
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
