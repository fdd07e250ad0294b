import { and, eq, gte, inArray, not, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studios, users } from "@/db/schema";
import { keyset, pageLimit, toPage, type PageRequest } from "../api/pagination";
import { str } from "../input";
import type { Actor } from "../auth/permissions";
import { visibleBookings } from "./find-booking";
import { OCCUPYING } from "./room-context";
import type { BookingJson } from "./response-schemas";
import type { Quote } from "../pricing";

type When = "upcoming" | "past" | "all";

// Upcoming and all run forward in time from the earliest start, past backward from the latest; then by id.
const forward = keyset("bookings", [{ expr: bookings.startsAt, type: "timestamptz" }], bookings.id, "asc");
const backward = keyset("bookings-past", [{ expr: bookings.startsAt, type: "timestamptz" }], bookings.id, "desc");
const orderOf = (when: When) => (when === "past" ? backward : forward);

/** `GET /api/v1/bookings`: `when`, and a page (`limit`, `cursor`: a cursor of another `when`'s order is a 400). */
export const bookingListQuerySchema = z
  .object({
    when: z
      .enum(["upcoming", "past", "all"], { error: "when must be upcoming, past or all" })
      .default("upcoming")
      .describe(
        "upcoming (held, confirmed or checked in, and ending after now; the default), past (ended, cancelled, expired or missed, newest first) or all (every one, oldest first)",
      ),
    limit: forward.querySchema().shape.limit,
    cursor: str().optional().describe("`nextCursor` of the previous page (opaque); leave it out for the first page"),
  })
  .transform(({ cursor, ...q }, ctx) => {
    const after = cursor ? orderOf(q.when).decode(cursor) : null;
    if (cursor && !after)
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "Not a cursor of this list: send `nextCursor` from the previous page unchanged",
      });
    return { ...q, after };
  });

/**
 * The bookings an actor may see, upcoming (held, confirmed or checked in, and ending after now) or past (the rest), newest relevant first. With `page`, the rows
 * after its cursor in a total order (start, then id), one more than the page's limit (see toPage).
 */
export async function listBookings(
  db: DbOrTx,
  actor: Actor,
  input: { when: When; now: Date; limit?: number; roomId?: string; page?: PageRequest },
) {
  const filters: (SQL | undefined)[] = [visibleBookings(actor)];
  // Upcoming is what is still going to happen: a cancelled, expired, completed or missed session is past, whenever it was for.
  const live = and(gte(bookings.endsAt, input.now), inArray(bookings.status, [...OCCUPYING]));
  if (input.when === "upcoming") filters.push(live);
  if (input.when === "past") filters.push(not(live!));
  if (input.roomId) filters.push(eq(bookings.roomId, input.roomId));
  const order = orderOf(input.when);
  if (input.page) filters.push(order.after(input.page.after));
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
      cursor: order.cursorColumn(),
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .innerJoin(users, eq(users.id, bookings.creatorId))
    .where(and(...filters))
    .orderBy(...order.orderBy())
    .limit(input.page ? pageLimit(input.page) : Math.min(input.limit ?? 200, 500));
}

/** One page of listBookings: its rows and the cursor of the next page (null on the last). */
export async function listBookingsPage(
  db: DbOrTx,
  actor: Actor,
  input: { when: When; now: Date; roomId?: string },
  page: PageRequest,
) {
  return toPage(await listBookings(db, actor, { ...input, page }), page);
}

/** The booking as the API shows it. */
export function bookingJson(b: {
  id: string;
  code: string;
  status: BookingJson["status"];
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  quote: unknown;
  creatorId: string;
  notes?: string;
  holdExpiresAt?: Date | null;
}): BookingJson {
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
    quote: b.quote as Quote, // the stored quote, as quotePrice wrote it
  };
}
