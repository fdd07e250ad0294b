import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, storageReservations, storageUnits, studios } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { samplesForBookings } from "../samples/session-samples";
import { tzMidnight } from "./run-sheet";
import { localDate } from "../studios/local-time";
import { DAY_MS } from "@/kernel/time";
import { OCCUPYING } from "../bookings/rules";

/**
 * Today across the workspace's studios (each on its own clock): sessions, check-ins, no-shows, rooms free now,
 * sessions whose samples are waiting or at risk, and storage occupancy tonight.
 */
export async function operatorToday(db: DbOrTx, actor: Actor, now: Date) {
  const studioRows = await db
    .select()
    .from(studios)
    .where(eq(studios.workspaceId, actor.workspaceId))
    .orderBy(studios.name);
  const out = [];
  for (const studio of studioRows) {
    const today = localDate(now, studio.timeZone);
    const start = tzMidnight(today, studio.timeZone);
    const end = new Date(start.getTime() + DAY_MS);
    const roomRows = await db
      .select({ id: rooms.id, name: rooms.name, active: rooms.active })
      .from(rooms)
      .where(eq(rooms.studioId, studio.id));
    const ids = roomRows.map((r) => r.id);
    const day = ids.length
      ? await db
          .select({
            id: bookings.id,
            roomId: bookings.roomId,
            status: bookings.status,
            startsAt: bookings.startsAt,
            blockedUntil: bookings.blockedUntil,
          })
          .from(bookings)
          .where(
            and(
              inArray(bookings.roomId, ids),
              inArray(bookings.status, ["confirmed", "checked_in", "completed", "no_show"]),
              lt(bookings.startsAt, end),
              gt(bookings.startsAt, start),
            ),
          )
      : [];
    const busyNow = ids.length
      ? await db
          .select({ roomId: bookings.roomId })
          .from(bookings)
          .where(
            and(
              inArray(bookings.roomId, ids),
              inArray(bookings.status, [...OCCUPYING]),
              lt(bookings.startsAt, now),
              gt(bookings.blockedUntil, now),
            ),
          )
      : [];
    const samples = await samplesForBookings(
      db,
      day.filter((b) => b.status === "confirmed" || b.status === "checked_in").map((b) => b.id),
      now,
    );
    const [units] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(storageUnits)
      .where(and(eq(storageUnits.studioId, studio.id), eq(storageUnits.active, true)));
    const [occupied] = await db
      .select({ n: sql<number>`count(distinct ${storageReservations.unitId})::int` })
      .from(storageReservations)
      .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
      .where(
        and(
          eq(storageUnits.studioId, studio.id),
          inArray(storageReservations.status, ["reserved", "active"]),
          sql`${storageReservations.firstNight} <= ${today}`,
          sql`(${storageReservations.lastNight} >= ${today} or ${storageReservations.status} = 'active')`,
        ),
      );
    const busy = new Set(busyNow.map((b) => b.roomId));
    out.push({
      studio,
      today,
      sessions: day.length,
      checkedIn: day.filter((b) => b.status === "checked_in" || b.status === "completed").length,
      noShows: day.filter((b) => b.status === "no_show").length,
      roomsFreeNow: roomRows.filter((r) => r.active && !busy.has(r.id)).map((r) => r.name),
      samplesWaiting: [...samples.values()].filter((s) => s.state === "waiting").length,
      samplesAtRisk: [...samples.values()].filter((s) => s.state === "at_risk").length,
      storage: { units: units.n, occupied: occupied.n },
    });
  }
  return out;
}

/**
 * Utilization by room and hour of the day (studio time) over the last `days` days: for each hour, the share of its
 * minutes that were booked (confirmed, checked in, completed or no-show), for the heatmap. Computed in SQL.
 */
export async function utilizationHeatmap(db: DbOrTx, actor: Actor, studioId: string, now: Date, days = 30) {
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
  if (!studio) return null;
  const from = new Date(now.getTime() - days * DAY_MS);
  const rows = await db.execute<{ room_id: string; hour: number; minutes: number }>(sql`
    with span as (
      select b.room_id, greatest(b.starts_at, ${from.toISOString()}::timestamptz) as s, least(b.ends_at, ${now.toISOString()}::timestamptz) as e
      from bookings b join rooms r on r.id = b.room_id
      where r.studio_id = ${studio.id} and b.status in ('confirmed', 'checked_in', 'completed', 'no_show')
        and b.starts_at < ${now.toISOString()}::timestamptz and b.ends_at > ${from.toISOString()}::timestamptz
    ), hours as (
      select room_id, generate_series(date_trunc('hour', s), e - interval '1 microsecond', interval '1 hour') as h, s, e from span where e > s
    )
    select room_id, extract(hour from (h at time zone ${studio.timeZone}))::int as hour,
           sum(extract(epoch from (least(h + interval '1 hour', e) - greatest(h, s))) / 60)::float as minutes
    from hours group by 1, 2`);
  const roomRows = await db
    .select({ id: rooms.id, name: rooms.name })
    .from(rooms)
    .where(eq(rooms.studioId, studio.id))
    .orderBy(rooms.name);
  return {
    studio,
    days,
    rooms: roomRows.map((room) => ({
      room,
      hours: Array.from({ length: 24 }, (_, hour) => {
        const minutes = rows
          .filter((r) => r.room_id === room.id && Number(r.hour) === hour)
          .reduce((n, r) => n + Number(r.minutes), 0);
        return { hour, percent: Math.round((minutes / (days * 60)) * 1000) / 10 };
      }),
    })),
  };
}
