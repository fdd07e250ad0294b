import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, bookings, memberships, rooms, shipmentItems, shipments, studios } from "@/db/schema";
import { can, canBeBookedFor, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import type { CreateShipmentInput } from "./schemas";
import { insertShipment, itemRows, resolveBrand, type ShipmentError } from "./shipment-rows";
import { occupiesRoom } from "../bookings/rules";

type Shipment = typeof shipments.$inferSelect;

async function checkAddressing(
  tx: Tx,
  actor: Actor,
  input: Pick<CreateShipmentInput, "studioId" | "creatorId" | "bookingId">,
) {
  const errors: Record<string, string[]> = {};
  const [studio] = await tx
    .select({ id: studios.id })
    .from(studios)
    .where(and(eq(studios.id, input.studioId), eq(studios.workspaceId, actor.workspaceId)));
  if (!studio) errors.studioId = ["Choose a studio of this workspace"];
  if (input.creatorId) {
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, input.creatorId)));
    if (!canBeBookedFor(m?.role)) errors.creatorId = ["Choose a creator of this workspace"];
  }
  if (input.bookingId && !errors.creatorId && studio) {
    const [b] = await tx
      .select({ creatorId: bookings.creatorId, status: bookings.status, studioId: rooms.studioId })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .where(and(eq(bookings.id, input.bookingId), eq(bookings.workspaceId, actor.workspaceId)));
    if (!b || b.creatorId !== input.creatorId) errors.bookingId = ["Choose one of this creator's bookings"];
    else if (b.studioId !== input.studioId) errors.bookingId = ["That booking is in another studio"];
    else if (!occupiesRoom(b.status)) errors.bookingId = [`That booking is ${b.status.replace("_", " ")}`];
  }
  return errors;
}

/**
 * A brand announces a box: to a studio, for a creator and optionally one of their upcoming bookings, with its
 * items, carrier, tracking number, expected date and what to do with leftovers. It gets a code for the label.
 */
export async function createShipment(
  db: Db,
  actor: Actor,
  input: CreateShipmentInput,
  now: Date,
): Promise<Result<{ shipment: Shipment; items: (typeof shipmentItems.$inferSelect)[] }, ShipmentError>> {
  if (!can(actor, "shipments.create")) return fail("forbidden", { message: "Only brands send shipments." });
  return db.transaction(async (tx) => {
    const brand = await resolveBrand(tx, actor, input.brandId);
    if (!brand.ok) return brand;
    if (!brand.value) return fail("invalid", { fieldErrors: { brandId: ["Choose the brand it comes from"] } });
    const rows = await itemRows(tx, actor.workspaceId, input.items);
    const errors = { ...(await checkAddressing(tx, actor, input)), ...(rows.ok ? {} : rows.fieldErrors) };
    if (Object.keys(errors).length || !rows.ok) return fail("invalid", { fieldErrors: errors });
    const created = await insertShipment(
      tx,
      actor,
      {
        brandId: brand.value,
        studioId: input.studioId,
        creatorId: input.creatorId ?? null,
        bookingId: input.bookingId ?? null,
        carrier: input.carrier ?? null,
        trackingNumber: input.trackingNumber ?? null,
        expectedOn: input.expectedOn ?? null,
        leftoverAction: input.leftoverAction,
        leftoverAfterDays: input.leftoverAfterDays,
        notes: input.notes,
        status: input.trackingNumber ? "in_transit" : "announced",
      },
      rows.value,
      now,
    );
    const units = input.items.reduce((n, i) => n + i.quantity, 0);
    await recordShipmentEvent(tx, created.shipment, {
      kind: "created",
      message: `Announced: ${input.items.length} SKU${input.items.length === 1 ? "" : "s"}, ${units} unit${units === 1 ? "" : "s"}${input.trackingNumber ? `, ${input.carrier ?? "carrier"} ${input.trackingNumber}` : ""}.`,
      actorUserId: actor.userId,
      now,
    });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "shipment.created",
      subjectType: "shipment",
      subjectId: created.shipment.id,
    });
    return ok(created);
  });
}
