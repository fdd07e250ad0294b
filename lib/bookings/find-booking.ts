import { and, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studios } from "@/db/schema";
import { bookingScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { isUuid } from "@/kernel/ids";

/** Which bookings an actor may see: `bookingScope` (lib/auth/permissions) on the booking's room and creator. */
export function visibleBookings(actor: Actor): SQL {
  return scopeWhere(actor, bookingScope(actor), {
    workspace: bookings.workspaceId,
    studio: rooms.studioId,
    creator: bookings.creatorId,
  });
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
