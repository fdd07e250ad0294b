import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, notifications } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { createBookingSchema } from "../bookings/schemas";
import { expireHolds } from "./run-jobs";
import { sendDueReminders } from "./reminders";

const booked = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`).toISOString();

describe("periodic jobs", () => {
  it("sends the 24 h and the 2 h reminder once each, however often the job runs", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const b = await createBooking(db, createBookingSchema.parse({ roomId: w.room.id, startsAt: la("2026-12-05T19:00:00"), endsAt: la("2026-12-05T21:00:00") }), w.creator.actor, booked);
    if (!b.ok) throw new Error("setup");
    const reminders = async () =>
      (await db.select().from(notifications).where(eq(notifications.toEmail, w.creator.user.email))).filter((n) => n.kind === "booking.reminder");

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
    const held = await createBooking(db, createBookingSchema.parse({ roomId: w.room.id, startsAt: la("2026-12-05T12:00:00"), endsAt: la("2026-12-05T13:00:00"), hold: true }), w.creator.actor, booked);
    if (!held.ok) throw new Error("setup");
    await expireHolds(db, new Date(booked.getTime() + 5 * 60_000));
    expect((await db.select().from(bookings).where(eq(bookings.id, held.value.id)))[0].status).toBe("held");
    await expireHolds(db, new Date(booked.getTime() + 16 * 60_000));
    expect((await db.select().from(bookings).where(eq(bookings.id, held.value.id)))[0].status).toBe("expired");
  });
});
