import { sql } from "drizzle-orm";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { createBooking } from "@/lib/bookings/create-booking";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { createShipment } from "@/lib/samples/create-shipment";
import { createLocation } from "@/lib/samples/create-location";
import { createShipmentSchema } from "@/lib/samples/schemas";

/** The samples tests' world: a studio with a bin and a shelf, two brands, a session on 3 Dec and its shipment. */
export const now = new Date("2026-12-01T12:00:00Z");
export const la = (local: string) => new Date(`${local}-08:00`);
export { DAY_MS as DAY } from "@/kernel/time";

export async function world(leftoverAction: "return_to_brand" | "give_to_creator" | "dispose" = "dispose") {
  const db = testDb();
  const w = await bookingWorld(db);
  const brand = await makeMember(db, w.workspace.id, "brand");
  const otherBrand = await makeMember(db, w.workspace.id, "brand");
  const bin = await createLocation(db, w.staff.actor, w.studio.id, { code: "A-01", kind: "bin" });
  const shelf = await createLocation(db, w.staff.actor, w.studio.id, { code: "S-02", kind: "shelf" });
  if (!bin.ok || !shelf.ok) throw new Error("locations");
  const booked = await createBooking(
    db,
    createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la("2026-12-03T19:00:00").toISOString(),
      endsAt: la("2026-12-03T21:00:00").toISOString(),
    }),
    w.creator.actor,
    now,
  );
  if (!booked.ok) throw new Error(booked.error);
  const made = await createShipment(
    db,
    brand.actor,
    createShipmentSchema.parse({
      studioId: w.studio.id,
      creatorId: w.creator.user.id,
      bookingId: booked.value.id,
      carrier: "UPS",
      trackingNumber: `1Z${crypto.randomUUID().slice(0, 8)}`,
      expectedOn: "2026-12-02",
      leftoverAction,
      leftoverAfterDays: 3,
      items: [
        { sku: "LIP-01", name: "Lipstick", quantity: 4 },
        { sku: "PAL-02", name: "Palette", quantity: 2 },
        { sku: "SER-03", name: "Serum", quantity: 1 },
      ],
    }),
    now,
  );
  if (!made.ok) throw new Error(made.error);
  const item = (sku: string) => made.value.items.find((i) => i.sku === sku)!;
  return {
    db,
    w,
    brand,
    otherBrand,
    bin: bin.value,
    shelf: shelf.value,
    booking: booked.value,
    shipment: made.value.shipment,
    item,
  };
}

export const receipt = (
  version: number,
  lines: { shipmentItemId: string; received: number; damaged?: number; locationId?: string }[],
) => ({ receiptId: crypto.randomUUID(), version, lines: lines.map((l) => ({ damaged: 0, ...l })) });

/** How many stock rows disagree with the sum of their movements (0: the ledger holds). */
export async function ledgerMatchesStock(db: ReturnType<typeof testDb>, workspaceId: string) {
  const mismatches = await db.execute(sql`
    select ii.id from inventory_items ii
    where ii.workspace_id = ${workspaceId}
      and ii.on_hand <> coalesce((select sum(m.quantity_delta) from inventory_movements m where m.inventory_item_id = ii.id), 0)`);
  return mismatches.length;
}
