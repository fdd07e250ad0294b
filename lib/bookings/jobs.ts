import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, rooms, studios } from "@/db/schema";
import { logger } from "../logger";
import { getPolicies } from "../policies/policies";
import { roomOccupancy } from "./room-occupancy";
import { noShowDueAt } from "./rules";
import { lockRoomOfBooking } from "./waitlist-offers";
import { daysAfter, minutesAfter } from "@/kernel/time";
import { applyNoShow } from "./floor-access";

/**
 * The no-show sweep (job loop): every confirmed booking nobody checked in to by its start plus the workspace's
 * grace period becomes a no-show, with its fee. Never while an earlier session is still checked in to its room
 * (an overrun: the creator could not get in), and then only the grace period after that session was checked out
 * (noShowDueAt). Idempotent: each booking is re-read under its room's and its own lock, and only a confirmed one
 * changes, so two sweeps (or two instances) never mark or charge twice. `workspaceId` limits a pass.
 */
export async function sweepNoShows(db: Db, now: Date, opts: { workspaceId?: string } = {}) {
  const candidates = await db
    .select({ id: bookings.id, workspaceId: bookings.workspaceId, startsAt: bookings.startsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.status, "confirmed"),
        lte(bookings.startsAt, now),
        sql`${bookings.endsAt} > ${daysAfter(now, -7).toISOString()}::timestamptz`,
        opts.workspaceId ? eq(bookings.workspaceId, opts.workspaceId) : undefined,
      ),
    )
    .limit(500);
  let marked = 0;
  const policies = new Map<string, number>();
  for (const c of candidates) {
    if (!policies.has(c.workspaceId))
      policies.set(c.workspaceId, (await getPolicies(db, c.workspaceId)).noShowGraceMinutes);
    if (now < minutesAfter(c.startsAt, policies.get(c.workspaceId)!)) continue;
    // One booking that cannot be swept (a stored quote that cannot be priced) is logged and left for the next
    // pass; it must not stop the others' no-shows, nor the jobs after this one.
    const done = await sweepOne(db, c.id, now).catch((err: unknown) => {
      logger.error({ err, bookingId: c.id }, "a booking could not be swept as a no-show; the others were");
      return false;
    });
    if (done) marked++;
  }
  return marked;
}

function sweepOne(db: Db, bookingId: string, now: Date) {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    // The job acts for no one: the booking, its room and studio are read directly (still confirmed, under lock).
    const [found] = await tx
      .select({ booking: bookings, room: rooms, studio: studios })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "confirmed")))
      .for("update", { of: bookings });
    if (!found) return false;
    // Under the room's lock, so a check-out of the overrun before it and this decision never interleave.
    const { noShowGraceMinutes } = await getPolicies(tx, found.booking.workspaceId);
    const due = noShowDueAt(found.booking, noShowGraceMinutes, await roomOccupancy(tx, found.booking));
    if (!due || now < due) return false;
    await applyNoShow(tx, found, null, now, "Nobody checked in (swept)");
    return true;
  });
}
