import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inventoryItems, notifications, shipments, storageLocations } from "@/db/schema";
import { listStock } from "./inventory";
import { completeLeftovers } from "./complete-leftovers";
import { leftoversDue } from "./leftovers";
import { findShipment } from "./queries";
import { receiveShipment } from "./receive-shipment";
import { DAY, ledgerMatchesStock, now, receipt, world } from "@/testing/samples/samples-world";

describe("leftovers", () => {
  it("come due the chosen days after the session, and are disposed of as the brand chose, telling the brand", async () => {
    const { db, w, brand, shipment, bin, item, booking } = await world("dispose");
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    const due = new Date(booking.endsAt.getTime() + 3 * DAY);
    expect(await leftoversDue(db, w.staff.actor, new Date(due.getTime() - 1000))).toEqual([]);
    expect((await leftoversDue(db, w.staff.actor, due)).map((r) => [r.shipment.id, r.units])).toEqual([
      [shipment.id, 4],
    ]);
    expect(await completeLeftovers(db, w.staff.actor, shipment.id, new Date(due.getTime() - 1000))).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect(await completeLeftovers(db, w.staff.actor, shipment.id, due)).toMatchObject({
      ok: true,
      value: { units: 4 },
    });
    expect(await completeLeftovers(db, w.staff.actor, shipment.id, due)).toMatchObject({
      ok: true,
      value: { units: 0 },
    });
    const [closed] = await db.select().from(shipments).where(eq(shipments.id, shipment.id));
    expect(closed.status).toBe("closed");
    expect(await listStock(db, w.staff.actor)).toEqual([]);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.toEmail, brand.user.email), eq(notifications.kind, "shipment.disposed"))),
    ).toHaveLength(1);
    expect(await leftoversDue(db, w.staff.actor, due)).toEqual([]);
  });

  it("go back to the brand with the return parcel's tracking number, which the shipment's history and the brand's email name", async () => {
    const { db, w, brand, shipment, bin, item, booking } = await world("return_to_brand");
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    const due = new Date(booking.endsAt.getTime() + 3 * DAY);
    expect(
      await completeLeftovers(db, w.staff.actor, shipment.id, due, { trackingNumber: "1Z999AA10123456784" }),
    ).toMatchObject({ ok: true, value: { units: 4 } });
    const seen = await findShipment(db, w.staff.actor, shipment.id);
    expect(seen?.events.map((e) => e.event.message).join(" ")).toContain(
      "Leftovers returned to the brand (return tracking number 1Z999AA10123456784): 4 × LIP-01",
    );
    const [mail] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.toEmail, brand.user.email), eq(notifications.kind, "shipment.returned")));
    expect(mail.text).toContain("Return tracking number: 1Z999AA10123456784");
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
  });

  it("pass to the creator when the brand chose so", async () => {
    const { db, w, shipment, bin, item, booking } = await world("give_to_creator");
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    await completeLeftovers(db, w.staff.actor, shipment.id, new Date(booking.endsAt.getTime() + 3 * DAY));
    const owned = await db
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.workspaceId, w.workspace.id), eq(inventoryItems.ownerCreatorId, w.creator.user.id)));
    expect(owned.map((o) => o.onHand)).toEqual([4]);
    expect(await db.select().from(storageLocations).where(eq(storageLocations.studioId, w.studio.id))).toHaveLength(2);
  });
});
