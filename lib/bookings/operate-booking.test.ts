import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, charges, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { makeWorkspace } from "@/db/testing/factories";
import type { Quote } from "../pricing";
import { createBooking } from "./create-booking";
import { checkInBooking } from "./check-in-booking";
import { checkInByCode } from "./check-in-by-code";
import { checkOutBooking } from "./check-out-booking";
import { extendBooking } from "./extend-booking";
import { markNoShow } from "./mark-no-show";
import { sweepNoShows } from "./jobs";
import { undoNoShow } from "./undo-no-show";
import { createBookingSchema } from "./schemas";

const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function sessionAt(startLocal: string, endLocal: string) {
  const db = testDb();
  const w = await bookingWorld(db);
  const r = await createBooking(
    db,
    createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la(startLocal).toISOString(),
      endsAt: la(endLocal).toISOString(),
    }),
    w.creator.actor,
    now,
  );
  if (!r.ok) throw new Error(r.error);
  return { db, w, booking: r.value };
}
const overtimeOf = (bookingId: string) =>
  testDb()
    .select()
    .from(charges)
    .where(and(eq(charges.bookingId, bookingId), eq(charges.kind, "overtime")));

describe("check-in at the desk", () => {
  it("takes the code however it is typed, and says when a code is of another studio or another day", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    const other = await makeWorkspace(db);
    expect(
      await checkInByCode(
        db,
        w.staff.actor,
        { studioId: other.studio.id, code: booking.code },
        minutes(booking.startsAt, -10),
      ),
    ).toMatchObject({ ok: false, error: "wrong_studio" });
    expect(
      await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: booking.code }, la("2026-12-02T19:00:00")),
    ).toMatchObject({ ok: false, error: "wrong_day", message: expect.stringContaining("Thu 3 Dec 2026, 19:00") });
    expect(await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: "ZZZ-ZZZ" }, now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(
      await checkInByCode(
        db,
        w.staff.actor,
        { studioId: w.studio.id, code: booking.code },
        minutes(booking.startsAt, -61),
      ),
    ).toMatchObject({ ok: false, error: "too_early" });
    const typed = ` ${booking.code.replace("-", "").toLowerCase()} `;
    expect(
      await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: typed }, minutes(booking.startsAt, -5)),
    ).toMatchObject({ ok: true, value: { status: "checked_in" } });
  });

  it("opens check-in as early as the workspace's policy says", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await db
      .update(workspaces)
      .set({ policies: { checkInOpensMinutes: 15 } })
      .where(eq(workspaces.id, w.workspace.id));
    expect(await checkInBooking(db, w.staff.actor, booking.id, minutes(booking.startsAt, -20))).toMatchObject({
      ok: false,
      error: "too_early",
    });
    expect((await checkInBooking(db, w.staff.actor, booking.id, minutes(booking.startsAt, -15))).ok).toBe(true);
  });
});

describe("check-out and overtime", () => {
  it("charges 3 overtime blocks of 15 minutes for a check-out 40 minutes late, at 150 % of the room rate", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await checkInBooking(db, w.staff.actor, booking.id, booking.startsAt);
    const out = await checkOutBooking(db, w.staff.actor, booking.id, minutes(booking.endsAt, 41), {
      endedAt: minutes(booking.endsAt, 40),
    });
    expect(out).toMatchObject({ ok: true, value: { overtimeCents: 3 * 2250 } });
    const rows = await overtimeOf(booking.id);
    expect(rows.map((r) => r.amountCents)).toEqual([2250, 2250, 2250]);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row.checkedOutAt?.toISOString()).toBe(minutes(booking.endsAt, 40).toISOString());
  });

  it(`gives one set of overtime charges when two staff check out at once (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await checkInBooking(db, w.staff.actor, booking.id, booking.startsAt);
    const at = minutes(booking.endsAt, 40);
    const results = await Promise.all([
      checkOutBooking(db, w.staff.actor, booking.id, at),
      checkOutBooking(db, w.manager.actor, booking.id, at),
      checkOutBooking(db, w.staff.actor, booking.id, at),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await overtimeOf(booking.id)).toHaveLength(3);
    expect(
      await db
        .select()
        .from(charges)
        .where(and(eq(charges.bookingId, booking.id), eq(charges.kind, "room_time"))),
    ).toHaveLength(1);
  });

  it("lets the creator check themselves out, not others; refuses an end in the future or before the check-in", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await checkInBooking(db, w.staff.actor, booking.id, booking.startsAt);
    expect(await checkOutBooking(db, w.creator2.actor, booking.id, booking.endsAt)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(
      await checkOutBooking(db, w.creator.actor, booking.id, booking.endsAt, { endedAt: minutes(booking.endsAt, 10) }),
    ).toMatchObject({ ok: false, error: "invalid" });
    expect(
      await checkOutBooking(db, w.creator.actor, booking.id, booking.endsAt, {
        endedAt: minutes(booking.startsAt, -1),
      }),
    ).toMatchObject({ ok: false, error: "invalid" });
    expect(await checkOutBooking(db, w.creator.actor, booking.id, booking.endsAt)).toMatchObject({
      ok: true,
      value: { overtimeCents: 0 },
    });
  });

  it("extends a live session when the room is free after it, pricing the longer time; not over the next booking", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await checkInBooking(db, w.staff.actor, booking.id, booking.startsAt);
    // A dry run prices it (one more hour: $60 added) and changes nothing; the real one then does the same.
    const priced = await extendBooking(
      db,
      w.staff.actor,
      booking.id,
      la("2026-12-03T22:00:00"),
      minutes(booking.startsAt, 60),
      { dryRun: true },
    );
    expect(priced).toMatchObject({ ok: true, value: { addedCents: 6000, endsAt: la("2026-12-03T22:00:00") } });
    const [unchanged] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(unchanged.endsAt).toEqual(booking.endsAt);
    expect((unchanged.quote as Quote).totalCents).toBe(2 * 6000);
    const longer = await extendBooking(
      db,
      w.staff.actor,
      booking.id,
      la("2026-12-03T22:00:00"),
      minutes(booking.startsAt, 60),
    );
    expect(longer).toMatchObject({ ok: true, value: { addedCents: 6000 } });
    if (!longer.ok) return;
    expect((longer.value.quote as Quote).totalCents).toBe(3 * 6000);
    const next = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T22:30:00").toISOString(),
        endsAt: la("2026-12-03T23:30:00").toISOString(),
      }),
      w.creator2.actor,
      now,
    );
    expect(next.ok).toBe(true);
    expect(
      await extendBooking(db, w.staff.actor, booking.id, la("2026-12-03T22:30:00"), minutes(booking.startsAt, 90)),
    ).toMatchObject({ ok: false, error: "slot_taken" });
    expect(
      await extendBooking(db, w.staff.actor, booking.id, la("2026-12-03T22:30:00"), minutes(booking.startsAt, 90), {
        dryRun: true,
      }),
    ).toMatchObject({ ok: false, error: "slot_taken" });
  });
});

describe("no-shows", () => {
  it("are swept after the grace period with their fee, once however often the sweep runs, freeing the rest of the slot", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T22:00:00");
    await db
      .update(workspaces)
      .set({ policies: { minNoticeMinutes: 0 } })
      .where(eq(workspaces.id, w.workspace.id));
    const scope = { workspaceId: w.workspace.id };
    expect(await sweepNoShows(db, minutes(booking.startsAt, 14), scope)).toBe(0);
    const at = minutes(booking.startsAt, 16);
    const [a, b] = await Promise.all([sweepNoShows(db, at, scope), sweepNoShows(db, at, scope)]);
    expect(a + b).toBe(1);
    expect(await sweepNoShows(db, minutes(at, 1), scope)).toBe(0);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row.status).toBe("no_show");
    expect(
      await db
        .select()
        .from(charges)
        .where(and(eq(charges.bookingId, booking.id), eq(charges.kind, "no_show_fee"))),
    ).toHaveLength(1);
    // A walk-in takes the rest of the slot.
    const walkIn = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T19:30:00").toISOString(),
        endsAt: la("2026-12-03T21:00:00").toISOString(),
        creatorId: w.creator2.user.id,
      }),
      w.staff.actor,
      minutes(at, 5),
    );
    expect(walkIn.ok).toBe(true);
  });

  it("are never swept or marked while the session before is still checked in past its end; the grace then runs from its check-out", async () => {
    const { db, w, booking: first } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    const made = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T21:30:00").toISOString(),
        endsAt: la("2026-12-03T23:30:00").toISOString(),
        creatorId: w.creator2.user.id,
      }),
      w.staff.actor,
      now,
    );
    if (!made.ok) throw new Error(made.error);
    const next = made.value;
    const scope = { workspaceId: w.workspace.id };
    await checkInBooking(db, w.staff.actor, first.id, first.startsAt);
    // 21:50: the first creator is still in the room, 50 minutes past her end; the next one could not get in.
    const locked = minutes(next.startsAt, 20);
    expect(await sweepNoShows(db, locked, scope)).toBe(0);
    expect(await markNoShow(db, w.staff.actor, next.id, locked)).toMatchObject({
      ok: false,
      error: "too_early",
      message: expect.stringContaining(`(${first.code}) is still checked in to this room`),
    });
    // She leaves at 21:55 (4 overtime blocks): the next creator's grace period runs from then, not from 21:30.
    expect(
      await checkOutBooking(db, w.staff.actor, first.id, minutes(next.startsAt, 26), {
        endedAt: minutes(next.startsAt, 25),
      }),
    ).toMatchObject({ ok: true, value: { overtimeCents: 4 * 2250 } });
    expect(await sweepNoShows(db, minutes(next.startsAt, 39), scope)).toBe(0);
    expect(await markNoShow(db, w.staff.actor, next.id, minutes(next.startsAt, 39))).toMatchObject({
      ok: false,
      error: "too_early",
      message: expect.stringContaining("left the room at 21:55"),
    });
    expect(await sweepNoShows(db, minutes(next.startsAt, 40), scope)).toBe(1);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, next.id));
    expect(row.status).toBe("no_show");
  });

  it("in another room, or after an earlier session that left in time, are swept as before", async () => {
    const { db, w, booking: first } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    const made = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T21:30:00").toISOString(),
        endsAt: la("2026-12-03T23:30:00").toISOString(),
        creatorId: w.creator2.user.id,
      }),
      w.staff.actor,
      now,
    );
    if (!made.ok) throw new Error(made.error);
    await checkInBooking(db, w.staff.actor, first.id, first.startsAt);
    expect(
      (await checkOutBooking(db, w.staff.actor, first.id, minutes(first.endsAt, 1), { endedAt: first.endsAt })).ok,
    ).toBe(true);
    expect(await sweepNoShows(db, minutes(made.value.startsAt, 15), { workspaceId: w.workspace.id })).toBe(1);
  });

  it("can be undone the same day with a reason (the fee is voided), not the next day", async () => {
    const { db, w, booking } = await sessionAt("2026-12-03T19:00:00", "2026-12-03T21:00:00");
    await markNoShow(db, w.staff.actor, booking.id, minutes(booking.startsAt, 20), "Did not come");
    expect(await undoNoShow(db, w.staff.actor, booking.id, "", minutes(booking.startsAt, 30))).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect(
      await undoNoShow(db, w.creator.actor, booking.id, "I was there", minutes(booking.startsAt, 30)),
    ).toMatchObject({ ok: false, error: "forbidden" });
    expect(
      await undoNoShow(db, w.staff.actor, booking.id, "Arrived late, stuck in traffic", minutes(booking.startsAt, 30)),
    ).toMatchObject({ ok: true, value: { status: "checked_in" } });
    // The sweep leaves it alone now, and staff check the creator out as usual.
    expect(await sweepNoShows(db, minutes(booking.startsAt, 35), { workspaceId: w.workspace.id })).toBe(0);
    expect((await checkOutBooking(db, w.staff.actor, booking.id, minutes(booking.startsAt, 60))).ok).toBe(true);
    const [fee] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.bookingId, booking.id), eq(charges.kind, "no_show_fee")));
    expect(fee).toMatchObject({ status: "void", voidReason: "No-show undone: Arrived late, stuck in traffic" });
    const next = await sessionAt("2026-12-05T19:00:00", "2026-12-05T21:00:00");
    await markNoShow(next.db, next.w.staff.actor, next.booking.id, minutes(next.booking.startsAt, 40));
    expect(
      await undoNoShow(next.db, next.w.staff.actor, next.booking.id, "Too late now", la("2026-12-06T10:00:00")),
    ).toMatchObject({ ok: false, error: "wrong_day" });
  });
});
