import { addDays, format } from "date-fns";
import { and, asc, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  addOns,
  bookingAddOns,
  bookings,
  roomBlocks,
  rooms,
  storageReservations,
  storageUnits,
  studioClosures,
  studios,
  users,
} from "@/db/schema";
import { openingIntervals } from "../availability";
import { canOperateStudio, type Actor } from "../auth/permissions";
import { samplesForBookings } from "../samples/session-samples";
import { localDate, localDateTimeToInstant } from "../studios/local-time";
import { overrunsNow } from "./overruns";
import { HOUR_MS } from "@/kernel/time";

export const RUN_SHEET_STATUSES = ["held", "confirmed", "checked_in", "completed", "no_show"] as const;

/** A studio-local date (YYYY-MM-DD) of an instant. */

/**
 * The day's run sheet of one studio: its rooms, the time window of that day (opening hours, which may pass
 * midnight; a default window when closed), every booking with its creator, status, add-ons, notes, samples
 * readiness and the creator's storage units that night, and the maintenance blocks; and the studio's overruns
 * now (sessions still checked in past their end, with the overtime they are accruing). One query per kind of
 * thing, whatever the number of rooms and bookings.
 */
export async function runSheet(db: DbOrTx, actor: Actor, input: { studioId: string; date: string }, now: Date) {
  if (!canOperateStudio(actor, input.studioId)) return null;
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.id, input.studioId), eq(studios.workspaceId, actor.workspaceId)));
  if (!studio) return null;
  const closures = await db
    .select({ startsOn: studioClosures.startsOn, endsOn: studioClosures.endsOn, reason: studioClosures.reason })
    .from(studioClosures)
    .where(eq(studioClosures.studioId, studio.id));
  const open = openingIntervals({
    timeZone: studio.timeZone,
    openingHours: studio.openingHours,
    closures,
    from: input.date,
    to: input.date,
  });
  const dayStart = tzMidnight(input.date, studio.timeZone);
  const windowStart = open.length
    ? new Date(Math.min(...open.map((i) => i.start.getTime())))
    : new Date(dayStart.getTime() + 8 * HOUR_MS);
  const windowEnd = open.length
    ? new Date(Math.max(...open.map((i) => i.end.getTime())))
    : new Date(dayStart.getTime() + 22 * HOUR_MS);
  const closedBy = closures.find((c) => c.startsOn <= input.date && c.endsOn >= input.date) ?? null;

  const roomRows = await db.select().from(rooms).where(eq(rooms.studioId, studio.id)).orderBy(asc(rooms.name));
  const roomIds = roomRows.map((r) => r.id);
  const bookingRows = roomIds.length
    ? await db
        .select({ booking: bookings, creatorName: users.name, creatorEmail: users.email })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.creatorId))
        .where(
          and(
            inArray(bookings.roomId, roomIds),
            inArray(bookings.status, [...RUN_SHEET_STATUSES]),
            lt(bookings.startsAt, windowEnd),
            gt(bookings.blockedUntil, windowStart),
          ),
        )
        .orderBy(asc(bookings.startsAt))
    : [];
  const ids = bookingRows.map((b) => b.booking.id);
  const [extras, blocks, samples, stored, overruns] = await Promise.all([
    ids.length
      ? db
          .select({ bookingId: bookingAddOns.bookingId, name: addOns.name, quantity: bookingAddOns.quantity })
          .from(bookingAddOns)
          .innerJoin(addOns, eq(addOns.id, bookingAddOns.addOnId))
          .where(inArray(bookingAddOns.bookingId, ids))
      : [],
    roomIds.length
      ? db
          .select()
          .from(roomBlocks)
          .where(
            and(
              inArray(roomBlocks.roomId, roomIds),
              lt(roomBlocks.startsAt, windowEnd),
              gt(roomBlocks.endsAt, windowStart),
            ),
          )
      : [],
    samplesForBookings(db, ids, now),
    bookingRows.length
      ? db
          .select({
            creatorId: storageReservations.creatorId,
            code: storageUnits.code,
            status: storageReservations.status,
          })
          .from(storageReservations)
          .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
          .where(
            and(
              eq(storageUnits.studioId, studio.id),
              inArray(storageReservations.creatorId, [...new Set(bookingRows.map((b) => b.booking.creatorId))]),
              inArray(storageReservations.status, ["reserved", "active"]),
              lte(storageReservations.firstNight, input.date),
              sql`(${storageReservations.lastNight} >= ${input.date} or ${storageReservations.status} = 'active')`,
            ),
          )
      : [],
    // Flagged whatever day the sheet shows: an overrun is about now, and may have begun on an earlier sheet.
    overrunsNow(db, { workspaceId: actor.workspaceId, studioId: studio.id }, now),
  ]);
  return {
    studio,
    date: input.date,
    today: localDate(now, studio.timeZone),
    window: { start: windowStart, end: windowEnd },
    open,
    closedBy,
    overruns,
    rooms: roomRows.map((room) => ({
      room,
      blocks: blocks.filter((b) => b.roomId === room.id),
      bookings: bookingRows
        .filter((b) => b.booking.roomId === room.id)
        .map((b) => ({
          ...b,
          addOns: extras
            .filter((e) => e.bookingId === b.booking.id)
            .map((e) => (e.quantity > 1 ? `${e.name} × ${e.quantity}` : e.name)),
          samples: samples.get(b.booking.id) ?? null,
          storage: stored.filter((s) => s.creatorId === b.booking.creatorId).map((s) => s.code),
          overrun: overruns.find((o) => o.booking.id === b.booking.id)?.overrun ?? null,
        })),
    })),
  };
}
export type RunSheet = NonNullable<Awaited<ReturnType<typeof runSheet>>>;

/** Midnight of a studio-local date, as an instant (the first valid minute on a day the clocks jump at midnight). */
export function tzMidnight(date: string, timeZone: string) {
  return (
    localDateTimeToInstant(`${date}T00:00`, timeZone) ??
    localDateTimeToInstant(`${date}T01:00`, timeZone) ??
    new Date(`${date}T00:00:00Z`)
  );
}

/**
 * The floor's "today": the sheet of the studio's date now, except after midnight and before the day's opening,
 * when the floor is still running yesterday's sheet (a studio open until 02:00), shown while it lasts.
 */
export async function floorSheet(db: DbOrTx, actor: Actor, studio: { id: string; timeZone: string }, now: Date) {
  const sheet = await runSheet(db, actor, { studioId: studio.id, date: localDate(now, studio.timeZone) }, now);
  if (!sheet || now >= sheet.window.start) return sheet;
  const yesterday = await runSheet(db, actor, { studioId: studio.id, date: shiftDate(sheet.date, -1) }, now);
  return yesterday && now < yesterday.window.end ? yesterday : sheet;
}

/** The studios the actor runs (staff: theirs; owners and managers: all), for the run sheet's studio picker. */
export async function operatedStudios(db: DbOrTx, actor: Actor) {
  const rows = await db
    .select()
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(asc(studios.name));
  return rows.filter((s) => canOperateStudio(actor, s.id));
}

/** The date `days` after a studio-local date (for the previous / next day links). */
export const shiftDate = (date: string, days: number) =>
  format(addDays(new Date(`${date}T12:00:00Z`), days), "yyyy-MM-dd");
