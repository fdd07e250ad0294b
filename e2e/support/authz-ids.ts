import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import {
  bookings,
  brands,
  charges,
  invoices,
  rooms,
  shipmentItems,
  shipments,
  studios,
  users,
  workspaces,
} from "../../db/schema";
import { e2eDb } from "./db";

/**
 * Real ids of workspace `demo` for the matrix's URL placeholders: {studio} (the Los Angeles studio, staff's),
 * {room} (an LA room, in staff's studio),
 * {booking} (a confirmed booking of creator@demo in it), {creator} / {creator2} (creator@ and creator2@demo),
 * {invoice2} (an invoice of creator2@demo), {shipment} (a shipment of the demo brand, Glow Cosmetics, to the LA studio
 * for creator@demo) and {missing} (an id that exists nowhere, for routes
 * that would change data: the gate is still proven, and nothing is cancelled by the matrix).
 */
export async function demoIds() {
  const db = e2eDb();
  const [room] = await db
    .select({ id: rooms.id })
    .from(rooms)
    .innerJoin(workspaces, eq(workspaces.id, rooms.workspaceId))
    .where(and(eq(workspaces.slug, "demo"), eq(rooms.name, "Booth D – Compact")));
  const [studio] = await db
    .select({ id: studios.id })
    .from(studios)
    .innerJoin(workspaces, eq(workspaces.id, studios.workspaceId))
    .where(and(eq(workspaces.slug, "demo"), eq(studios.name, "Los Angeles – Arts District")));
  const [creator] = await db.select({ id: users.id }).from(users).where(eq(users.email, "creator@demo.livebase.test"));
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, "demo"));
  let booking: string | null = null;
  // A free hour far ahead (retried on the rare collision with an earlier run's booking).
  for (let attempt = 0; attempt < 20 && !booking; attempt++) {
    const start = new Date(Date.UTC(2030, 0, 1 + Math.floor(Math.random() * 300), 18));
    try {
      const [row] = await db
        .insert(bookings)
        .values({
          workspaceId: ws.id,
          roomId: room.id,
          creatorId: creator.id,
          code: `MX${randomUUID().slice(0, 4).toUpperCase()}`,
          status: "confirmed",
          startsAt: start,
          endsAt: new Date(start.getTime() + 3_600_000),
          blockedUntil: new Date(start.getTime() + 4_200_000),
          quote: { currency: "USD", lines: [], subtotalCents: 3500, totalCents: 3500, minutes: 60 },
        })
        .returning({ id: bookings.id });
      booking = row.id;
    } catch {
      // taken: try another day
    }
  }
  if (!booking) throw new Error("could not create the matrix's booking");
  // An invoice of ANOTHER creator (creator2@demo), with its charge: creator@demo must not see it.
  const [creator2] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "creator2@demo.livebase.test"));
  const [invoice] = await db
    .insert(invoices)
    .values({
      workspaceId: ws.id,
      creatorId: creator2.id,
      groupKey: `charge:matrix-${randomUUID()}`,
      description: "Matrix fee",
      currency: "USD",
      status: "not_sent",
      amountDueCents: 1000,
    })
    .returning({ id: invoices.id });
  await db.insert(charges).values({
    workspaceId: ws.id,
    creatorId: creator2.id,
    kind: "no_show_fee",
    description: "Matrix fee",
    unitAmountCents: 1000,
    amountCents: 1000,
    currency: "USD",
    status: "invoiced",
    idempotencyKey: `matrix:${invoice.id}`,
    invoiceId: invoice.id,
  });
  // A shipment of the demo brand to the LA studio for creator@demo: its brand, its creator and LA staff may see it.
  const [glow] = await db
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.workspaceId, ws.id), eq(brands.name, "Glow Cosmetics")));
  const tag = randomUUID().replace(/-/g, "").toUpperCase();
  const [shipment] = await db
    .insert(shipments)
    .values({
      workspaceId: ws.id,
      brandId: glow.id,
      studioId: studio.id,
      creatorId: creator.id,
      code: `SH-${tag.slice(0, 3)}-${tag.slice(3, 6)}`,
      status: "announced",
    })
    .returning({ id: shipments.id });
  await db.insert(shipmentItems).values({
    workspaceId: ws.id,
    shipmentId: shipment.id,
    sku: "MATRIX-1",
    name: "Matrix sample",
    quantityExpected: 1,
  });
  // The other studio (Shanghai), where staff@demo does not work: their floor screens for it must be 404.
  const [shanghai] = await db
    .select({ id: studios.id })
    .from(studios)
    .innerJoin(workspaces, eq(workspaces.id, studios.workspaceId))
    .where(and(eq(workspaces.slug, "demo"), eq(studios.name, "Shanghai – Jing'an")));
  return {
    studio: studio.id,
    otherStudio: shanghai.id,
    room: room.id,
    booking,
    creator: creator.id,
    creator2: creator2.id,
    invoice2: invoice.id,
    shipment: shipment.id,
    missing: randomUUID(),
  };
}

export function resolveUrl(url: string, ids: Record<string, string>) {
  return url.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? `{${key}}`);
}
