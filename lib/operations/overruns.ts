import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, users } from "@/db/schema";
import { overrunOf, overtimeTerms, type Overrun } from "../bookings/rules";
import { getPolicies } from "../policies/policies";
import type { Quote } from "../pricing";
import { MINUTE_MS } from "@/kernel/time";
import { OCCUPYING } from "../bookings/rules";

export type OverrunNow = {
  booking: { id: string; code: string; startsAt: Date; endsAt: Date; roomId: string };
  roomName: string;
  creatorName: string;
  overrun: Overrun;
  /** The next session in the room (held, confirmed or checked in), which the overrun keeps out. */
  next: { id: string; code: string; startsAt: Date; creatorName: string } | null;
};

/**
 * The sessions still checked in past their booked end now, in one studio or one booking of a workspace: who, in
 * which room, how long, the overtime a check-out would charge now, and the next session waiting for the room.
 * The run sheet and the booking page flag them and prompt staff to check the creator out.
 */
export async function overrunsNow(
  db: DbOrTx,
  where: { workspaceId: string; studioId?: string; bookingId?: string },
  now: Date,
): Promise<OverrunNow[]> {
  const rows = await db
    .select({ booking: bookings, room: rooms, creatorName: users.name, creatorEmail: users.email })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(
      and(
        eq(bookings.workspaceId, where.workspaceId),
        eq(bookings.status, "checked_in"),
        lte(bookings.endsAt, new Date(now.getTime() - MINUTE_MS)),
        where.studioId ? eq(rooms.studioId, where.studioId) : undefined,
        where.bookingId ? eq(bookings.id, where.bookingId) : undefined,
      ),
    )
    .orderBy(asc(bookings.endsAt));
  if (rows.length === 0) return [];
  const policies = await getPolicies(db, where.workspaceId);
  const earliest = new Date(Math.min(...rows.map((r) => r.booking.endsAt.getTime())));
  const following = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      roomId: bookings.roomId,
      startsAt: bookings.startsAt,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(
      and(
        inArray(bookings.roomId, [...new Set(rows.map((r) => r.booking.roomId))]),
        inArray(bookings.status, [...OCCUPYING]),
        gte(bookings.startsAt, earliest),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  return rows.flatMap(({ booking: b, room, creatorName, creatorEmail }) => {
    const overrun = overrunOf(b, overtimeTerms(room, policies, (b.quote as Quote).currency), now);
    if (!overrun) return [];
    const next = following.find((f) => f.roomId === b.roomId && f.id !== b.id && f.startsAt >= b.endsAt) ?? null;
    return [
      {
        booking: { id: b.id, code: b.code, startsAt: b.startsAt, endsAt: b.endsAt, roomId: b.roomId },
        roomName: room.name,
        creatorName: creatorName ?? creatorEmail,
        overrun,
        next: next
          ? {
              id: next.id,
              code: next.code,
              startsAt: next.startsAt,
              creatorName: next.creatorName ?? next.creatorEmail,
            }
          : null,
      },
    ];
  });
}
