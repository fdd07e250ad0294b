import { asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { makeMember } from "@/db/testing/factories";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { GET, POST } from "./route";

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
    POST(
      new Request("http://localhost/api/v1/bookings", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": type },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      ctx,
    );
  return { db, w, token, post };
}

describe("POST /api/v1/bookings", () => {
  it(`lets exactly one of 50 simultaneous overlapping requests book the room: one 201, the rest 409, no 500 (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, token, post } = await setup();
    const secrets = await Promise.all(
      Array.from({ length: 5 }, async () => token((await makeMember(db, w.workspace.id, "creator")).actor)),
    );
    const base = slot(10, 12, 120);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const start = new Date(new Date(base.startsAt).getTime() + (i % 4) * 30 * 60_000);
        return post(secrets[i % 5], {
          roomId: w.room.id,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 120 * 60_000).toISOString(),
        });
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const conflict = await responses.find((r) => r.status === 409)!.json();
    expect(conflict).toMatchObject({
      status: 409,
      conflict: { startsAt: expect.any(String), endsAt: expect.any(String) },
    });
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

describe("POST /api/v1/bookings with Idempotency-Key", () => {
  const postWithKey = (secret: string, key: string, body: unknown) =>
    POST(
      new Request("http://localhost/api/v1/bookings", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
      }),
      ctx,
    );
  const bookingsOf = async (db: ReturnType<typeof testDb>, creatorId: string) =>
    (await db.select({ id: bookings.id }).from(bookings).where(eq(bookings.creatorId, creatorId))).length;

  it("books once for the same key twice: the retry gets the first status and body, marked as replayed", async () => {
    const { db, w, token } = await setup();
    const secret = await token(w.creator.actor);
    const body = { roomId: w.room.id, ...slot(12, 12) };
    const first = await postWithKey(secret, "retry-1", body);
    expect(first.status).toBe(201);
    const again = await postWithKey(secret, "retry-1", body);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await bookingsOf(db, w.creator.user.id)).toBe(1);
  });

  it("replays a refusal too, refuses the same key with another body (422), and keys are per token", async () => {
    const { db, w, token } = await setup();
    const secret = await token(w.creator.actor);
    const bad = { roomId: w.room.id, ...slot(12, 12, 45) };
    expect((await postWithKey(secret, "k", bad)).status).toBe(422);
    const other = await postWithKey(secret, "k", { roomId: w.room.id, ...slot(12, 12) });
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect((await other.json()).type).toMatch(/idempotency_key_reused$/);
    // Another token of the same person has keys of its own.
    expect((await postWithKey(await token(w.creator.actor), "k", { roomId: w.room.id, ...slot(12, 12) })).status).toBe(
      201,
    );
    expect(await bookingsOf(db, w.creator.user.id)).toBe(1);
  });

  it("answers 400 naming Idempotency-Key for a key longer than 255 characters, and books nothing", async () => {
    const { db, w, token } = await setup();
    const res = await postWithKey(await token(w.creator.actor), "x".repeat(256), {
      roomId: w.room.id,
      ...slot(12, 12),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: "Idempotency-Key", message: expect.any(String) }]);
    expect(await bookingsOf(db, w.creator.user.id)).toBe(0);
  });

  it(`books once for 10 simultaneous requests with one key: the others are replays or 409 in progress (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, token } = await setup();
    const secret = await token(w.creator.actor);
    const body = { roomId: w.room.id, ...slot(14, 12) };
    const responses = await Promise.all(Array.from({ length: 10 }, () => postWithKey(secret, "parallel", body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    for (const r of responses.filter((x) => x.status === 409))
      expect((await r.json()).type).toMatch(/idempotency_in_progress$/);
    expect(await bookingsOf(db, w.creator.user.id)).toBe(1);
  });
});

describe("GET /api/v1/bookings pages", () => {
  const get = (secret: string, query: string) =>
    GET(
      new Request(`http://localhost/api/v1/bookings?${query}`, { headers: { authorization: `Bearer ${secret}` } }),
      ctx,
    );

  /** 230 past sessions of one creator: three share each start, and some starts carry microseconds a JS Date cannot hold. */
  async function history(db: ReturnType<typeof testDb>, w: Awaited<ReturnType<typeof bookingWorld>>) {
    const base = Date.UTC(2026, 0, 5, 18);
    const rows = Array.from({ length: 230 }, (_, i) => {
      const startsAt = new Date(base + Math.floor(i / 3) * 3_600_000);
      return {
        workspaceId: w.workspace.id,
        roomId: w.room.id,
        creatorId: w.creator.user.id,
        code: `PG-${w.workspace.id.slice(0, 8)}-${i}`,
        status: (i % 2 ? "completed" : "cancelled") as "completed" | "cancelled",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        blockedUntil: new Date(startsAt.getTime() + 3_600_000),
        quote: {},
      };
    });
    const inserted = await db.insert(bookings).values(rows).returning({ id: bookings.id });
    await db
      .update(bookings)
      .set({ startsAt: sql`${bookings.startsAt} + interval '1 microsecond'` })
      .where(
        inArray(
          bookings.id,
          inserted.filter((_, i) => i % 7 === 0).map((r) => r.id),
        ),
      );
    const ordered = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(eq(bookings.creatorId, w.creator.user.id))
      .orderBy(asc(bookings.startsAt), asc(bookings.id));
    return ordered.map((r) => r.id);
  }

  it.each([[undefined], [200], [7]])(
    "returns every one of 230 bookings exactly once, in order, following nextCursor (limit %s)",
    async (limit) => {
      const { db, w, token } = await setup();
      const expected = await history(db, w);
      const secret = await token(w.creator.actor);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(secret, `when=all${limit ? `&limit=${limit}` : ""}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { data: { id: string }[]; hasMore: boolean; nextCursor: string | null };
        expect(body.data.length).toBeLessThanOrEqual(limit ?? 50);
        expect(body.hasMore).toBe(body.nextCursor !== null);
        if (body.nextCursor)
          expect(res.headers.get("link")).toBe(
            `<http://localhost/api/v1/bookings?when=all${limit ? `&limit=${limit}` : ""}&cursor=${body.nextCursor}>; rel="next"`,
          );
        else expect(res.headers.get("link")).toBeNull();
        seen.push(...body.data.map((b) => b.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(230 / (limit ?? 50)));
    },
  );

  it("pages past bookings newest first, and a cursor of that order is refused on when=all", async () => {
    const { db, w, token } = await setup();
    const expected = (await history(db, w)).reverse();
    const secret = await token(w.creator.actor);
    const first = (await (await get(secret, "when=past&limit=150")).json()) as {
      data: { id: string }[];
      nextCursor: string;
    };
    const second = (await (await get(secret, `when=past&limit=150&cursor=${first.nextCursor}`)).json()) as {
      data: { id: string }[];
      hasMore: boolean;
    };
    expect([...first.data, ...second.data].map((b) => b.id)).toEqual(expected);
    expect(second.hasMore).toBe(false);
    const wrongList = await get(secret, `when=all&cursor=${first.nextCursor}`);
    expect(wrongList.status).toBe(400);
    expect((await wrongList.json()).errors.map((e: { field: string }) => e.field)).toEqual(["cursor"]);
  });

  it.each([
    ["a cursor that is not base64url", "cursor=%%%", "cursor"],
    ["a cursor of random bytes", `cursor=${Buffer.from("not json").toString("base64url")}`, "cursor"],
    [
      "a cursor with a bad instant",
      `cursor=${Buffer.from(JSON.stringify(["bookings", "2026-13-45T99:00:00.000000Z", "00000000-0000-4000-8000-000000000000"])).toString("base64url")}`,
      "cursor",
    ],
    [
      "a cursor with an id that is not a uuid",
      `cursor=${Buffer.from(JSON.stringify(["bookings", "2026-01-05T18:00:00.000000Z", "1; drop table bookings"])).toString("base64url")}`,
      "cursor",
    ],
    ["limit=0", "limit=0", "limit"],
    ["limit=1000", "limit=1000", "limit"],
    ["limit=abc", "limit=abc", "limit"],
    ["when=soon", "when=soon", "when"],
  ])("answers 400 problem+json naming the parameter for %s", async (_name, query, field) => {
    const { w, token } = await setup();
    const res = await get(await token(w.creator.actor), `when=all&${query}`.replace("when=all&when=soon", "when=soon"));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});
