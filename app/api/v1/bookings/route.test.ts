import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { makeMember } from "@/db/testing/factories";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { POST } from "./route";

const ctx = { params: Promise.resolve({}) };
// Far enough ahead for the notice, inside the 90-day window, in opening hours (LA, 09:00–02:00).
function slot(daysAhead: number, hour: number, minutes = 60) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + daysAhead);
  d.setUTCHours(hour + 8, 0, 0, 0); // PST/PDT: +8 or +7 h; either way inside 09:00–02:00 local
  return { startsAt: d.toISOString(), endsAt: new Date(d.getTime() + minutes * 60_000).toISOString() };
}

async function setup() {
  const db = testDb();
  const w = await bookingWorld(db);
  const token = async (actor: typeof w.creator.actor) => (await createApiToken(db, actor, { name: "t" })).secret;
  const post = (secret: string, body: unknown, type = "application/json") =>
    POST(new Request("http://localhost/api/v1/bookings", { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) }), ctx);
  return { db, w, token, post };
}

describe("POST /api/v1/bookings", () => {
  it(`lets exactly one of 50 simultaneous overlapping requests book the room: one 201, the rest 409, no 500 (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, token, post } = await setup();
    const secrets = await Promise.all(Array.from({ length: 5 }, async () => token((await makeMember(db, w.workspace.id, "creator")).actor)));
    const base = slot(10, 12, 120);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const start = new Date(new Date(base.startsAt).getTime() + (i % 4) * 30 * 60_000);
        return post(secrets[i % 5], { roomId: w.room.id, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 120 * 60_000).toISOString() });
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const conflict = await responses.find((r) => r.status === 409)!.json();
    expect(conflict).toMatchObject({ status: 409, conflict: { startsAt: expect.any(String), endsAt: expect.any(String) } });
  });

  it.each([
    ["a malformed date", { startsAt: "tomorrow at 7", endsAt: "2026-12-01T10:00:00Z" }, "startsAt"],
    ["an end before the start", { startsAt: "2026-12-01T10:00:00Z", endsAt: "2026-12-01T09:00:00Z" }, "endsAt"],
    ["a room id that is not an id", { roomId: "room-1" }, "roomId"],
    ["add-ons that are not a list", { addOnIds: "all" }, "addOnIds"],
  ])("answers 400 naming the field for %s", async (_name, patch, field) => {
    const { w, token, post } = await setup();
    const res = await post(await token(w.creator.actor), { roomId: w.room.id, ...slot(5, 12), ...patch });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("answers 400 for a body that is not JSON, 422 naming the rule, 404 for another workspace's room, 403 for a brand", async () => {
    const { db, w, token, post } = await setup();
    const secret = await token(w.creator.actor);
    expect((await post(secret, "{oops")).status).toBe(400);
    const off = await post(secret, { roomId: w.room.id, ...slot(5, 12, 45) });
    expect(off.status).toBe(422);
    expect(await off.json()).toMatchObject({ rule: "duration" });
    const other = await bookingWorld(db);
    expect((await post(secret, { roomId: other.room.id, ...slot(5, 12) })).status).toBe(404);
    const brand = await makeMember(db, w.workspace.id, "brand");
    expect((await post(await token(brand.actor), { roomId: w.room.id, ...slot(5, 12) })).status).toBe(403);
  });
});
