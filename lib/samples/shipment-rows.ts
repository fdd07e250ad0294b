import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { brands, shipmentItems, shipments, workspaces } from "@/db/schema";
import { pgErrorCode } from "@/db/errors";
import { newBookingCode } from "../bookings/booking-code";
import { toMinorUnits } from "../money";
import { fail, ok, type Result } from "../result";
import type { CreateShipmentInput } from "./schemas";
import { isBrandScoped, type Actor } from "../auth/permissions";

/** What announcing a box (createShipment) and logging an unexpected one (logUnexpectedBox) share. */

export type ShipmentError = "forbidden" | "invalid" | "not_found";

/** A short code for the box label and the desk scanner, e.g. "SH-K7Q-M3X" (unique per workspace). */
export const newShipmentCode = () => `SH-${newBookingCode()}`;

/** Which brand the shipment comes from: a brand member's own; owners and managers name one. */
export async function resolveBrand(
  tx: Tx,
  actor: Actor,
  brandId: string | undefined,
): Promise<Result<string | null, ShipmentError>> {
  if (isBrandScoped(actor.role)) {
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
export async function itemRows(
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

/** Inserts a shipment with its items under a fresh code (another is drawn when a code is taken). */
export async function insertShipment(
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
