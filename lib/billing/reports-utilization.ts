import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bookings, rooms, studioClosures } from "@/db/schema";
import { openingIntervals } from "../availability";
import { formatLocalDate } from "../availability/local-date";
import { monthsOf, type ReportRange } from "./report-schemas";
import {
  firstDayOf,
  intersectSpans,
  minutesWithin,
  monthBounds,
  nextMonth,
  unionSpans,
  type Span,
} from "./reports-time";
import { reportStudios } from "./reports-studios";

/** The bookings that used (or held on to) a room: not holds, not cancelled or expired ones. */
export const UTILIZED_STATUSES = ["confirmed", "checked_in", "completed", "no_show"] as const;

type RoomFigures = {
  studioId: string;
  studioName: string;
  timeZone: string;
  roomId: string;
  roomName: string;
  /** Opening hours of the studio, closure days excluded. */
  openMinutes: number;
  /** Booked time inside the opening hours. */
  bookedMinutes: number;
  /** booked / open × 100, one decimal; null when the room was never open. */
  utilizationPercent: number | null;
};
export type UtilizationRow = RoomFigures & { month: string };
export type UtilizationReport = {
  range: ReportRange;
  months: string[];
  rows: UtilizationRow[];
  totals: { byRoom: RoomFigures[] };
};

export const percent = (booked: number, open: number) => (open > 0 ? Math.round((booked / open) * 1000) / 10 : null);

/**
 * How much of its opening hours each room was booked, per month (months on the studio's own clock). Open minutes
 * come from the studio's weekly hours and closures through the availability engine, so a month with a DST change
 * has an hour more or less of it. Booked minutes are the confirmed, checked-in, completed and no-show bookings'
 * [starts_at, ends_at) (a no-show still took the room away from others; the turnover buffer is not counted),
 * clipped to the month and to the opening hours. Rooms that are switched off appear only if they were booked.
 */
export async function utilizationReport(
  db: DbOrTx,
  workspaceId: string,
  range: ReportRange,
): Promise<UtilizationReport> {
  const months = monthsOf(range);
  const [studioList, roomList, closures] = await Promise.all([
    reportStudios(db, workspaceId),
    db
      .select({ id: rooms.id, name: rooms.name, studioId: rooms.studioId, active: rooms.active })
      .from(rooms)
      .where(eq(rooms.workspaceId, workspaceId))
      .orderBy(asc(rooms.name), asc(rooms.id)),
    db
      .select({ studioId: studioClosures.studioId, startsOn: studioClosures.startsOn, endsOn: studioClosures.endsOn })
      .from(studioClosures)
      .where(eq(studioClosures.workspaceId, workspaceId)),
  ]);
  const boundsByStudio = new Map(studioList.map((s) => [s.id, monthBounds(s.timeZone, months)]));
  const allBounds = [...boundsByStudio.values()].flat();
  if (allBounds.length === 0) return { range, months, rows: [], totals: { byRoom: [] } };
  const lowest = new Date(Math.min(...allBounds.map((b) => b.start)));
  const highest = new Date(Math.max(...allBounds.map((b) => b.end)));

  const booked = await db
    .select({ roomId: bookings.roomId, start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, workspaceId),
        inArray(bookings.status, [...UTILIZED_STATUSES]),
        lt(bookings.startsAt, highest),
        gt(bookings.endsAt, lowest),
      ),
    );
  const bookedByRoom = new Map<string, Span[]>();
  for (const b of booked) {
    const list = bookedByRoom.get(b.roomId) ?? [];
    list.push({ start: b.start.getTime(), end: b.end.getTime() });
    bookedByRoom.set(b.roomId, list);
  }

  // The ranges that open on the last day before the first month can run past midnight into it.
  const fromDate = formatLocalDate(firstDayOf(months[0]) - 1);
  const toDate = formatLocalDate(firstDayOf(nextMonth(months[months.length - 1])) - 1);
  const rows: UtilizationRow[] = [];
  const byRoom: RoomFigures[] = [];
  for (const studio of studioList) {
    const bounds = boundsByStudio.get(studio.id) ?? [];
    // A range that runs past midnight into the next day's hours (Thursday 09:00–02:00, Friday 24 h) counts once.
    const open = unionSpans(
      openingIntervals({
        timeZone: studio.timeZone,
        openingHours: studio.openingHours,
        closures: closures.filter((c) => c.studioId === studio.id),
        from: fromDate,
        to: toDate,
      }).map((i) => ({ start: i.start.getTime(), end: i.end.getTime() })),
    );
    for (const room of roomList.filter((r) => r.studioId === studio.id)) {
      // Bookings no longer occupying the room (completed early, no-shows) may overlap later ones: count time once.
      const used = intersectSpans(unionSpans(bookedByRoom.get(room.id) ?? []), open);
      const perMonth = bounds.map((b) => ({
        month: b.month,
        openMinutes: minutesWithin(open, b),
        bookedMinutes: minutesWithin(used, b),
      }));
      const openMinutes = perMonth.reduce((n, m) => n + m.openMinutes, 0);
      const bookedMinutes = perMonth.reduce((n, m) => n + m.bookedMinutes, 0);
      if (!room.active && bookedMinutes === 0) continue;
      const base = {
        studioId: studio.id,
        studioName: studio.name,
        timeZone: studio.timeZone,
        roomId: room.id,
        roomName: room.name,
      };
      for (const m of perMonth)
        rows.push({ ...base, ...m, utilizationPercent: percent(m.bookedMinutes, m.openMinutes) });
      byRoom.push({ ...base, openMinutes, bookedMinutes, utilizationPercent: percent(bookedMinutes, openMinutes) });
    }
  }
  return { range, months, rows, totals: { byRoom } };
}
