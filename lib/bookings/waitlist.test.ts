import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, waitlistEntries } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { listOutbox } from "../notifications/mailbox";
import { createBooking } from "./create-booking";
import { cancelBooking, confirmBooking } from "./lifecycle";
import { rescheduleBooking } from "./reschedule-booking";
import { createBookingSchema, waitlistJoinSchema } from "./schemas";
import { joinWaitlist, listWaitlist, withdrawWaitlist } from "./waitlist";
import { processExpiredOffers } from "./waitlist-job";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`); // December: PST
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const slot = (roomId: string, start = "2026-12-03T19:00:00", end = "2026-12-03T21:00:00") =>
  waitlistJoinSchema.parse({ roomId, startsAt: la(start).toISOString(), endsAt: la(end).toISOString() });

/** Thursday 19:00–21:00 booked by a third creator, and the world's two creators wanting it. */
async function takenWorld() {
  const db = testDb();
  const w = await bookingWorld(db);
  const owner = await makeMember(db, w.workspace.id, "creator");
  const input = createBookingSchema.parse({
    roomId: w.room.id,
    startsAt: la("2026-12-03T19:00:00").toISOString(),
    endsAt: la("2026-12-03T21:00:00").toISOString(),
  });
  const taken = await createBooking(db, input, owner.actor, now);
  if (!taken.ok) throw new Error("setup");
  return { db, w, owner, taken: taken.value };
}

const entry = async (id: string) =>
  (await testDb().select().from(waitlistEntries).where(eq(waitlistEntries.id, id)))[0];
const booking = async (id: string) => (await testDb().select().from(bookings).where(eq(bookings.id, id)))[0];

describe("joinWaitlist", () => {
  it("queues creators for a taken time in the order they join; joining twice answers the same entry", async () => {
    const { db, w } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    const second = await joinWaitlist(db, w.creator2.actor, slot(w.room.id), minutes(1));
    expect(first).toMatchObject({ ok: true, value: { created: true, entry: { status: "waiting" } } });
    expect(second).toMatchObject({ ok: true, value: { created: true } });
    const again = await joinWaitlist(db, w.creator.actor, slot(w.room.id), minutes(2));
    if (!first.ok) throw new Error("setup");
    expect(again).toMatchObject({ ok: true, value: { created: false, entry: { id: first.value.entry.id } } });
    expect((await listWaitlist(db, w.creator2.actor, now)).map((e) => [e.roomName, e.place])).toEqual([["Set B", 2]]);
    expect((await listWaitlist(db, w.manager.actor, now)).map((e) => e.place)).toEqual([1, 2]);
  });

  it("refuses a free time (book it instead), a time no wait would help, and another workspace's room", async () => {
    const { db, w } = await takenWorld();
    const other = await bookingWorld(db);
    expect(
      await joinWaitlist(db, w.creator.actor, slot(w.room.id, "2026-12-04T12:00:00", "2026-12-04T13:00:00"), now),
    ).toMatchObject({ ok: false, error: "slot_free" });
    expect(
      await joinWaitlist(db, w.creator.actor, slot(w.room.id, "2026-12-03T05:00:00", "2026-12-03T06:00:00"), now),
    ).toMatchObject({ ok: false, error: "rule", rule: "opening_hours" });
    expect(await joinWaitlist(db, w.creator.actor, slot(other.room.id), now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
  });
});

describe("offers", () => {
  it("a cancellation holds the freed time for the first in line and emails them; the second keeps waiting", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    const second = await joinWaitlist(db, w.creator2.actor, slot(w.room.id), minutes(1));
    if (!first.ok || !second.ok) throw new Error("setup");
    const at = minutes(30);
    expect(await cancelBooking(db, owner.actor, taken.id, at)).toMatchObject({ ok: true });
    const offered = await entry(first.value.entry.id);
    expect(offered.status).toBe("offered");
    const hold = await booking(offered.offeredBookingId!);
    expect(hold).toMatchObject({
      status: "held",
      creatorId: w.creator.user.id,
      startsAt: la("2026-12-03T19:00:00"),
      holdExpiresAt: new Date(at.getTime() + 15 * 60_000),
    });
    expect((await entry(second.value.entry.id)).status).toBe("waiting");
    const [mail] = await listOutbox(db, { to: w.creator.user.email, limit: 1 });
    expect(mail).toMatchObject({
      kind: "waitlist.offered",
      subject: "Your waitlisted slot is held for 15 minutes: Set B",
    });
    expect(mail.text).toContain(hold.code);

    // Confirming the held offer books it for good.
    expect(await confirmBooking(db, w.creator.actor, hold.id, minutes(40))).toMatchObject({
      ok: true,
      value: { status: "confirmed" },
    });
    expect((await entry(first.value.entry.id)).status).toBe("booked");
  });

  it("when an offer runs out unconfirmed the job passes it to the next in line, and running it again changes nothing", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    const second = await joinWaitlist(db, w.creator2.actor, slot(w.room.id), minutes(1));
    if (!first.ok || !second.ok) throw new Error("setup");
    await cancelBooking(db, owner.actor, taken.id, minutes(30));
    const lapsedHold = (await entry(first.value.entry.id)).offeredBookingId!;

    const later = minutes(50); // the 15-minute hold ran out at +45
    const run = await processExpiredOffers(db, later, { workspaceId: w.workspace.id });
    expect(run.offered).toContain(second.value.entry.id);
    expect((await booking(lapsedHold)).status).toBe("expired");
    expect((await entry(first.value.entry.id)).status).toBe("lapsed");
    const next = await entry(second.value.entry.id);
    expect(next.status).toBe("offered");
    expect(await booking(next.offeredBookingId!)).toMatchObject({ status: "held", creatorId: w.creator2.user.id });
    expect(await processExpiredOffers(db, later, { workspaceId: w.workspace.id })).toMatchObject({
      expired: 0,
      offered: [],
    });
    expect((await entry(second.value.entry.id)).offeredBookingId).toBe(next.offeredBookingId);
    // Too late for the first creator: their hold is gone.
    expect(await confirmBooking(db, w.creator.actor, lapsedHold, later)).toMatchObject({
      ok: false,
      error: "not_held",
    });
  });

  it("confirming an offer after it ran out expires it there and then and offers the time to the next", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    const second = await joinWaitlist(db, w.creator2.actor, slot(w.room.id), minutes(1));
    if (!first.ok || !second.ok) throw new Error("setup");
    await cancelBooking(db, owner.actor, taken.id, minutes(30));
    const hold = (await entry(first.value.entry.id)).offeredBookingId!;
    expect(await confirmBooking(db, w.creator.actor, hold, minutes(46))).toMatchObject({
      ok: false,
      error: "hold_expired",
    });
    expect((await entry(first.value.entry.id)).status).toBe("lapsed");
    expect((await entry(second.value.entry.id)).status).toBe("offered");
  });

  it("offers only an entry whose whole time is now bookable, even if it joined later", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const input = createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la("2026-12-03T22:00:00").toISOString(),
      endsAt: la("2026-12-03T23:00:00").toISOString(),
    });
    const late = await createBooking(db, input, owner.actor, now);
    if (!late.ok) throw new Error("setup");
    // 19:00–23:00 also needs 22:00–23:00, still booked; 19:00–20:00 is free once the first booking goes.
    const wide = await joinWaitlist(
      db,
      w.creator.actor,
      slot(w.room.id, "2026-12-03T19:00:00", "2026-12-03T23:00:00"),
      now,
    );
    const narrow = await joinWaitlist(
      db,
      w.creator2.actor,
      slot(w.room.id, "2026-12-03T19:00:00", "2026-12-03T20:00:00"),
      minutes(1),
    );
    if (!wide.ok || !narrow.ok) throw new Error("setup");
    await cancelBooking(db, owner.actor, taken.id, minutes(5));
    expect((await entry(wide.value.entry.id)).status).toBe("waiting");
    expect((await entry(narrow.value.entry.id)).status).toBe("offered");
  });

  it("a booking moved away frees its old time for the waitlist", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    if (!first.ok) throw new Error("setup");
    const moved = await rescheduleBooking(
      db,
      owner.actor,
      taken.id,
      { startsAt: la("2026-12-04T12:00:00"), endsAt: la("2026-12-04T14:00:00") },
      minutes(5),
    );
    expect(moved.ok).toBe(true);
    expect((await entry(first.value.entry.id)).status).toBe("offered");
  });

  it("a hold that ran out and was expired in passing by someone else's booking still reaches the waitlist on the next run", async () => {
    const { db, w, owner } = await takenWorld();
    const held = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-05T12:00:00").toISOString(),
        endsAt: la("2026-12-05T13:00:00").toISOString(),
        hold: true,
      }),
      owner.actor,
      now,
    );
    if (!held.ok) throw new Error("setup");
    const waiting = await joinWaitlist(
      db,
      w.creator.actor,
      slot(w.room.id, "2026-12-05T12:00:00", "2026-12-05T13:00:00"),
      minutes(1),
    );
    if (!waiting.ok) throw new Error("setup");
    const elsewhere = createBookingSchema.parse({
      roomId: w.room.id,
      startsAt: la("2026-12-06T12:00:00").toISOString(),
      endsAt: la("2026-12-06T13:00:00").toISOString(),
    });
    expect((await createBooking(db, elsewhere, w.creator2.actor, minutes(20))).ok).toBe(true);
    expect((await booking(held.value.id)).status).toBe("expired");
    await processExpiredOffers(db, minutes(21), { workspaceId: w.workspace.id });
    expect((await entry(waiting.value.entry.id)).status).toBe("offered");
  });

  it("the job lapses entries whose time has started", async () => {
    const { db, w } = await takenWorld();
    const e = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    if (!e.ok) throw new Error("setup");
    await processExpiredOffers(db, la("2026-12-03T19:00:00"), { workspaceId: w.workspace.id });
    expect((await entry(e.value.entry.id)).status).toBe("lapsed");
  });
});

describe("withdrawWaitlist", () => {
  it("a creator withdraws their own entry; another creator's is not found; an offered one releases its hold to the next", async () => {
    const { db, w, owner, taken } = await takenWorld();
    const first = await joinWaitlist(db, w.creator.actor, slot(w.room.id), now);
    const second = await joinWaitlist(db, w.creator2.actor, slot(w.room.id), minutes(1));
    if (!first.ok || !second.ok) throw new Error("setup");
    expect(await withdrawWaitlist(db, w.creator2.actor, first.value.entry.id, now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    await cancelBooking(db, owner.actor, taken.id, minutes(5));
    const hold = (await entry(first.value.entry.id)).offeredBookingId!;
    expect(await withdrawWaitlist(db, w.creator.actor, first.value.entry.id, minutes(6))).toMatchObject({
      ok: true,
      value: { status: "withdrawn" },
    });
    expect((await booking(hold)).status).toBe("cancelled");
    expect((await entry(second.value.entry.id)).status).toBe("offered");
    expect(await withdrawWaitlist(db, w.creator.actor, first.value.entry.id, minutes(7))).toMatchObject({
      ok: false,
      error: "not_waiting",
    });
    expect(await listWaitlist(db, w.creator.actor, minutes(7))).toEqual([]);
  });
});
