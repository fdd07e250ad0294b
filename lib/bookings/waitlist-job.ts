import { and, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, rooms, waitlistEntries } from "@/db/schema";
import { offerFreedSlot } from "./waitlist-offers";
import { DAY_MS } from "@/kernel/time";

// Wide enough for every future waiting entry: the booking window is at most 365 days.
const ALL_AHEAD_MS = 400 * DAY_MS;

/**
 * The periodic job of the waitlist, idempotent (a second run at the same `now` changes nothing):
 * - entries still waiting for a time that has started lapse;
 * - holds that ran out expire (their offers lapse);
 * - each room with someone waiting is offered again, so time freed by any path (a hold that a booking attempt
 *   expired in passing, a lapsed offer) reaches the next in line within one run.
 * One short transaction per room, the room row locked first like every booking. `workspaceId` limits a run to one
 * workspace (tests, which share a database; the periodic job runs unscoped).
 */
export async function processExpiredOffers(db: Db, now: Date, scope: { workspaceId?: string } = {}) {
  const inScope = (column: typeof bookings.workspaceId | typeof waitlistEntries.workspaceId) =>
    scope.workspaceId ? eq(column, scope.workspaceId) : undefined;
  const started = await db
    .update(waitlistEntries)
    .set({ status: "lapsed" })
    .where(
      and(
        eq(waitlistEntries.status, "waiting"),
        lte(waitlistEntries.startsAt, now),
        inScope(waitlistEntries.workspaceId),
      ),
    )
    .returning({ id: waitlistEntries.id });
  const [lapsedHolds, waiting] = await Promise.all([
    db
      .selectDistinct({ roomId: bookings.roomId })
      .from(bookings)
      .where(and(eq(bookings.status, "held"), lte(bookings.holdExpiresAt, now), inScope(bookings.workspaceId))),
    db
      .selectDistinct({ roomId: waitlistEntries.roomId })
      .from(waitlistEntries)
      .where(and(inArray(waitlistEntries.status, ["waiting", "offered"]), inScope(waitlistEntries.workspaceId))),
  ]);
  const roomIds = [...new Set([...lapsedHolds, ...waiting].map((r) => r.roomId))];
  let expired = 0;
  let lapsed = started.length;
  const offered: string[] = [];
  for (const roomId of roomIds) {
    await db.transaction(async (tx) => {
      const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for("update");
      if (!room) return;
      const gone = await tx
        .update(bookings)
        .set({ status: "expired", updatedAt: now })
        .where(and(eq(bookings.roomId, roomId), eq(bookings.status, "held"), lte(bookings.holdExpiresAt, now)))
        .returning({ id: bookings.id });
      expired += gone.length;
      const r = await offerFreedSlot(tx, { roomId, from: now, to: new Date(now.getTime() + ALL_AHEAD_MS) }, now);
      lapsed += r.lapsed;
      offered.push(...r.offered);
    });
  }
  return { expired, lapsed, offered };
}
