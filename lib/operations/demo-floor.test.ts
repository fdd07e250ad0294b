import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rooms, storageLocations, storageUnits, studios } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { STUDIO_INSTANTS } from "@/db/testing/instants";
import { seedBusyFloor } from "@/db/seed/demo-floor";
import { storageBoard } from "../storage/board";
import { floorSheet, runSheet, shiftDate } from "./run-sheet";
import { localDate } from "../studios/local-time";

/**
 * Issue 11, item 22: the demo opens on a busy floor whatever the hour it is first run. The busy floor is seeded into
 * a studio with the demo's Los Angeles hours (09:00–02:00; round the clock on Friday and Saturday), then read back
 * through the same use cases the run sheet and the storage board use.
 */
describe("the demo's busy floor", () => {
  it.each(STUDIO_INSTANTS)(
    "at $name: today's run sheet has sessions (one under way while open), LA has bins, a reservation is overdue",
    async ({ at: now }) => {
      const db = testDb();
      const w = await bookingWorld(db);
      const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
        weekday === 5 || weekday === 6
          ? { weekday, opens: "00:00", closes: "00:00" }
          : { weekday, opens: "09:00", closes: "02:00" },
      );
      await db.update(studios).set({ openingHours: hours }).where(eq(studios.id, w.studio.id));
      const more = await db
        .insert(rooms)
        .values([
          {
            workspaceId: w.workspace.id,
            studioId: w.studio.id,
            name: "Set B2",
            hourlyRateCents: 8000,
            stepMinutes: 30,
            minMinutes: 120,
            maxMinutes: 600,
            bufferMinutes: 30,
          },
          {
            workspaceId: w.workspace.id,
            studioId: w.studio.id,
            name: "Set C",
            hourlyRateCents: 9500,
            stepMinutes: 60,
            minMinutes: 120,
            maxMinutes: 480,
            bufferMinutes: 45,
          },
          {
            workspaceId: w.workspace.id,
            studioId: w.studio.id,
            name: "Booth D",
            hourlyRateCents: 3500,
            stepMinutes: 15,
            minMinutes: 30,
            maxMinutes: 240,
            bufferMinutes: 10,
          },
        ])
        .returning();
      const [place] = await db
        .insert(storageLocations)
        .values({ workspaceId: w.workspace.id, studioId: w.studio.id, code: "Unit A2", kind: "unit" })
        .returning();
      const [unit] = await db
        .insert(storageUnits)
        .values({
          workspaceId: w.workspace.id,
          studioId: w.studio.id,
          code: "A2",
          size: "M",
          nightlyRateCents: 2500,
          locationId: place.id,
        })
        .returning();
      const lena = await makeMember(db, w.workspace.id, "creator");
      const marcus = await makeMember(db, w.workspace.id, "creator");
      await db.transaction((tx) =>
        seedBusyFloor(
          tx,
          {
            workspaceId: w.workspace.id,
            timeZone: w.studio.timeZone,
            openingHours: hours,
            studioId: w.studio.id,
            rooms: [w.room, ...more],
            lena: lena.user.id,
            marcus: marcus.user.id,
            staff: w.staff.user.id,
            unitA2: unit.id,
            unitA2Rate: 2500,
          },
          now,
        ),
      );

      // The sheet the floor opens on now (the run sheet page's default): past midnight, the evening's, still running.
      const today = localDate(now, w.studio.timeZone);
      const sheet = (await floorSheet(db, w.staff.actor, w.studio, now))!;
      const sessions = sheet.rooms.flatMap((r) => r.bookings);
      const open = now >= sheet.window.start && now < sheet.window.end;
      expect(sessions.length).toBeGreaterThanOrEqual(open ? 2 : 1);
      const underWay = sessions.filter(
        (b) => b.booking.status === "checked_in" && b.booking.startsAt <= now && b.booking.endsAt > now,
      );
      expect(underWay).toHaveLength(open ? 1 : 0);
      // Still to come: two sessions later today (past midnight, on the day's own sheet from 10:00), or late in the
      // evening, what would run past closing on tomorrow's.
      const coming = [];
      for (const date of new Set([sheet.date, today, shiftDate(today, 1)])) {
        const day = (await runSheet(db, w.staff.actor, { studioId: w.studio.id, date }, now))!;
        coming.push(
          ...day.rooms
            .flatMap((r) => r.bookings)
            .filter((b) => b.booking.status === "confirmed" && b.booking.startsAt > now),
        );
      }
      expect(new Set(coming.map((b) => b.booking.id)).size).toBe(open ? 2 : 3);

      const bins = await db
        .select()
        .from(storageLocations)
        .where(and(eq(storageLocations.studioId, w.studio.id), eq(storageLocations.kind, "bin")));
      expect(bins.length).toBeGreaterThanOrEqual(3);

      const board = (await storageBoard(db, w.manager.actor, w.studio.id, shiftDate(today, -5), 7, now))!;
      const overdue = board.units.flatMap((u) => u.reservations).filter((r) => r.overdue);
      expect(overdue).toHaveLength(1);
    },
  );
});
