import { and, asc, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studios, users } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { visibleBookings } from "./find-booking";

/** The bookings an actor may see, upcoming (ends after now) or past, newest relevant first. */
export async function listBookings(db: DbOrTx, actor: Actor, input: { when: "upcoming" | "past" | "all"; now: Date; limit?: number; roomId?: string }) {
  const filters: SQL[] = [visibleBookings(actor)];
  if (input.when === "upcoming") filters.push(gte(bookings.endsAt, input.now));
  if (input.when === "past") filters.push(lt(bookings.endsAt, input.now));
  if (input.roomId) filters.push(eq(bookings.roomId, input.roomId));
  return db
    .select({
      id: bookings.id,
      code: bookings.code,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      holdExpiresAt: bookings.holdExpiresAt,
      quote: bookings.quote,
      notes: bookings.notes,
      roomId: rooms.id,
      roomName: rooms.name,
      studioId: studios.id,
      studioName: studios.name,
      timeZone: studios.timeZone,
      creatorId: bookings.creatorId,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(and(...filters))
    .orderBy(input.when === "past" ? desc(bookings.startsAt) : asc(bookings.startsAt))
    .limit(Math.min(input.limit ?? 200, 500));
}

/** The booking as the API shows it. */
export function bookingJson(b: { id: string; code: string; status: string; roomId: string; startsAt: Date; endsAt: Date; quote: unknown; creatorId: string; notes?: string; holdExpiresAt?: Date | null }) {
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    roomId: b.roomId,
    creatorId: b.creatorId,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    holdExpiresAt: b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    notes: b.notes ?? "",
    quote: b.quote,
  };
}
