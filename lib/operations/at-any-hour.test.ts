import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, charges, storageReservations } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { STUDIO_INSTANTS, STUDIO_ZONE } from "@/db/testing/instants";
import { checkInByCode } from "../bookings/check-in-by-code";
import { checkOutBooking } from "../bookings/check-out-booking";
import { sweepNoShows } from "../bookings/jobs";
import { undoNoShow } from "../bookings/undo-no-show";
import { addNights } from "../storage/nights";
import { chargeStorageNights } from "../storage/jobs";
import { createStorageUnit } from "../storage/create-storage-unit";
import { localDate, localDateTimeToInstant } from "../studios/local-time";

const MINUTE = 60_000;
const at = (now: Date, minutes: number) => new Date(now.getTime() + minutes * MINUTE);
let codes = 0;

/** A 2-hour confirmed session of the world's creator in its room (written directly: any hour, any notice). */
async function session(w: Awaited<ReturnType<typeof bookingWorld>>, startsAt: Date, roomId = w.room.id) {
  const endsAt = at(startsAt, 120);
  const code = `HR${String(++codes).padStart(4, "0")}`.replace(/^(...)(...)$/, "$1-$2");
  const [b] = await testDb()
    .insert(bookings)
    .values({
      workspaceId: w.workspace.id,
      roomId,
      creatorId: w.creator.user.id,
      code,
      status: "confirmed",
      startsAt,
      endsAt,
      blockedUntil: at(endsAt, 15),
      quote: { currency: "USD", minutes: 120, subtotalCents: 12_000, totalCents: 12_000, lines: [] },
    })
    .returning();
  return b;
}

/**
 * The floor and the nightly jobs at every hour that has broken them: whatever the studio's date says, a session
 * starting in half an hour is tonight's, a creator 20 minutes late is swept once and can be brought back, and the
 * nights that are over are charged exactly once.
 */
describe.each(STUDIO_INSTANTS)("at $name in Los Angeles", ({ at: now }) => {
  it("the desk checks in a session starting in 30 minutes, even past midnight; tomorrow's noon session is another day", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const soon = await session(w, at(now, 30));
    const tomorrow = localDate(at(now, 24 * 60), STUDIO_ZONE);
    const later = await session(w, localDateTimeToInstant(`${tomorrow}T12:00`, STUDIO_ZONE)!);
    expect(await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: later.code }, now)).toMatchObject({
      ok: false,
      error: "wrong_day",
      message: expect.stringContaining("not today"),
    });
    expect(await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: soon.code }, now)).toMatchObject({
      ok: true,
      value: { status: "checked_in" },
    });
  });

  it("a creator 40 minutes late is checked in by code, even when the session began before midnight", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const late = await session(w, at(now, -40));
    expect(await checkInByCode(db, w.staff.actor, { studioId: w.studio.id, code: late.code }, now)).toMatchObject({
      ok: true,
      value: { status: "checked_in" },
    });
  });

  it("the sweep marks a session nobody came to once, and staff undo it half an hour later, even past midnight", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const absent = await session(w, at(now, -20));
    const scope = { workspaceId: w.workspace.id };
    expect(await sweepNoShows(db, now, scope)).toBe(1);
    expect(await sweepNoShows(db, at(now, 1), scope)).toBe(0);
    expect(
      await db
        .select()
        .from(charges)
        .where(and(eq(charges.bookingId, absent.id), eq(charges.kind, "no_show_fee"))),
    ).toHaveLength(1);
    expect(await undoNoShow(db, w.staff.actor, absent.id, "Came in late", at(now, 30))).toMatchObject({
      ok: true,
      value: { status: "checked_in" },
    });
  });

  it("the sweep leaves a creator alone while the session before is still in the room, 35 minutes past its end", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const overrun = await session(w, at(now, -155));
    await db
      .update(bookings)
      .set({ status: "checked_in", checkedInAt: overrun.startsAt })
      .where(eq(bookings.id, overrun.id));
    const waiting = await session(w, at(now, -20));
    const scope = { workspaceId: w.workspace.id };
    expect(await sweepNoShows(db, now, scope)).toBe(0);
    expect(await checkOutBooking(db, w.staff.actor, overrun.id, now)).toMatchObject({
      ok: true,
      value: { overtimeCents: 3 * 2250 },
    });
    expect(await sweepNoShows(db, at(now, 14), scope)).toBe(0);
    expect(await sweepNoShows(db, at(now, 15), scope)).toBe(1);
    const [row] = await db.select().from(bookings).where(eq(bookings.id, waiting.id));
    expect(row.status).toBe("no_show");
  });

  it("storage nights that are over are charged once; tonight's is not", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const unit = await createStorageUnit(db, w.manager.actor, w.studio.id, {
      code: "H1",
      size: "M",
      nightlyRate: 12.5,
    });
    if (!unit.ok) throw new Error(unit.error);
    const today = localDate(now, STUDIO_ZONE);
    const values = {
      workspaceId: w.workspace.id,
      unitId: unit.value.id,
      creatorId: w.creator.user.id,
      nightlyRateCents: 1250,
      createdBy: w.creator.user.id,
    };
    const [past] = await db
      .insert(storageReservations)
      .values({
        ...values,
        firstNight: addNights(today, -3),
        lastNight: addNights(today, -1),
        status: "active",
        checkedInAt: at(now, -3 * 24 * 60),
      })
      .returning();
    const scope = { workspaceId: w.workspace.id };
    expect(await chargeStorageNights(db, now, scope)).toBe(3);
    expect(await chargeStorageNights(db, at(now, 1), scope)).toBe(0);
    const nights = await db
      .select({ key: charges.idempotencyKey })
      .from(charges)
      .where(eq(charges.storageReservationId, past.id));
    expect(nights.map((n) => n.key.split(":")[2]).sort()).toEqual([
      addNights(today, -3),
      addNights(today, -2),
      addNights(today, -1),
    ]);
  });
});
