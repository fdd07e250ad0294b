import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, notifications, rooms, studios, users, type Booking } from "@/db/schema";
import { enqueueBookingEmail } from "../bookings/emails";
import { logger } from "../logger";

const REMINDERS = [
  { key: "24h", hoursBefore: 24 },
  { key: "2h", hoursBefore: 2 },
] as const;

const BATCH = 200;

/** The outbox key of one reminder: at most one message per key, ever, which is what makes a reminder go out once. */
const reminderKey = (key: string, bookingId: string) => `reminder:${key}:${bookingId}`;

/**
 * Writes the 24-hour and 2-hour reminders of confirmed bookings that are due (start within that many hours and
 * still ahead), soonest first, in batches until none is left: however many workspaces and bookings there are,
 * every due reminder goes out in this pass. Only bookings without that reminder in the outbox are read, so a
 * pass never rereads what it already did. Idempotent: the reminder's dedupe key is claimed by the insert itself,
 * so running this twice, or on two instances at once, writes each reminder once. A booking made less than that
 * many hours ahead gets no reminder of that kind (it could not use it).
 */
export async function sendDueReminders(db: Db, now: Date) {
  let written = 0;
  for (const r of REMINDERS) {
    const prefix = reminderKey(r.key, "");
    // Keyset paging on (starts_at, id): a row whose reminder failed is passed over (and retried next pass),
    // never read again in this one.
    let after: { startsAt: string; id: string } | null = null;
    for (;;) {
      const due = await db
        .select({
          b: bookings,
          roomName: rooms.name,
          studioName: studios.name,
          studioAddress: studios.address,
          timeZone: studios.timeZone,
          email: users.email,
        })
        .from(bookings)
        .innerJoin(rooms, eq(rooms.id, bookings.roomId))
        .innerJoin(studios, eq(studios.id, rooms.studioId))
        .innerJoin(users, eq(users.id, bookings.creatorId))
        .where(
          and(
            eq(bookings.status, "confirmed"),
            gt(bookings.startsAt, now),
            lte(bookings.startsAt, new Date(now.getTime() + r.hoursBefore * 3_600_000)),
            // A booking confirmed inside the window (e.g. 3 h ahead) needs no "tomorrow" reminder.
            lte(bookings.createdAt, sql`${bookings.startsAt} - make_interval(hours => ${r.hoursBefore})`),
            sql`not exists (select 1 from ${notifications} where ${notifications.dedupeKey} = ${prefix}::text || ${bookings.id}::text)`,
            after
              ? sql`(${bookings.startsAt}, ${bookings.id}) > (${after.startsAt}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(bookings.startsAt), asc(bookings.id))
        .limit(BATCH);
      for (const row of due) {
        // A booking whose reminder cannot be written is logged and tried again next pass; the others still go out.
        const id = await enqueueBookingEmail(db, {
          kind: "reminder",
          to: row.email,
          workspaceId: row.b.workspaceId,
          timeZone: row.timeZone,
          dedupeKey: reminderKey(r.key, row.b.id),
          at: now,
          extra: [r.key === "24h" ? "Your session is tomorrow." : "Your session starts in about 2 hours."],
          booking: {
            id: row.b.id,
            roomId: row.b.roomId,
            code: row.b.code,
            status: row.b.status,
            startsAt: row.b.startsAt,
            endsAt: row.b.endsAt,
            roomName: row.roomName,
            studioName: row.studioName,
            studioAddress: row.studioAddress,
            updatedAt: row.b.updatedAt,
          },
        }).catch((err: unknown) => {
          logger.error(
            { err, bookingId: row.b.id, reminder: r.key },
            "a reminder could not be written; the others were",
          );
          return null;
        });
        if (id) written++;
      }
      if (due.length < BATCH) break;
      const last: Booking = due[due.length - 1].b;
      after = { startsAt: last.startsAt.toISOString(), id: last.id };
    }
  }
  return written;
}
