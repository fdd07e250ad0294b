import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studios } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { isUuid } from "@/kernel/ids";

/**
 * Which bookings an actor may see: creators their own, staff those in their studios, owners and managers the
 * workspace's, brands none. Always within the actor's workspace.
 */
export function visibleBookings(actor: Actor): SQL {
  const inWorkspace = eq(bookings.workspaceId, actor.workspaceId);
  switch (actor.role) {
    case "owner":
    case "manager":
      return inWorkspace;
    case "staff":
      return actor.studioIds.length ? and(inWorkspace, inArray(rooms.studioId, actor.studioIds))! : sql`false`;
    case "creator":
      return and(inWorkspace, eq(bookings.creatorId, actor.userId))!;
    default:
      return sql`false`;
  }
}

/** One booking with its room and studio, if the actor may see it (else null: answered as 404). */
export async function findBooking(db: DbOrTx, actor: Actor, bookingId: string, opts: { lock?: boolean } = {}) {
  if (!isUuid(bookingId)) return null;
  const q = db
    .select({ booking: bookings, room: rooms, studio: studios })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(bookings.id, bookingId), visibleBookings(actor)));
  const [row] = opts.lock ? await q.for("update", { of: bookings }) : await q;
  return row ?? null;
}
export type FoundBooking = NonNullable<Awaited<ReturnType<typeof findBooking>>>;
