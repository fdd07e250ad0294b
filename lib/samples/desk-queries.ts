import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { str } from "../input";
import type { DbOrTx } from "@/db/client";
import {
  bookings,
  brands,
  rooms,
  shipmentItems,
  shipmentReceipts,
  shipments,
  storageLocations,
  studios,
  users,
} from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { canWorkStock, visibleShipments } from "./access";
import { DAY_MS } from "@/kernel/time";
import { isUuid } from "@/kernel/ids";

/**
 * Small reads for the staff screens (receiving desk, inventory, a session's samples). They select only what the
 * screens show; the use cases in this folder check the same rules again when something changes.
 */

/** The studios whose stock the actor works: owners and managers every one; staff theirs. */
export async function workStudios(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone })
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(asc(studios.name));
  return rows.filter((s) => canWorkStock(actor, s.id));
}

/** Every studio of the workspace (names and clocks), to label stock that brands and creators see. */
export async function workspaceStudios(db: DbOrTx, actor: Actor) {
  return db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone })
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(asc(studios.name));
}

export async function workspaceBrands(db: DbOrTx, actor: Actor) {
  return db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(eq(brands.workspaceId, actor.workspaceId))
    .orderBy(asc(brands.name));
}

/** Names of the brands and creators that own stock, for the tables (ids of another workspace resolve to nothing). */
export async function ownerNames(
  db: DbOrTx,
  actor: Actor,
  ids: { brandIds: (string | null)[]; creatorIds: (string | null)[] },
) {
  const brandIds = [...new Set(ids.brandIds.filter((x): x is string => Boolean(x)))];
  const creatorIds = [...new Set(ids.creatorIds.filter((x): x is string => Boolean(x)))];
  const [brandRows, creatorRows] = await Promise.all([
    brandIds.length
      ? db
          .select({ id: brands.id, name: brands.name })
          .from(brands)
          .where(and(eq(brands.workspaceId, actor.workspaceId), inArray(brands.id, brandIds)))
      : [],
    creatorIds.length
      ? db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, creatorIds))
      : [],
  ]);
  return {
    brands: new Map(brandRows.map((b) => [b.id, b.name])),
    creators: new Map(creatorRows.map((c) => [c.id, c.name ?? c.email])),
  };
}

/** Bins and shelves of a studio that stock can be put on (a set's place is made by staging, never chosen). */
export async function shelves(db: DbOrTx, actor: Actor, studioId: string) {
  if (!canWorkStock(actor, studioId)) return [];
  return db
    .select({ id: storageLocations.id, code: storageLocations.code, kind: storageLocations.kind })
    .from(storageLocations)
    .where(
      and(
        eq(storageLocations.workspaceId, actor.workspaceId),
        eq(storageLocations.studioId, studioId),
        eq(storageLocations.active, true),
        inArray(storageLocations.kind, ["bin", "shelf"]),
      ),
    )
    .orderBy(asc(storageLocations.code));
}

/** The studio's sessions samples can be staged for: confirmed or under way, starting within `days`, not over yet. */
export async function stageableSessions(db: DbOrTx, actor: Actor, studioId: string, now: Date, days = 7) {
  if (!canWorkStock(actor, studioId)) return [];
  return db
    .select({
      id: bookings.id,
      code: bookings.code,
      startsAt: bookings.startsAt,
      roomName: rooms.name,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(
      and(
        eq(bookings.workspaceId, actor.workspaceId),
        eq(rooms.studioId, studioId),
        inArray(bookings.status, ["confirmed", "checked_in"]),
        gt(bookings.endsAt, now),
        lt(bookings.startsAt, new Date(now.getTime() + days * DAY_MS)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(200);
}

/** One receipt of a shipment the actor may see, line by line with the item and the place, to show what was counted. */
export async function findReceipt(db: DbOrTx, actor: Actor, shipmentId: string, receiptId: string) {
  if (!isUuid(receiptId) || !isUuid(shipmentId)) return null;
  const [row] = await db
    .select({ receipt: shipmentReceipts })
    .from(shipmentReceipts)
    .innerJoin(shipments, eq(shipments.id, shipmentReceipts.shipmentId))
    .where(
      and(eq(shipmentReceipts.id, receiptId), eq(shipmentReceipts.shipmentId, shipmentId), visibleShipments(actor)),
    );
  if (!row) return null;
  const lines = z
    .array(
      z.object({
        shipmentItemId: str(),
        received: z.number(),
        damaged: z.number().default(0),
        locationId: str().nullish(),
      }),
    )
    .catch([])
    .parse(row.receipt.lines);
  const counted = lines.filter((l) => l.received > 0);
  if (counted.length === 0) return { at: row.receipt.createdAt, lines: [] };
  const placeIds = counted.flatMap((l) => (l.locationId ? [l.locationId] : []));
  const [items, places] = await Promise.all([
    db
      .select({ id: shipmentItems.id, sku: shipmentItems.sku, name: shipmentItems.name })
      .from(shipmentItems)
      .where(
        and(
          eq(shipmentItems.shipmentId, shipmentId),
          inArray(
            shipmentItems.id,
            counted.map((l) => l.shipmentItemId),
          ),
        ),
      ),
    placeIds.length
      ? db
          .select({ id: storageLocations.id, code: storageLocations.code })
          .from(storageLocations)
          .where(inArray(storageLocations.id, placeIds))
      : [],
  ]);
  return {
    at: row.receipt.createdAt,
    lines: counted.map((l) => {
      const item = items.find((i) => i.id === l.shipmentItemId);
      return {
        sku: item?.sku ?? "?",
        name: item?.name ?? "",
        received: l.received,
        damaged: l.damaged,
        place: places.find((p) => p.id === l.locationId)?.code ?? null,
      };
    }),
  };
}
