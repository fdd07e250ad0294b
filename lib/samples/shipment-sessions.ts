import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studios } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";

/** `code` is null for those who may not know it (brands: it is the check-in QR). */
export type ShipmentSession = {
  id: string;
  code: string | null;
  startsAt: Date;
  status: string;
  roomName: string;
  timeZone: string;
};

/**
 * The sessions a list of shipments was sent for (code, start, room and the studio's zone), by booking id. The
 * caller passes only booking ids of shipments the actor may already see, so no visibility rule is repeated here;
 * the workspace is still checked so an id can never reach across workspaces.
 */
export async function sessionsOfShipments(
  db: DbOrTx,
  actor: Actor,
  bookingIds: string[],
): Promise<Map<string, ShipmentSession>> {
  const ids = [...new Set(bookingIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      startsAt: bookings.startsAt,
      status: bookings.status,
      roomName: rooms.name,
      timeZone: studios.timeZone,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(bookings.workspaceId, actor.workspaceId), inArray(bookings.id, ids)));
  const mayKnowCode = can(actor, "bookings.code");
  return new Map(rows.map((r) => [r.id, { ...r, code: mayKnowCode ? r.code : null }]));
}
