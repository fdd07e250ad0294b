import { describe, expect, it } from "vitest";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { createApiToken } from "@/lib/auth/api-tokens";
import { NUL_MESSAGE, YEAR_RANGE_MESSAGE } from "@/lib/input";
import { findShipmentForDesk } from "@/lib/samples/queries";
import { POST as postBooking } from "./bookings/route";
import { POST as postSeries } from "./bookings/series/route";
import { GET as listShipments, POST as postShipment } from "./shipments/route";
import { POST as postWaitlist } from "./waitlist/route";
import { DAY_MS } from "@/kernel/time";

// Issue 10, items 6 and 7: a NUL character or a year like 9999 reached Postgres and answered 500. They are the
// client's mistake: 400, problem+json, the field named, nothing written.
const ctx = { params: Promise.resolve({}) };
type Handler = (req: Request, c: typeof ctx) => Promise<Response>;

async function setup() {
  const db = testDb();
  const w = await bookingWorld(db);
  const brand = await makeMember(db, w.workspace.id, "brand");
  const bearer = async (actor: typeof w.creator.actor) =>
    `Bearer ${(await createApiToken(db, actor, { name: "t" })).secret}`;
  const creator = await bearer(w.creator.actor);
  const brandAuth = await bearer(brand.actor);
  const send = (handler: Handler, auth: string, path: string, body?: unknown) =>
    handler(
      new Request(`http://localhost${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      ctx,
    );
  return { db, w, brand, creator, brandAuth, send };
}

async function expectFieldError(res: Response, field: string, message: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as { errors: { field: string; message: string }[] };
  expect(body.errors).toContainEqual({ field, message });
}

describe("the API refuses NUL characters and out-of-range dates with 400, naming the field", () => {
  it("NUL in a shipment's notes, item name or search answers 400 and creates nothing", async () => {
    const { w, brandAuth, send } = await setup();
    const shipment = {
      studioId: w.studio.id,
      notes: "fragile\u0000",
      items: [{ sku: "A-1", name: "Serum", quantity: 1 }],
    };
    await expectFieldError(await send(postShipment, brandAuth, "/api/v1/shipments", shipment), "notes", NUL_MESSAGE);
    await expectFieldError(
      await send(postShipment, brandAuth, "/api/v1/shipments", {
        ...shipment,
        notes: "",
        items: [{ sku: "A-1", name: "Se\u0000rum", quantity: 1 }],
      }),
      "items.0.name",
      NUL_MESSAGE,
    );
    await expectFieldError(await send(listShipments, brandAuth, "/api/v1/shipments?q=a%00b"), "q", NUL_MESSAGE);
    const list = await send(listShipments, brandAuth, "/api/v1/shipments");
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain("A-1");
  });

  it("NUL in a booking's notes answers 400", async () => {
    const { w, creator, send } = await setup();
    const startsAt = new Date(Date.now() + 3 * DAY_MS);
    startsAt.setUTCHours(19, 0, 0, 0);
    const body = {
      roomId: w.room.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      notes: "\u0000",
    };
    await expectFieldError(await send(postBooking, creator, "/api/v1/bookings", body), "notes", NUL_MESSAGE);
  });

  it("years like 9999, +010000 and 0000 in bookings, the waitlist, series and shipments answer 400", async () => {
    const { w, creator, brandAuth, send } = await setup();
    const slot = { roomId: w.room.id, startsAt: "2026-12-20T19:00:00-08:00", endsAt: "9999-12-31T23:00:00Z" };
    await expectFieldError(await send(postBooking, creator, "/api/v1/bookings", slot), "endsAt", YEAR_RANGE_MESSAGE);
    await expectFieldError(
      await send(postBooking, creator, "/api/v1/bookings", { ...slot, endsAt: "+010000-01-01T00:00:00Z" }),
      "endsAt",
      "endsAt must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T19:00:00-08:00",
    );
    await expectFieldError(
      await send(postBooking, creator, "/api/v1/bookings", {
        ...slot,
        startsAt: "0000-01-01T00:00:00Z",
        endsAt: "2026-12-20T21:00:00-08:00",
      }),
      "startsAt",
      YEAR_RANGE_MESSAGE,
    );
    await expectFieldError(await send(postWaitlist, creator, "/api/v1/waitlist", slot), "endsAt", YEAR_RANGE_MESSAGE);
    const series = {
      roomId: w.room.id,
      weekdays: [1],
      startTime: "19:00",
      durationMinutes: 60,
      weeks: 1,
      firstDate: "9999-12-01",
    };
    await expectFieldError(
      await send(postSeries, creator, "/api/v1/bookings/series", series),
      "firstDate",
      YEAR_RANGE_MESSAGE,
    );
    const shipment = {
      studioId: w.studio.id,
      expectedOn: "9999-12-31",
      items: [{ sku: "A-1", name: "Serum", quantity: 1 }],
    };
    await expectFieldError(
      await send(postShipment, brandAuth, "/api/v1/shipments", shipment),
      "expectedOn",
      YEAR_RANGE_MESSAGE,
    );
  });

  it("a scanned code with a NUL character finds no shipment instead of failing in Postgres", async () => {
    const { db, w } = await setup();
    expect(await findShipmentForDesk(db, w.manager.actor, "\u0000")).toBeNull();
    expect(await findShipmentForDesk(db, w.manager.actor, "SH-ABC\u0000")).toBeNull();
  });
});
