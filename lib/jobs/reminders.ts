import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings, rooms, studios, users } from "@/db/schema";
import { enqueueBookingEmail } from "../bookings/emails";
import { logger } from "../logger";

const REMINDERS = [
  { key: "24h", hoursBefore: 24 },
  { key: "2h", hoursBefore: 2 },
] as const;

/**
 * Writes the 24-hour and 2-hour reminders of confirmed bookings that are due (start within that many hours and
 * still ahead). Idempotent: each reminder has a dedupe key, so running this twice, or on two instances at once,
 * sends each reminder once. A booking made less than 2 hours ahead gets no reminder it could not use.
 */
export async function sendDueReminders(db: Db, now: Date) {
  let written = 0;
  for (const r of REMINDERS) {
    const due = await db
      .select({ b: bookings, roomName: rooms.name, studioName: studios.name, studioAddress: studios.address, timeZone: studios.timeZone, email: users.email })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .innerJoin(users, eq(users.id, bookings.creatorId))
      .where(and(eq(bookings.status, "confirmed"), gt(bookings.startsAt, now), lte(bookings.startsAt, new Date(now.getTime() + r.hoursBefore * 3_600_000))))
      .limit(500);
    for (const row of due) {
      // A booking confirmed inside the window (e.g. 3 h ahead) needs no "tomorrow" reminder.
      if (r.key === "24h" && row.b.createdAt.getTime() > row.b.startsAt.getTime() - 24 * 3_600_000) continue;
      if (r.key === "2h" && row.b.createdAt.getTime() > row.b.startsAt.getTime() - 2 * 3_600_000) continue;
      // A booking whose reminder cannot be written is logged and tried again next pass; the others still go out.
      const id = await enqueueBookingEmail(db, {
        kind: "reminder",
        to: row.email,
        workspaceId: row.b.workspaceId,
        timeZone: row.timeZone,
        dedupeKey: `reminder:${r.key}:${row.b.id}`,
        extra: [r.key === "24h" ? "Your session is tomorrow." : "Your session starts in about 2 hours."],
        booking: {
          id: row.b.id,
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
        logger.error({ err, bookingId: row.b.id, reminder: r.key }, "a reminder could not be written; the others were");
        return null;
      });
      if (id) written++;
    }
  }
  return written;
}
