import { describe, expect, it } from "vitest";
import { roomBlocks } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "./create-booking";
import { findAvailability } from "./find-availability";
import { createBookingSchema, waitlistJoinSchema } from "./schemas";
import { joinWaitlist } from "./waitlist";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`); // December: PST
const hhmm = (d: Date) => new Date(d.getTime() - 8 * 3_600_000).toISOString().slice(11, 16);
const times = (slots: { start: Date; end: Date }[]) => slots.map((s) => `${hhmm(s.start)}–${hhmm(s.end)}`);

describe("findAvailability: taken slots", () => {
  it("lists as taken the starts a booking or a hold occupies (turnover included), never a maintenance block, and marks the creator's waitlist", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const book = (start: string, end: string, hold = false) =>
      createBooking(
        db,
        createBookingSchema.parse({
          roomId: w.room.id,
          startsAt: la(start).toISOString(),
          endsAt: la(end).toISOString(),
          hold,
        }),
        w.creator2.actor,
        now,
      );
    expect((await book("2026-12-03T19:00:00", "2026-12-03T21:00:00")).ok).toBe(true); // confirmed, room kept until 21:15
    expect((await book("2026-12-04T12:00:00", "2026-12-04T13:00:00", true)).ok).toBe(true); // a hold, until 13:15
    await db.insert(roomBlocks).values({
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      startsAt: la("2026-12-05T12:00:00"),
      endsAt: la("2026-12-05T14:00:00"),
    });

    const week = (actor = w.creator.actor) =>
      findAvailability(db, actor, {
        roomId: w.room.id,
        from: "2026-12-03",
        to: "2026-12-05",
        durationMinutes: 120,
        now,
      });
    const found = await week();
    if (!found) throw new Error("room not found");
    const on = (date: string, slots: { start: Date; end: Date }[]) =>
      slots.filter((s) => new Date(s.start.getTime() - 8 * 3_600_000).toISOString().startsWith(date));
    // A start's own 2 hours + 15 minutes of turnover from 17:00 reach past 19:00; 21:00 is before the 21:15.
    expect(times(on("2026-12-03", found.taken))).toEqual([
      "17:00–19:00",
      "17:30–19:30",
      "18:00–20:00",
      "18:30–20:30",
      "19:00–21:00",
      "19:30–21:30",
      "20:00–22:00",
      "20:30–22:30",
      "21:00–23:00",
    ]);
    expect(times(on("2026-12-04", found.taken))).toEqual([
      "10:00–12:00",
      "10:30–12:30",
      "11:00–13:00",
      "11:30–13:30",
      "12:00–14:00",
      "12:30–14:30",
      "13:00–15:00",
    ]);
    expect(on("2026-12-05", found.taken)).toEqual([]); // maintenance: nothing to wait for
    // Taken and free never share a start.
    const free = new Set(found.slots.map((s) => s.start.getTime()));
    expect(found.taken.filter((s) => free.has(s.start.getTime()))).toEqual([]);
    expect(found.waiting).toEqual([]);

    const joined = await joinWaitlist(
      db,
      w.creator.actor,
      waitlistJoinSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T18:00:00").toISOString(),
        endsAt: la("2026-12-03T20:00:00").toISOString(),
      }),
      now,
    );
    expect(joined).toMatchObject({ ok: true, value: { created: true } });
    expect(times((await week())!.waiting)).toEqual(["18:00–20:00"]);
    // Only the creator's own entries: another creator waits for nothing here.
    expect((await week(w.creator2.actor))!.waiting).toEqual([]);
  });
});
