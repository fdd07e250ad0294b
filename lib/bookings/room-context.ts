import { and, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addOns, bookings, pricingRules, roomBlocks, rooms, studioClosures, studios } from "@/db/schema";
import type { Interval } from "../availability";

import { OCCUPYING } from "./rules";

export { OCCUPYING };

/**
 * Everything the rules need about one room around [from, to): the room (optionally locked `for update`, which
 * serialises bookings of that room and spares racing inserts the deadlocks STACK.md describes), its studio,
 * closures, peak rules, and the busy intervals (other bookings with their buffers, maintenance blocks).
 * With `expireHoldsAt`, holds on the room that ran out by then are expired first (after the lock).
 */
export async function loadRoomContext(
  db: DbOrTx,
  input: {
    workspaceId: string;
    roomId: string;
    from: Date;
    to: Date;
    lock?: boolean;
    excludeBookingId?: string;
    expireHoldsAt?: Date;
  },
) {
  const base = db
    .select({ room: rooms, studio: studios })
    .from(rooms)
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(rooms.id, input.roomId), eq(rooms.workspaceId, input.workspaceId)));
  const [row] = input.lock ? await base.for("update", { of: rooms }) : await base;
  if (!row) return null;
  if (input.expireHoldsAt) {
    // Holds that ran out free their time before any check, so they never block a real booking.
    await db
      .update(bookings)
      .set({ status: "expired", updatedAt: input.expireHoldsAt })
      .where(
        and(
          eq(bookings.roomId, row.room.id),
          eq(bookings.status, "held"),
          lt(bookings.holdExpiresAt, input.expireHoldsAt),
        ),
      );
  }
  const [closures, rules, taken, blocks] = await Promise.all([
    db
      .select({ startsOn: studioClosures.startsOn, endsOn: studioClosures.endsOn })
      .from(studioClosures)
      .where(eq(studioClosures.studioId, row.studio.id)),
    db.select().from(pricingRules).where(eq(pricingRules.roomId, row.room.id)),
    db
      .select({ id: bookings.id, start: bookings.startsAt, end: bookings.blockedUntil })
      .from(bookings)
      .where(
        and(
          eq(bookings.roomId, row.room.id),
          inArray(bookings.status, [...OCCUPYING]),
          lt(bookings.startsAt, input.to),
          gt(bookings.blockedUntil, input.from),
          input.excludeBookingId ? ne(bookings.id, input.excludeBookingId) : sql`true`,
        ),
      ),
    db
      .select({ start: roomBlocks.startsAt, end: roomBlocks.endsAt })
      .from(roomBlocks)
      .where(
        and(eq(roomBlocks.roomId, row.room.id), lt(roomBlocks.startsAt, input.to), gt(roomBlocks.endsAt, input.from)),
      ),
  ]);
  const booked: Interval[] = taken.map((b) => ({ start: b.start, end: b.end }));
  // `booked` (what a waitlist can wait out) and `blocks` (maintenance) apart, for the picker's taken slots.
  return {
    room: row.room,
    studio: row.studio,
    closures,
    peakRules: rules,
    busy: [...booked, ...blocks],
    booked,
    blocks,
  };
}
export type RoomContext = NonNullable<Awaited<ReturnType<typeof loadRoomContext>>>;

/** The chosen add-ons, if every id is an active add-on of the room's studio; otherwise null. */
export async function loadAddOns(db: DbOrTx, input: { workspaceId: string; studioId: string; ids: string[] }) {
  if (input.ids.length === 0) return [];
  const unique = [...new Set(input.ids)];
  const rows = await db
    .select()
    .from(addOns)
    .where(
      and(
        eq(addOns.workspaceId, input.workspaceId),
        eq(addOns.studioId, input.studioId),
        eq(addOns.active, true),
        inArray(addOns.id, unique),
      ),
    );
  return rows.length === unique.length ? rows : null;
}

/** The active add-ons a studio offers. */
export async function loadStudioAddOns(db: DbOrTx, input: { workspaceId: string; studioId: string }) {
  return db
    .select()
    .from(addOns)
    .where(
      and(eq(addOns.workspaceId, input.workspaceId), eq(addOns.studioId, input.studioId), eq(addOns.active, true)),
    );
}

/** A room of the workspace with its studio (null for another workspace's or an unknown id). */
export async function findRoomWithStudio(db: DbOrTx, input: { workspaceId: string; roomId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(input.roomId)) return null;
  const [row] = await db
    .select({ room: rooms, studio: studios })
    .from(rooms)
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(rooms.id, input.roomId), eq(rooms.workspaceId, input.workspaceId)));
  return row ?? null;
}
