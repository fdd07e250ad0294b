import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shipments, studios } from "@/db/schema";
import { can, canOperateStudio, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { recordShipmentEvent } from "./events";
import type { UnexpectedBoxInput } from "./schemas";
import { insertShipment, itemRows, resolveBrand, type ShipmentError } from "./shipment-rows";

type Shipment = typeof shipments.$inferSelect;

/** A box nobody announced, logged at the desk with what it holds; it is then received like any other. */
export async function logUnexpectedBox(
  db: Db,
  actor: Actor,
  input: UnexpectedBoxInput,
  now: Date,
): Promise<Result<Shipment, ShipmentError>> {
  if (!can(actor, "inventory.manage")) return fail("forbidden", { message: "Only studio staff log boxes." });
  if (!canOperateStudio(actor, input.studioId))
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
