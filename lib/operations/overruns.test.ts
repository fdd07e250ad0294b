import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, users, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { checkOutBooking } from "../bookings/check-out-booking";
import { overrunsNow } from "./overruns";
import { runSheet } from "./run-sheet";

const MINUTE = 60_000;
const now = new Date("2026-12-03T03:50:00Z"); // 19:50 on a Wednesday in Los Angeles
const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
let codes = 0;

/** A 2-hour session in the world's room (written directly, at any hour), $60 an hour. */
async function session(
  w: Awaited<ReturnType<typeof bookingWorld>>,
  creatorId: string,
  startsAt: Date,
  status: "confirmed" | "checked_in" = "confirmed",
) {
  const endsAt = new Date(startsAt.getTime() + 120 * MINUTE);
  const code = `OV${String(++codes).padStart(4, "0")}`.replace(/^(...)(...)$/, "$1-$2");
  const [b] = await testDb()
    .insert(bookings)
    .values({
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      creatorId,
      code,
      status,
      checkedInAt: status === "checked_in" ? startsAt : null,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + 15 * MINUTE),
      quote: { currency: "USD", minutes: 120, subtotalCents: 12_000, totalCents: 12_000, lines: [] },
    })
    .returning();
  return b;
}

describe("overruns now", () => {
  it("flag a session still checked in past its end with the overtime a check-out would charge, and who waits for the room", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    await db.update(users).set({ name: "Kai" }).where(eq(users.id, w.creator2.user.id));
    const overrun = await session(w, w.creator.user.id, at(-155), "checked_in");
    const waiting = await session(w, w.creator2.user.id, at(-20));
    const [flag, ...more] = await overrunsNow(db, { workspaceId: w.workspace.id, studioId: w.studio.id }, now);
    expect(more).toEqual([]);
    // 35 minutes late: 3 started blocks of 15 minutes at 150 % of $60 an hour.
    expect(flag).toMatchObject({
      booking: { id: overrun.id, code: overrun.code },
      roomName: w.room.name,
      overrun: { minutes: 35, blocks: 3, overtimeCents: 3 * 2250, currency: "USD" },
      next: { id: waiting.id, code: waiting.code, creatorName: "Kai" },
    });
    // ... which is what checking out now charges.
    expect(await checkOutBooking(db, w.staff.actor, overrun.id, now)).toMatchObject({
      ok: true,
      value: { overtimeCents: flag.overrun.overtimeCents },
    });
    expect(await overrunsNow(db, { workspaceId: w.workspace.id, studioId: w.studio.id }, now)).toEqual([]);
  });

  it("follow the workspace's overtime policy, and leave a session within its booked time or of another workspace alone", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const other = await bookingWorld(db);
    await db
      .update(workspaces)
      .set({ policies: { overtimeGraceMinutes: 10, overtimeRatePercent: 200 } })
      .where(eq(workspaces.id, w.workspace.id));
    const running = await session(w, w.creator.user.id, at(-60), "checked_in");
    expect(await overrunsNow(db, { workspaceId: w.workspace.id }, now)).toEqual([]);
    // 8 minutes past the end, within the 10 minutes' grace: flagged, with nothing charged yet.
    expect(await overrunsNow(db, { workspaceId: w.workspace.id, bookingId: running.id }, at(68))).toMatchObject([
      { overrun: { minutes: 8, blocks: 0, overtimeCents: 0 }, next: null },
    ]);
    expect(await overrunsNow(db, { workspaceId: w.workspace.id, bookingId: running.id }, at(76))).toMatchObject([
      { overrun: { minutes: 16, blocks: 2, overtimeCents: 2 * 3000 } },
    ]);
    expect(await overrunsNow(db, { workspaceId: other.workspace.id, bookingId: running.id }, at(76))).toEqual([]);
  });

  it("are on the run sheet, for the session's block and at the top, whatever day the sheet shows", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const overrun = await session(w, w.creator.user.id, at(-155), "checked_in");
    const today = await runSheet(db, w.staff.actor, { studioId: w.studio.id, date: "2026-12-02" }, now);
    expect(today?.overruns.map((o) => o.booking.id)).toEqual([overrun.id]);
    const block = today?.rooms.flatMap((r) => r.bookings).find((b) => b.booking.id === overrun.id);
    expect(block?.overrun).toMatchObject({ minutes: 35, overtimeCents: 3 * 2250 });
    const nextWeek = await runSheet(db, w.staff.actor, { studioId: w.studio.id, date: "2026-12-09" }, now);
    expect(nextWeek?.overruns.map((o) => o.booking.id)).toEqual([overrun.id]);
  });
});
