import { and, desc, eq, gt, lt, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, users } from "@/db/schema";
import type { RoomBefore } from "./rules";

/**
 * What came before a session in its room (see noShowDueAt): an earlier session still checked in, and when the
 * latest earlier one that ran into this session's start was checked out. The sweep and the front desk read it
 * under the room's lock, so a check-out and a sweep never decide on different rooms.
 */
export async function roomOccupancy(
  db: DbOrTx,
  b: { id: string; roomId: string; startsAt: Date },
): Promise<RoomBefore> {
  const rows = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      status: bookings.status,
      endsAt: bookings.endsAt,
      checkedOutAt: bookings.checkedOutAt,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(
      and(
        eq(bookings.roomId, b.roomId),
        ne(bookings.id, b.id),
        lt(bookings.startsAt, b.startsAt),
        or(
          eq(bookings.status, "checked_in"),
          and(eq(bookings.status, "completed"), gt(bookings.checkedOutAt, b.startsAt)),
        ),
      ),
    )
    .orderBy(desc(bookings.startsAt))
    .limit(10);
  const inRoom = rows.find((r) => r.status === "checked_in");
  const freedAt = rows.reduce<Date | null>(
    (latest, r) =>
      r.status === "completed" && r.checkedOutAt && (!latest || r.checkedOutAt > latest) ? r.checkedOutAt : latest,
    null,
  );
  return {
    occupiedBy: inRoom
      ? {
          id: inRoom.id,
          code: inRoom.code,
          endsAt: inRoom.endsAt,
          creatorName: inRoom.creatorName ?? inRoom.creatorEmail,
        }
      : null,
    freedAt,
  };
}
