import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, charges, notifications, rooms, storageReservations } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { createBookingSchema } from "../bookings/schemas";
import { chargeStorageNights } from "../storage/jobs";
import { createStorageUnit } from "../storage/create-storage-unit";
import { expireHolds, runJobsInTurn, runJobsOnce } from "./run-jobs";
import { sendDueReminders } from "./reminders";

const booked = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`).toISOString();

describe("periodic jobs", () => {
  it("sends the 24 h and the 2 h reminder once each, however often the job runs", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const b = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-05T19:00:00"),
        endsAt: la("2026-12-05T21:00:00"),
      }),
      w.creator.actor,
      booked,
    );
    if (!b.ok) throw new Error("setup");
    const reminders = async () =>
      (await db.select().from(notifications).where(eq(notifications.toEmail, w.creator.user.email))).filter(
        (n) => n.kind === "booking.reminder",
      );

    await sendDueReminders(db, new Date("2026-12-05T02:00:00Z")); // 25 h before: nothing yet
    expect(await reminders()).toHaveLength(0);
    const dayBefore = new Date("2026-12-05T04:00:00Z"); // 23 h before
    await sendDueReminders(db, dayBefore);
    await sendDueReminders(db, dayBefore);
    expect(await reminders()).toHaveLength(1);
    const twoHoursBefore = new Date("2026-12-06T01:30:00Z");
    await Promise.all([sendDueReminders(db, twoHoursBefore), sendDueReminders(db, twoHoursBefore)]);
    const all = await reminders();
    expect(all).toHaveLength(2);
    expect(all.every((n) => n.attachments[0]?.content.includes("BEGIN:VEVENT"))).toBe(true);
  });

  it("expires holds that ran out, and only those", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const held = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-05T12:00:00"),
        endsAt: la("2026-12-05T13:00:00"),
        hold: true,
      }),
      w.creator.actor,
      booked,
    );
    if (!held.ok) throw new Error("setup");
    await expireHolds(db, new Date(booked.getTime() + 5 * 60_000));
    expect((await db.select().from(bookings).where(eq(bookings.id, held.value.id)))[0].status).toBe("held");
    await expireHolds(db, new Date(booked.getTime() + 16 * 60_000));
    expect((await db.select().from(bookings).where(eq(bookings.id, held.value.id)))[0].status).toBe("expired");
  });
});

describe("a job pass", () => {
  it("runs every job even when one throws, and says which failed", async () => {
    const ran: string[] = [];
    const result = await runJobsInTurn([
      { name: "first", run: async () => (ran.push("first"), { a: 1 }) },
      {
        name: "broken",
        run: async () => {
          throw new Error("boom");
        },
      },
      { name: "last", run: async () => (ran.push("last"), { b: 2 }) },
    ]);
    expect(ran).toEqual(["first", "last"]);
    expect(result).toEqual({ done: { a: 1, b: 2 }, failed: ["broken"] });
  });

  // In January 2020, where no other test's rows are, so the whole pass can run on the shared test database.
  it("sweeps no-shows and charges storage nights although one booking's stored quote cannot be priced", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const now = new Date("2020-01-15T18:00:00Z");
    const [otherRoom] = await db
      .insert(rooms)
      .values({ workspaceId: w.workspace.id, studioId: w.studio.id, name: "Set C", hourlyRateCents: 6000 })
      .returning();
    const session = (code: string, roomId: string, quote: object) =>
      db
        .insert(bookings)
        .values({
          workspaceId: w.workspace.id,
          roomId,
          creatorId: w.creator.user.id,
          code,
          status: "confirmed",
          startsAt: new Date(now.getTime() - 20 * 60_000),
          endsAt: now,
          blockedUntil: now,
          quote,
        })
        .returning()
        .then((r) => r[0]);
    // A row no booking path writes (an import, a hand edit): no total to take the no-show fee from.
    const broken = await session("BAD-QOT", otherRoom.id, {});
    const absent = await session("ABS-ENT", w.room.id, {
      currency: "USD",
      minutes: 20,
      subtotalCents: 2000,
      totalCents: 2000,
      lines: [],
    });
    const unit = await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "J1", size: "S", nightlyRate: 10 });
    if (!unit.ok) throw new Error(unit.error);
    const [stored] = await db
      .insert(storageReservations)
      .values({
        workspaceId: w.workspace.id,
        unitId: unit.value.id,
        creatorId: w.creator.user.id,
        firstNight: "2020-01-12",
        lastNight: "2020-01-14",
        status: "active",
        nightlyRateCents: 1000,
        createdBy: w.creator.user.id,
      })
      .returning();

    const pass = await runJobsOnce(db, { from: "Livebase <jobs@livebase.test>" }, now);
    expect(pass.failed).toEqual([]);
    const status = async (id: string) =>
      (await db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, id)))[0].status;
    expect(await status(absent.id)).toBe("no_show");
    expect(await status(broken.id)).toBe("confirmed"); // logged, and tried again next pass
    expect(
      await db
        .select()
        .from(charges)
        .where(and(eq(charges.storageReservationId, stored.id), eq(charges.kind, "storage_night"))),
    ).toHaveLength(3);
    expect(await chargeStorageNights(db, now, { workspaceId: w.workspace.id })).toBe(0);
  });
});
