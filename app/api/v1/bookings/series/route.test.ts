import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createBooking } from "@/lib/bookings/create-booking";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { GET, POST } from "./route";
import { DAY_MS } from "@/kernel/time";

const ctx = { params: Promise.resolve({}) };
// The route reads the clock itself: a week from today (Los Angeles), every day at 19:00 for one week.
const firstDate = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(
  new Date(Date.now() + 7 * DAY_MS),
);

async function setup() {
  const db = testDb();
  const w = await bookingWorld(db);
  const token = async (actor: typeof w.creator.actor) => (await createApiToken(db, actor, { name: "t" })).secret;
  const post = (secret: string, body: unknown, query = "") =>
    POST(
      new Request(`http://localhost/api/v1/bookings/series${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      ctx,
    );
  const body = {
    roomId: w.room.id,
    weekdays: [0, 1, 2, 3, 4, 5, 6],
    startTime: "19:00",
    durationMinutes: 120,
    weeks: 1,
    firstDate,
  };
  return { db, w, token, post, body };
}

type Occ = { date: string; startsAt: string; endsAt: string; ok: boolean; error?: string };

describe("POST /api/v1/bookings/series", () => {
  it("previews with ?dryRun=1 (nothing booked), then books the free dates or, all_or_nothing, none with a 409 listing them", async () => {
    const { db, w, token, post, body } = await setup();
    const secret = await token(w.creator.actor);
    const dry = await post(secret, body, "?dryRun=1");
    expect(dry.status).toBe(200);
    const preview = (await dry.json()) as { timeZone: string; occurrences: Occ[] };
    expect(preview.timeZone).toBe("America/Los_Angeles");
    expect(preview.occurrences).toHaveLength(7);
    expect(preview.occurrences.every((o) => o.ok)).toBe(true);
    expect(await db.select().from(bookings).where(eq(bookings.creatorId, w.creator.user.id))).toEqual([]);

    const third = preview.occurrences[2];
    const taken = await createBooking(
      db,
      createBookingSchema.parse({ roomId: w.room.id, startsAt: third.startsAt, endsAt: third.endsAt }),
      w.creator2.actor,
      new Date(),
    );
    expect(taken.ok).toBe(true);

    const none = await post(secret, { ...body, mode: "all_or_nothing" });
    expect(none.status).toBe(409);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await none.json()) as { code?: string; type: string; occurrences: Occ[] };
    expect(problem.type).toMatch(/series_conflict$/);
    expect(problem.occurrences.filter((o) => !o.ok).map((o) => [o.date, o.error])).toEqual([
      [third.date, "slot_taken"],
    ]);

    const some = await post(secret, { ...body, mode: "free_only" });
    expect(some.status).toBe(201);
    const booked = (await some.json()) as { series: { id: string }; bookings: { status: string; startsAt: string }[] };
    expect(booked.bookings).toHaveLength(6);
    expect(booked.bookings.every((b) => b.status === "confirmed")).toBe(true);
    expect(booked.bookings.map((b) => b.startsAt)).not.toContain(third.startsAt);
  });

  it("books nothing for a dryRun it cannot read: only true/1/false/0 in the query and a JSON boolean in the body", async () => {
    const { db, w, token, post, body } = await setup();
    const secret = await token(w.creator.actor);
    for (const [query, extra] of [
      ["?dryRun=yes", {}],
      ["?dryRun=TRUE", {}],
      ["?dryRun=", {}],
      ["", { dryRun: "true" }],
      ["", { dryRun: 1 }],
    ] as const) {
      const res = await post(secret, { ...body, ...extra }, query);
      expect(res.status, `${query} ${JSON.stringify(extra)}`).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["dryRun"]);
    }
    expect((await post(secret, { ...body, dryRun: true })).status).toBe(200);
    expect((await post(secret, body, "?dryRun=true")).status).toBe(200);
    expect(await db.select().from(bookings).where(eq(bookings.creatorId, w.creator.user.id))).toEqual([]);
    expect((await post(secret, body, "?dryRun=0")).status).toBe(201);
  });

  it("answers 400 naming the field, 403 to a brand, 404 for another workspace's room, 405 to GET", async () => {
    const { db, w, token, post, body } = await setup();
    const other = await bookingWorld(db);
    const secret = await token(w.creator.actor);
    const bad = await post(secret, { ...body, weeks: 27, weekdays: [] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(["weeks", "weekdays"]),
    );
    const brand = await makeMember(db, w.workspace.id, "brand");
    expect((await post(await token(brand.actor), body)).status).toBe(403);
    expect((await post(secret, { ...body, roomId: other.room.id })).status).toBe(404);
    const get = await GET();
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});
