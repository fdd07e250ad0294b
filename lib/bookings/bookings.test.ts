import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, charges, roomBlocks, rooms, studioClosures, studios } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { listOutbox } from "../notifications/mailbox";
import { createBooking } from "./create-booking";
import { findAvailability } from "./find-availability";
import { cancelBooking, confirmBooking, previewCancellation } from "./lifecycle";
import { rescheduleBooking } from "./reschedule-booking";
import { listBookings } from "./list-bookings";
import { bookingOutcome } from "./outcome";
import { createBookingSchema } from "./schemas";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`); // December: PST
const input = (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) =>
  createBookingSchema.parse({ startsAt: la(startsAt).toISOString(), endsAt: la(endsAt).toISOString(), ...extra });

describe("createBooking", () => {
  it("books a free slot with a stored quote, a code and a confirmation email with the .ics", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const r = await createBooking(
      db,
      input("2026-12-03T19:00:00", "2026-12-03T21:00:00", { roomId: w.room.id, addOnIds: [w.addOns.light.id] }),
      w.creator.actor,
      now,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ status: "confirmed", creatorId: w.creator.user.id });
    expect(r.value.code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(r.value.blockedUntil.toISOString()).toBe(la("2026-12-03T21:15:00").toISOString());
    expect(r.value.quote).toMatchObject({ currency: "USD", totalCents: 2 * 6000 + 2500 });
    const [mail] = await listOutbox(db, { to: w.creator.user.email, limit: 1 });
    expect(mail.kind).toBe("booking.confirmed");
    expect(mail.text).toContain("(America/Los_Angeles)");
    expect(mail.attachments[0].content).toContain("BEGIN:VEVENT");
    // Links straight to moving or cancelling it (issue 11, item 17).
    expect(mail.text).toContain(
      `Reschedule: http://localhost:3000/w/${w.workspace.slug}/book/${w.room.id}?reschedule=${r.value.id}`,
    );
    expect(mail.text).toContain(
      `Cancel or see the booking: http://localhost:3000/w/${w.workspace.slug}/bookings/${r.value.id}`,
    );
  });

  it("prices a Friday evening at the peak rate, split at the boundary", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const r = await createBooking(
      db,
      input("2026-12-04T17:00:00", "2026-12-04T19:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    expect(r.ok && r.value.quote).toMatchObject({ totalCents: 6000 + 9000 });
  });

  it("refuses a time that overlaps another booking or its turnover buffer, naming the taken range", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const first = await createBooking(
      db,
      input("2026-12-03T19:00:00", "2026-12-03T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    expect(first.ok).toBe(true);
    const second = await createBooking(
      db,
      input("2026-12-03T21:00:00", "2026-12-03T22:00:00", { roomId: w.room.id }),
      w.creator2.actor,
      now,
    );
    expect(second).toMatchObject({
      ok: false,
      error: "slot_taken",
      conflict: { startsAt: la("2026-12-03T19:00:00").toISOString(), endsAt: la("2026-12-03T21:15:00").toISOString() },
    });
    const after = await createBooking(
      db,
      input("2026-12-03T21:30:00", "2026-12-03T22:30:00", { roomId: w.room.id }),
      w.creator2.actor,
      now,
    );
    expect(after.ok).toBe(true);
  });

  it.each([
    ["outside opening hours", "2026-12-03T07:00:00", "2026-12-03T09:00:00", "opening_hours"],
    ["shorter than the minimum", "2026-12-03T19:00:00", "2026-12-03T19:30:00", "duration"],
    ["off the 30-minute step", "2026-12-03T19:10:00", "2026-12-03T20:10:00", "step"],
    [
      "inside the minimum notice (09:30 asked at 09:00, 1 h needed)",
      "2026-12-01T09:30:00",
      "2026-12-01T10:30:00",
      "notice",
    ],
    ["beyond the booking window", "2027-04-01T19:00:00", "2027-04-01T20:00:00", "window"],
  ])("refuses a booking %s, naming the rule", async (_name, start, end, rule) => {
    const db = testDb();
    const w = await bookingWorld(db);
    const at = rule === "notice" ? la("2026-12-01T09:00:00") : now;
    const r = await createBooking(db, input(start, end, { roomId: w.room.id }), w.creator.actor, at);
    expect(r).toMatchObject({ ok: false, error: "rule", rule });
  });

  it("lets the studio's staff book a walk-in from now on, inside the minimum notice that binds creators; the slot list agrees", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const at = la("2026-12-01T09:05:00");
    const walkIn = input("2026-12-01T09:30:00", "2026-12-01T10:30:00", {
      roomId: w.room.id,
      creatorId: w.creator.user.id,
    });
    expect(
      await createBooking(
        db,
        input("2026-12-01T09:30:00", "2026-12-01T10:30:00", { roomId: w.room.id }),
        w.creator.actor,
        at,
      ),
    ).toMatchObject({ ok: false, rule: "notice" });
    const staffSees = await findAvailability(db, w.staff.actor, {
      roomId: w.room.id,
      from: "2026-12-01",
      to: "2026-12-01",
      durationMinutes: 60,
      now: at,
    });
    const creatorSees = await findAvailability(db, w.creator.actor, {
      roomId: w.room.id,
      from: "2026-12-01",
      to: "2026-12-01",
      durationMinutes: 60,
      now: at,
    });
    const starts = (r: typeof staffSees) => r!.slots.map((s) => s.start.toISOString());
    expect(starts(staffSees)).toContain(la("2026-12-01T09:30:00").toISOString());
    expect(starts(creatorSees)).not.toContain(la("2026-12-01T09:30:00").toISOString());
    expect(await createBooking(db, walkIn, w.staff.actor, at)).toMatchObject({
      ok: true,
      value: { status: "confirmed" },
    });
    // Not in the past, though.
    expect(
      await createBooking(
        db,
        input("2026-12-01T09:00:00", "2026-12-01T10:00:00", { roomId: w.room.id, creatorId: w.creator.user.id }),
        w.staff.actor,
        at,
      ),
    ).toMatchObject({ ok: false, rule: "notice" });
  });

  it("refuses closed days and maintenance blocks", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    await db.insert(studioClosures).values({
      workspaceId: w.workspace.id,
      studioId: w.studio.id,
      startsOn: "2026-12-24",
      endsOn: "2026-12-25",
      reason: "Holidays",
    });
    await db.insert(roomBlocks).values({
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      startsAt: la("2026-12-05T12:00:00"),
      endsAt: la("2026-12-05T14:00:00"),
    });
    expect(
      await createBooking(
        db,
        input("2026-12-24T12:00:00", "2026-12-24T14:00:00", { roomId: w.room.id }),
        w.creator.actor,
        now,
      ),
    ).toMatchObject({ ok: false, rule: "closed" });
    expect(
      await createBooking(
        db,
        input("2026-12-05T13:00:00", "2026-12-05T15:00:00", { roomId: w.room.id }),
        w.creator.actor,
        now,
      ),
    ).toMatchObject({ ok: false, error: "slot_taken" });
  });

  it("lets staff book for a creator of their studio, never creators for someone else, and hides other workspaces' rooms", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const other = await bookingWorld(db);
    const forCreator = input("2026-12-03T12:00:00", "2026-12-03T13:00:00", {
      roomId: w.room.id,
      creatorId: w.creator.user.id,
    });
    expect(await createBooking(db, forCreator, w.creator2.actor, now)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await createBooking(db, forCreator, w.staff.actor, now)).toMatchObject({
      ok: true,
      value: { creatorId: w.creator.user.id },
    });
    expect(
      await createBooking(
        db,
        input("2026-12-03T15:00:00", "2026-12-03T16:00:00", { roomId: w.room.id }),
        w.staff.actor,
        now,
      ),
    ).toMatchObject({ ok: false, error: "invalid" });
    expect(
      await createBooking(
        db,
        input("2026-12-03T15:00:00", "2026-12-03T16:00:00", { roomId: other.room.id }),
        w.creator.actor,
        now,
      ),
    ).toMatchObject({ ok: false, error: "not_found" });
  });
});

describe("holds", () => {
  it("a hold blocks the slot until it expires; confirming in time makes it a booking", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const held = await createBooking(
      db,
      input("2026-12-03T19:00:00", "2026-12-03T20:00:00", { roomId: w.room.id, hold: true }),
      w.creator.actor,
      now,
    );
    expect(held.ok && held.value.status).toBe("held");
    if (!held.ok) return;
    expect(
      (
        await createBooking(
          db,
          input("2026-12-03T19:00:00", "2026-12-03T20:00:00", { roomId: w.room.id }),
          w.creator2.actor,
          now,
        )
      ).ok,
    ).toBe(false);
    expect(
      await confirmBooking(db, w.creator.actor, held.value.id, new Date(now.getTime() + 10 * 60_000)),
    ).toMatchObject({ ok: true, value: { status: "confirmed" } });
  });

  it("an expired hold frees the slot for someone else and can no longer be confirmed", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const held = await createBooking(
      db,
      input("2026-12-03T19:00:00", "2026-12-03T20:00:00", { roomId: w.room.id, hold: true }),
      w.creator.actor,
      now,
    );
    const later = new Date(now.getTime() + 16 * 60_000);
    const other = await createBooking(
      db,
      input("2026-12-03T19:00:00", "2026-12-03T20:00:00", { roomId: w.room.id }),
      w.creator2.actor,
      later,
    );
    expect(other.ok).toBe(true);
    expect(held.ok && (await confirmBooking(db, w.creator.actor, held.value.id, later))).toMatchObject({
      ok: false,
      error: "not_held",
    });
  });
});

describe("cancel and reschedule", () => {
  it("cancels free long before the start, and charges the late fee (once, in the ledger) inside the window", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const early = await createBooking(
      db,
      input("2026-12-10T19:00:00", "2026-12-10T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    if (!early.ok) throw new Error("setup");
    expect((await previewCancellation(db, w.creator.actor, early.value.id, now))?.fee.feeCents).toBe(0);
    expect(await cancelBooking(db, w.creator.actor, early.value.id, now)).toMatchObject({
      ok: true,
      value: { feeCents: 0 },
    });

    const soon = await createBooking(
      db,
      input("2026-12-01T19:00:00", "2026-12-01T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    if (!soon.ok) throw new Error("setup");
    const preview = await previewCancellation(db, w.creator.actor, soon.value.id, now);
    expect(preview?.fee).toMatchObject({ feeCents: 6000, reason: "late" });
    expect(await cancelBooking(db, w.creator.actor, soon.value.id, now)).toMatchObject({
      ok: true,
      value: { feeCents: 6000 },
    });
    expect(await cancelBooking(db, w.creator.actor, soon.value.id, now)).toMatchObject({
      ok: false,
      error: "not_cancellable",
    });
    const fees = await db.select().from(charges).where(eq(charges.bookingId, soon.value.id));
    expect(fees).toMatchObject([{ kind: "late_cancel_fee", amountCents: 6000, status: "pending" }]);
    const [mail] = await listOutbox(db, { to: w.creator.user.email, limit: 1 });
    expect(mail.kind).toBe("booking.cancelled");
    expect(mail.text).toContain("Late-cancellation fee: $60.00");
  });

  it("words the late-cancellation fee in the studio's currency: ¥500 in a JPY studio, not 5.00", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    await db.update(studios).set({ currency: "JPY" }).where(eq(studios.id, w.studio.id));
    await db.update(rooms).set({ hourlyRateCents: 500 }).where(eq(rooms.id, w.room.id)); // ¥500 an hour
    const soon = await createBooking(
      db,
      input("2026-12-01T19:00:00", "2026-12-01T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    if (!soon.ok) throw new Error("setup");
    expect(await cancelBooking(db, w.creator.actor, soon.value.id, now)).toMatchObject({
      ok: true,
      value: { feeCents: 500, currency: "JPY" },
    });
    const [mail] = await listOutbox(db, { to: w.creator.user.email, limit: 1 });
    expect(mail.kind).toBe("booking.cancelled");
    expect(mail.text).toContain("Late-cancellation fee: ¥500");
    expect(mail.text).not.toContain("5.00");
  });

  it("another creator's booking is not found: no cancel, no reschedule", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const b = await createBooking(
      db,
      input("2026-12-10T19:00:00", "2026-12-10T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    if (!b.ok) throw new Error("setup");
    expect(await cancelBooking(db, w.creator2.actor, b.value.id, now)).toMatchObject({ ok: false, error: "not_found" });
    expect(
      await rescheduleBooking(
        db,
        w.creator2.actor,
        b.value.id,
        { startsAt: la("2026-12-11T19:00:00"), endsAt: la("2026-12-11T20:00:00") },
        now,
      ),
    ).toMatchObject({ ok: false, error: "not_found" });
  });

  it("reschedules atomically: into free time it moves (even overlapping its own old time), into taken time nothing changes", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const mine = await createBooking(
      db,
      input("2026-12-10T19:00:00", "2026-12-10T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    const theirs = await createBooking(
      db,
      input("2026-12-10T12:00:00", "2026-12-10T14:00:00", { roomId: w.room.id }),
      w.creator2.actor,
      now,
    );
    if (!mine.ok || !theirs.ok) throw new Error("setup");
    const moved = await rescheduleBooking(
      db,
      w.creator.actor,
      mine.value.id,
      { startsAt: la("2026-12-10T20:00:00"), endsAt: la("2026-12-10T22:00:00") },
      now,
    );
    expect(moved).toMatchObject({ ok: true, value: { code: mine.value.code } });
    const blocked = await rescheduleBooking(
      db,
      w.creator.actor,
      mine.value.id,
      { startsAt: la("2026-12-10T13:00:00"), endsAt: la("2026-12-10T15:00:00") },
      now,
    );
    expect(blocked).toMatchObject({ ok: false, error: "slot_taken" });
    const [row] = await db.select().from(bookings).where(eq(bookings.id, mine.value.id));
    expect(row.startsAt.toISOString()).toBe(la("2026-12-10T20:00:00").toISOString());
    const [mail] = await listOutbox(db, { to: w.creator.user.email, limit: 1 });
    expect(mail.kind).toBe("booking.changed");
  });
});

describe("what is upcoming, and how a booking ended", () => {
  it("lists a cancelled or expired booking under past, not upcoming, however far ahead it was; its page says who cancelled, why and the fee", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const kept = await createBooking(
      db,
      input("2026-12-15T19:00:00", "2026-12-15T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    const dropped = await createBooking(
      db,
      input("2026-12-01T19:00:00", "2026-12-01T21:00:00", { roomId: w.room.id }),
      w.creator.actor,
      now,
    );
    const lapsed = await createBooking(
      db,
      input("2026-12-16T19:00:00", "2026-12-16T21:00:00", { roomId: w.room.id, hold: true }),
      w.creator.actor,
      now,
    );
    if (!kept.ok || !dropped.ok || !lapsed.ok) throw new Error("setup");
    expect(await cancelBooking(db, w.creator.actor, dropped.value.id, now, "The brand moved the launch")).toMatchObject(
      { ok: true, value: { feeCents: 6000 } },
    );
    await db.update(bookings).set({ status: "expired" }).where(eq(bookings.id, lapsed.value.id));

    const ids = async (when: "upcoming" | "past") =>
      (await listBookings(db, w.creator.actor, { when, now })).map((b) => b.id);
    expect(await ids("upcoming")).toEqual([kept.value.id]);
    expect((await ids("past")).sort()).toEqual([dropped.value.id, lapsed.value.id].sort());

    const [cancelled] = await db.select().from(bookings).where(eq(bookings.id, dropped.value.id));
    expect(await bookingOutcome(db, cancelled)).toEqual({
      status: "cancelled",
      at: now,
      by: w.creator.user.name ?? w.creator.user.email,
      reason: "The brand moved the launch",
      fees: [{ description: expect.stringContaining("Late cancellation"), cents: 6000, currency: "USD" }],
    });
    const [open] = await db.select().from(bookings).where(eq(bookings.id, kept.value.id));
    expect(await bookingOutcome(db, open)).toBeNull();
  });
});
