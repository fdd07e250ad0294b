import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { bookings, brands, rooms, shipmentItems, shipments, studios, users, workspaces } from "../../db/schema";
import { e2eNow } from "./clock";
import { e2eDb } from "./db";
import { demo } from "./fixtures";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

type Item = { sku: string; name: string; quantityExpected: number };

/**
 * A box from Glow Cosmetics (brand@demo) for a confirmed session of creator@demo, in a room of the journey's own in
 * the demo's Los Angeles studio (staff@demo works there; no other test books it), written straight to the e2e
 * database so nothing another test does gets in its way. The session starts `startsIn` from now and lasts 2 hours;
 * `shipment` adds to or overrides the box's fields (an expected date, what happens to leftovers). A tag makes every
 * code unique, and `bin` is a bin code of this journey's own for the receiving desk to add.
 */
export async function samplesWorld(opts: {
  roomName: string;
  startsIn: number;
  items: Item[];
  shipment?: Partial<typeof shipments.$inferInsert>;
}) {
  const db = e2eDb();
  const tag = randomUUID().replace(/-/g, "").toUpperCase();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, "Los Angeles – Arts District")));
  const [creator] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("creator")));
  const [glow] = await db
    .select()
    .from(brands)
    .where(and(eq(brands.workspaceId, ws.id), eq(brands.name, "Glow Cosmetics")));
  const [room] = await db
    .insert(rooms)
    .values({
      workspaceId: ws.id,
      studioId: studio.id,
      name: `${opts.roomName} ${tag.slice(0, 6)}`,
      hourlyRateCents: 5000,
      stepMinutes: 30,
      minMinutes: 60,
      maxMinutes: 480,
      bufferMinutes: 0,
    })
    .returning();
  const start = new Date(e2eNow().getTime() + opts.startsIn);
  const end = new Date(start.getTime() + 2 * HOUR);
  const [booking] = await db
    .insert(bookings)
    .values({
      workspaceId: ws.id,
      roomId: room.id,
      creatorId: creator.id,
      code: `SM${tag.slice(0, 4)}`,
      status: "confirmed",
      startsAt: start,
      endsAt: end,
      blockedUntil: end,
      quote: { currency: "USD", minutes: 120, subtotalCents: 10_000, totalCents: 10_000, lines: [] },
    })
    .returning();
  const [shipment] = await db
    .insert(shipments)
    .values({
      workspaceId: ws.id,
      brandId: glow.id,
      studioId: studio.id,
      creatorId: creator.id,
      bookingId: booking.id,
      code: `SH-${tag.slice(6, 9)}-${tag.slice(9, 12)}`,
      status: "in_transit",
      carrier: "UPS",
      trackingNumber: `1Z${tag.slice(12, 24)}`,
      ...opts.shipment,
    })
    .returning();
  await db.insert(shipmentItems).values(opts.items.map((i) => ({ workspaceId: ws.id, shipmentId: shipment.id, ...i })));
  return { ws, studio, creator, glow, room, booking, shipment, bin: `BIN-${tag.slice(24, 30)}`, tag };
}
