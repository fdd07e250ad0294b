import { and, asc, desc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, calendarFeeds, rooms, studios } from "@/db/schema";
import { can, canOperateStudio, type Actor } from "../auth/permissions";
import { hashSecret, newSecret } from "../auth/secrets";
import { bookingsFeed } from "../bookings/calendar";
import { fail, ok, type Result } from "../result";
import { DAY_MS } from "@/kernel/time";

const FEED_PREFIX = "cal_";

/**
 * A private calendar feed: a creator's own bookings, or (staff of that studio, managers, owners) one studio's.
 * The secret is returned once; only its hash is kept.
 */
export async function createFeed(
  db: DbOrTx,
  actor: Actor,
  input: { studioId?: string },
): Promise<Result<{ token: string; id: string }, "not_allowed">> {
  if (input.studioId ? !canOperateStudio(actor, input.studioId) : !can(actor, "calendar.own_feed"))
    return fail("not_allowed");
  if (input.studioId) {
    const [s] = await db
      .select({ id: studios.id })
      .from(studios)
      .where(and(eq(studios.id, input.studioId), eq(studios.workspaceId, actor.workspaceId)));
    if (!s) return fail("not_allowed");
  }
  const token = newSecret(FEED_PREFIX, 24);
  const [row] = await db
    .insert(calendarFeeds)
    .values({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      studioId: input.studioId ?? null,
      tokenHash: hashSecret(token),
    })
    .returning({ id: calendarFeeds.id });
  return ok({ token, id: row.id });
}

export async function listFeeds(db: DbOrTx, actor: Actor) {
  return db
    .select({
      id: calendarFeeds.id,
      studioId: calendarFeeds.studioId,
      studioName: studios.name,
      createdAt: calendarFeeds.createdAt,
      revokedAt: calendarFeeds.revokedAt,
    })
    .from(calendarFeeds)
    .leftJoin(studios, eq(studios.id, calendarFeeds.studioId))
    .where(and(eq(calendarFeeds.workspaceId, actor.workspaceId), eq(calendarFeeds.userId, actor.userId)))
    .orderBy(desc(calendarFeeds.createdAt));
}

export async function revokeFeed(
  db: DbOrTx,
  actor: Actor,
  feedId: string,
  now: Date,
): Promise<Result<{ id: string }, "not_found">> {
  if (!/^[0-9a-f-]{36}$/i.test(feedId)) return fail("not_found");
  const [row] = await db
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(
      and(
        eq(calendarFeeds.id, feedId),
        eq(calendarFeeds.workspaceId, actor.workspaceId),
        eq(calendarFeeds.userId, actor.userId),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .returning({ id: calendarFeeds.id });
  return row ? ok(row) : fail("not_found");
}

/** The iCalendar text behind a feed URL (30 days back, a year ahead), or null for an unknown or revoked one. */
export async function renderFeed(db: DbOrTx, token: string, now: Date) {
  if (!token.startsWith(FEED_PREFIX) || token.length > 100) return null;
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hashSecret(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const rows = await db
    .select({ b: bookings, roomName: rooms.name, studioName: studios.name, studioAddress: studios.address })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(
      and(
        eq(bookings.workspaceId, feed.workspaceId),
        feed.studioId ? eq(rooms.studioId, feed.studioId) : eq(bookings.creatorId, feed.userId),
        inArray(bookings.status, ["confirmed", "checked_in", "completed"]),
        gt(bookings.endsAt, new Date(now.getTime() - 30 * DAY_MS)),
        lt(bookings.startsAt, new Date(now.getTime() + 365 * DAY_MS)),
      ),
    )
    .orderBy(asc(bookings.startsAt))
    .limit(2000);
  const name = feed.studioId ? `Livebase: ${rows[0]?.studioName ?? "studio"}` : "Livebase: my bookings";
  return bookingsFeed(
    name,
    rows.map((r) => ({
      id: r.b.id,
      code: r.b.code,
      status: r.b.status,
      startsAt: r.b.startsAt,
      endsAt: r.b.endsAt,
      roomName: r.roomName,
      studioName: r.studioName,
      studioAddress: r.studioAddress,
      updatedAt: r.b.updatedAt,
    })),
  );
}
