import { describe, expect, it } from "vitest";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createBooking } from "@/lib/bookings/create-booking";
import { createBookingSchema } from "@/lib/bookings/schemas";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";
import { DAY_MS } from "@/kernel/time";

// The route reads the clock itself: ten days ahead at 20:00 UTC (noon or 13:00 in Los Angeles), for two hours.
const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 10 * DAY_MS + 20 * 3_600_000);
const slot = (offsetHours = 0) => ({
  startsAt: new Date(start.getTime() + offsetHours * 3_600_000).toISOString(),
  endsAt: new Date(start.getTime() + (offsetHours + 2) * 3_600_000).toISOString(),
});

describe("/api/v1/waitlist", () => {
  it("joins for a taken time (201, then 200 for the same time), refuses a free one (409), and withdraws only one's own entry", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const taken = await createBooking(
      db,
      createBookingSchema.parse({ roomId: w.room.id, ...slot() }),
      w.creator2.actor,
      new Date(),
    );
    expect(taken.ok).toBe(true);
    const secret = (await createApiToken(db, w.creator.actor, { name: "t" })).secret;
    const other = (await createApiToken(db, w.creator2.actor, { name: "t" })).secret;
    const headers = (s: string) => ({ authorization: `Bearer ${s}`, "content-type": "application/json" });
    const join = (body: unknown) =>
      POST(
        new Request("http://localhost/api/v1/waitlist", {
          method: "POST",
          headers: headers(secret),
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const leave = (s: string, id: string) =>
      DELETE(new Request(`http://localhost/api/v1/waitlist/${id}`, { method: "DELETE", headers: headers(s) }), {
        params: Promise.resolve({ id }),
      });

    const first = await join({ roomId: w.room.id, ...slot() });
    expect(first.status).toBe(201);
    const entry = (await first.json()) as { id: string; status: string };
    expect(entry.status).toBe("waiting");
    expect((await join({ roomId: w.room.id, ...slot() })).status).toBe(200);
    const free = await join({ roomId: w.room.id, ...slot(4) });
    expect(free.status).toBe(409);
    expect(((await free.json()) as { type: string }).type).toMatch(/slot_free$/);

    expect((await leave(other, entry.id)).status).toBe(404);
    const gone = await leave(secret, entry.id);
    expect(gone.status).toBe(200);
    expect(await gone.json()).toMatchObject({ id: entry.id, status: "withdrawn" });
    expect((await GET()).status).toBe(405);
  });
});
