import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, pricingRules } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { listOutbox } from "../notifications/mailbox";
import { createBooking } from "./create-booking";
import { rescheduleBooking } from "./reschedule-booking";
import { createBookingSchema } from "./schemas";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`); // December: PST
const friday = { startsAt: la("2026-12-04T18:00:00"), endsAt: la("2026-12-04T20:00:00") }; // peak: $90/h

/** Thursday 19:00–21:00 at $60/h ($120), the creator's, confirmed. */
async function booked() {
  const db = testDb();
  const w = await bookingWorld(db);
  const made = await createBooking(
    db,
    createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la("2026-12-03T19:00:00").toISOString(),
      endsAt: la("2026-12-03T21:00:00").toISOString(),
    }),
    w.creator.actor,
    now,
  );
  if (!made.ok) throw new Error("setup");
  const row = async () => (await db.select().from(bookings).where(eq(bookings.id, made.value.id)))[0];
  const changedMails = async () =>
    (await listOutbox(db, { to: w.creator.user.email, limit: 20 })).filter((m) => m.kind === "booking.changed");
  return { db, w, booking: made.value, row, changedMails };
}

describe("rescheduleBooking: the price before the move", () => {
  it("a dry run prices the new time and the difference, and changes nothing", async () => {
    const { db, w, booking, row, changedMails } = await booked();
    const preview = await rescheduleBooking(db, w.creator.actor, booking.id, friday, now, { dryRun: true });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        moved: false,
        previousTotalCents: 12000,
        differenceCents: 6000,
        quote: { totalCents: 18000 },
        startsAt: friday.startsAt,
      },
    });
    const after = await row();
    expect(after.startsAt.toISOString()).toBe(la("2026-12-03T19:00:00").toISOString());
    expect(after.quote).toMatchObject({ totalCents: 12000 });
    expect(await changedMails()).toEqual([]);
  });

  it("moves at the price the preview showed; a cheaper time says how much less", async () => {
    const { db, w, booking, row } = await booked();
    const cheaper = { startsAt: la("2026-12-08T12:00:00"), endsAt: la("2026-12-08T13:00:00") };
    expect(await rescheduleBooking(db, w.creator.actor, booking.id, cheaper, now, { dryRun: true })).toMatchObject({
      ok: true,
      value: { moved: false, differenceCents: -6000 },
    });
    const moved = await rescheduleBooking(db, w.creator.actor, booking.id, friday, now, { expectedTotalCents: 18000 });
    expect(moved).toMatchObject({ ok: true, value: { moved: true, previousTotalCents: 12000, differenceCents: 6000 } });
    expect((await row()).quote).toMatchObject({ totalCents: 18000 });
  });

  it("does not move when the price changed since the preview: the answer is the new preview", async () => {
    const { db, w, booking, row, changedMails } = await booked();
    const seen = await rescheduleBooking(db, w.creator.actor, booking.id, friday, now, { dryRun: true });
    expect(seen).toMatchObject({ ok: true, value: { quote: { totalCents: 18000 } } });
    await db.update(pricingRules).set({ rateCents: 12000 }).where(eq(pricingRules.roomId, w.room.id)); // the operator raises the peak rate
    const confirm = await rescheduleBooking(db, w.creator.actor, booking.id, friday, now, {
      expectedTotalCents: 18000,
    });
    expect(confirm).toMatchObject({
      ok: true,
      value: { moved: false, differenceCents: 12000, quote: { totalCents: 24000 } },
    });
    expect((await row()).startsAt.toISOString()).toBe(la("2026-12-03T19:00:00").toISOString());
    expect(await changedMails()).toEqual([]);
  });

  it("a dry run into a taken time answers slot_taken, like the move", async () => {
    const { db, w, booking } = await booked();
    const other = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: friday.startsAt.toISOString(),
        endsAt: friday.endsAt.toISOString(),
      }),
      w.creator2.actor,
      now,
    );
    expect(other.ok).toBe(true);
    expect(await rescheduleBooking(db, w.creator.actor, booking.id, friday, now, { dryRun: true })).toMatchObject({
      ok: false,
      error: "slot_taken",
    });
  });
});
