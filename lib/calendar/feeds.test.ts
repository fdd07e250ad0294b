import { describe, expect, it } from "vitest";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { createBookingSchema } from "../bookings/schemas";
import { createFeed, renderFeed, revokeFeed } from "./feeds";

const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`).toISOString();

describe("calendar feeds", () => {
  it("a creator's feed lists their confirmed bookings, a studio feed the studio's, and a revoked one is gone", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const mine = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-03T19:00:00"),
        endsAt: la("2026-12-03T21:00:00"),
      }),
      w.creator.actor,
      now,
    );
    const theirs = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-04T12:00:00"),
        endsAt: la("2026-12-04T13:00:00"),
      }),
      w.creator2.actor,
      now,
    );
    if (!mine.ok || !theirs.ok) throw new Error("setup");

    const feed = await createFeed(db, w.creator.actor, {});
    if (!feed.ok) throw new Error("feed");
    const text = (await renderFeed(db, feed.value.token, now))!;
    expect(text).toContain(`${mine.value.id}@livebase`);
    expect(text).not.toContain(`${theirs.value.id}@livebase`);

    const studioFeed = await createFeed(db, w.staff.actor, { studioId: w.studio.id });
    expect(studioFeed.ok && (await renderFeed(db, studioFeed.value.token, now))).toContain(
      `${theirs.value.id}@livebase`,
    );
    expect(await createFeed(db, w.creator.actor, { studioId: w.studio.id })).toMatchObject({ ok: false });

    expect(await revokeFeed(db, w.creator2.actor, feed.value.id, now)).toMatchObject({ ok: false, error: "not_found" });
    expect(await revokeFeed(db, w.creator.actor, feed.value.id, now)).toMatchObject({ ok: true });
    expect(await renderFeed(db, feed.value.token, now)).toBeNull();
    expect(await renderFeed(db, "cal_nope", now)).toBeNull();
  });
});
