import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inventoryItems, storageUnits, studios } from "@/db/schema";
import { can, canOperateStudio, canReserveStorageIn, type Actor } from "../auth/permissions";

/**
 * Small reads for the storage screens. They select only what the screens show; the use cases in storage.ts check
 * the same rules again when something changes.
 */

/**
 * The units an actor may reserve, with their studio: a creator any active unit of the workspace; staff their
 * studios' (they reserve for a creator there); owners and managers every one.
 */
export async function reservableUnits(db: DbOrTx, actor: Actor) {
  if (!can(actor, "storage.use")) return [];
  const rows = await db
    .select({
      id: storageUnits.id,
      code: storageUnits.code,
      size: storageUnits.size,
      nightlyRateCents: storageUnits.nightlyRateCents,
      studioId: studios.id,
      studioName: studios.name,
      timeZone: studios.timeZone,
      currency: studios.currency,
    })
    .from(storageUnits)
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .where(and(eq(storageUnits.workspaceId, actor.workspaceId), eq(storageUnits.active, true)))
    .orderBy(asc(studios.name), asc(storageUnits.code));
  return rows.filter((u) => canReserveStorageIn(actor, u.studioId));
}

/** The studios whose storage board the actor runs: owners and managers every one; staff theirs. */
export async function boardStudios(db: DbOrTx, actor: Actor) {
  if (!can(actor, "storage.board")) return [];
  const rows = await db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone, currency: studios.currency })
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(asc(studios.name));
  return rows.filter((s) => canOperateStudio(actor, s.id));
}

/**
 * What is in the unit of each reservation that has goods in it (status "active"), in one query for the whole
 * list: a unit's goods are the reservation creator's stock at the unit's inventory place.
 */
export async function goodsByReservation(
  db: DbOrTx,
  actor: Pick<Actor, "workspaceId">,
  rows: { reservation: { id: string; creatorId: string; status: string }; unit: { locationId: string | null } }[],
) {
  const active = rows.filter((r) => r.reservation.status === "active" && r.unit.locationId);
  const out = new Map<string, { sku: string; name: string; onHand: number }[]>();
  if (active.length === 0) return out;
  const items = await db
    .select({
      sku: inventoryItems.sku,
      name: inventoryItems.name,
      onHand: inventoryItems.onHand,
      locationId: inventoryItems.locationId,
      ownerCreatorId: inventoryItems.ownerCreatorId,
    })
    .from(inventoryItems)
    .where(
      and(
        eq(inventoryItems.workspaceId, actor.workspaceId),
        inArray(inventoryItems.locationId, [...new Set(active.map((r) => r.unit.locationId!))]),
        gt(inventoryItems.onHand, 0),
      ),
    )
    .orderBy(asc(inventoryItems.sku));
  for (const r of active) {
    out.set(
      r.reservation.id,
      items
        .filter((i) => i.locationId === r.unit.locationId && i.ownerCreatorId === r.reservation.creatorId)
        .map(({ sku, name, onHand }) => ({ sku, name, onHand })),
    );
  }
  return out;
}
