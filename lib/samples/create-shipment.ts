import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  auditLog,
  bookings,
  brands,
  memberships,
  rooms,
  shipmentItems,
  shipments,
  studios,
  workspaces,
} from "@/db/schema";
import { pgErrorCode } from "@/db/errors";
import { can, type Actor } from "../auth/permissions";
import { newBookingCode } from "../bookings/booking-code";
import { toMinorUnits } from "../money";
import { fail, ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import type { CreateShipmentInput, UnexpectedBoxInput } from "./schemas";
import { occupiesRoom } from "../bookings/rules";

export type ShipmentError = "forbidden" | "invalid" | "not_found";
type Shipment = typeof shipments.$inferSelect;

/** A short code for the box label and the desk scanner, e.g. "SH-K7Q-M3X" (unique per workspace). */
export const newShipmentCode = () => `SH-${newBookingCode()}`;

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
    if (m?.role !== "creator") errors.creatorId = ["Choose a creator of this workspace"];
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

/** Which brand the shipment comes from: a brand member's own; owners and managers name one. */
async function resolveBrand(
  tx: Tx,
  actor: Actor,
  brandId: string | undefined,
): Promise<Result<string | null, ShipmentError>> {
  if (actor.role === "brand") {
    if (!actor.brandId) return fail("forbidden", { message: "Your membership is not linked to a brand." });
    return ok(actor.brandId);
  }
  if (!brandId) return ok(null);
  const [b] = await tx
    .select({ id: brands.id })
    .from(brands)
    .where(and(eq(brands.id, brandId), eq(brands.workspaceId, actor.workspaceId)));
  return b ? ok(b.id) : fail("invalid", { fieldErrors: { brandId: ["Choose a brand of this workspace"] } });
}

type ItemRow = Pick<typeof shipmentItems.$inferInsert, "sku" | "name" | "quantityExpected" | "declaredValueCents">;

/**
 * The items as rows: declared values are typed in the workspace currency, so they become its minor units here
 * (¥500 is 500, $12.50 is 1250); more decimals than the currency has are a field error on that item.
 */
async function itemRows(
  tx: Tx,
  workspaceId: string,
  items: CreateShipmentInput["items"],
): Promise<Result<ItemRow[], ShipmentError>> {
  const [{ currency }] = await tx
    .select({ currency: workspaces.currency })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const fieldErrors: Record<string, string[]> = {};
  const rows = items.map((item, i): ItemRow => {
    const value = item.declaredValue === undefined ? null : toMinorUnits(item.declaredValue, currency);
    if (value && !value.ok) fieldErrors[`items.${i}.declaredValue`] = [value.message];
    return {
      sku: item.sku,
      name: item.name,
      quantityExpected: item.quantity,
      declaredValueCents: value?.ok ? value.minor : null,
    };
  });
  return Object.keys(fieldErrors).length ? fail("invalid", { fieldErrors }) : ok(rows);
}

async function insertShipment(
  tx: Tx,
  actor: Actor,
  values: Omit<typeof shipments.$inferInsert, "code" | "workspaceId">,
  items: ItemRow[],
  now: Date,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.transaction(async (sp) => {
        const [s] = await sp
          .insert(shipments)
          .values({
            ...values,
            workspaceId: actor.workspaceId,
            code: newShipmentCode(),
            createdBy: actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        const rows = await sp
          .insert(shipmentItems)
          .values(items.map((i) => ({ ...i, workspaceId: actor.workspaceId, shipmentId: s.id })))
          .returning();
        return { shipment: s, items: rows };
      });
    } catch (err) {
      if (pgErrorCode(err) !== "23505" || attempt >= 4) throw err; // a code collision: draw another
    }
  }
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

/** A box nobody announced, logged at the desk with what it holds; it is then received like any other. */
export async function logUnexpectedBox(
  db: Db,
  actor: Actor,
  input: UnexpectedBoxInput,
  now: Date,
): Promise<Result<Shipment, ShipmentError>> {
  if (!can(actor, "inventory.manage")) return fail("forbidden", { message: "Only studio staff log boxes." });
  if (actor.role === "staff" && !actor.studioIds.includes(input.studioId))
    return fail("forbidden", { message: "You do not work in that studio." });
  return db.transaction(async (tx) => {
    const [studio] = await tx
      .select({ id: studios.id })
      .from(studios)
      .where(and(eq(studios.id, input.studioId), eq(studios.workspaceId, actor.workspaceId)));
    if (!studio) return fail("invalid", { fieldErrors: { studioId: ["Choose a studio of this workspace"] } });
    const brand = input.brandId ? await resolveBrand(tx, actor, input.brandId) : ok(null);
    if (!brand.ok) return brand;
    const rows = await itemRows(tx, actor.workspaceId, input.items);
    if (!rows.ok) return rows;
    const { shipment } = await insertShipment(
      tx,
      actor,
      {
        brandId: brand.value,
        studioId: input.studioId,
        carrier: input.carrier ?? null,
        trackingNumber: input.trackingNumber ?? null,
        notes: input.notes,
        unexpected: true,
        status: "in_transit",
        leftoverAction: "return_to_brand",
        leftoverAfterDays: 14,
      },
      rows.value,
      now,
    );
    await recordShipmentEvent(tx, shipment, {
      kind: "created",
      message: `Unexpected box logged at the desk: ${input.notes}`,
      actorUserId: actor.userId,
      now,
    });
    return ok(shipment);
  });
}
