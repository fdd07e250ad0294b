import { describe, expect, it } from "vitest";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { charges, studios } from "@/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { GET as getCharges } from "./charges/route";
import { GET as getInventory } from "./inventory/route";
import { GET as getInvoices } from "./invoices/route";
import { GET as getShipments } from "./shipments/route";
import { GET as getStudios } from "./studios/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const LISTS: [string, Handler][] = [
  ["charges", getCharges],
  ["inventory", getInventory],
  ["invoices", getInvoices],
  ["shipments", getShipments],
  ["studios", getStudios],
];

async function world() {
  const db = testDb();
  const w = await bookingWorld(db);
  const secret = (await createApiToken(db, w.manager.actor, { name: "t" })).secret;
  const get = (handler: Handler, list: string, query: string) =>
    handler(
      new Request(`http://localhost/api/v1/${list}?${query}`, { headers: { authorization: `Bearer ${secret}` } }),
      { params: Promise.resolve({}) },
    );
  return { db, w, get };
}

/** Follows nextCursor from the first page to the last, answering every row's id in the order received. */
async function everyPage(get: (query: string) => Promise<Response>, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await get(`limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string }[]; hasMore: boolean; nextCursor: string | null };
    ids.push(...body.data.map((r) => r.id));
    cursor = body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error("more than 50 pages");
}

describe("every /api/v1 list pages with a cursor", () => {
  it.each(LISTS)(
    "GET /%s: limit out of range and a malformed or foreign cursor are a 400 naming the parameter",
    async (list, handler) => {
      const { get } = await world();
      for (const [query, field] of [
        ["limit=0", "limit"],
        ["limit=201", "limit"],
        ["cursor=%3D%3D", "cursor"],
        [
          `cursor=${Buffer.from(JSON.stringify(["bookings", "2026-01-05T18:00:00.000000Z", "00000000-0000-4000-8000-000000000000"])).toString("base64url")}`,
          "cursor",
        ],
      ]) {
        const res = await get(handler, list, query);
        expect(res.status, `${list}?${query}`).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      const empty = await (await get(handler, list, "limit=200")).json();
      expect(empty).toMatchObject({ data: expect.any(Array), hasMore: false, nextCursor: null });
    },
  );

  it("GET /studios pages by name then id: two studios with one name are both listed, once", async () => {
    const { db, w, get } = await world();
    await db.insert(studios).values(
      ["Annex", "Annex", "Basement", "Zeta"].map((name) => ({
        workspaceId: w.workspace.id,
        currency: "USD",
        name,
        timeZone: "UTC",
        openingHours: [],
      })),
    );
    const all = (await (await get(getStudios, "studios", "limit=200")).json()) as {
      data: { id: string; name: string }[];
    };
    expect(all.data).toHaveLength(5);
    expect(await everyPage((q) => get(getStudios, "studios", q), 1)).toEqual(all.data.map((s) => s.id));
    expect(all.data.map((s) => s.name)).toEqual([...all.data.map((s) => s.name)].sort());
  });

  it("GET /charges pages newest first through charges written in the same instant", async () => {
    const { db, w, get } = await world();
    const at = new Date("2026-11-02T10:00:00Z");
    await db.insert(charges).values(
      Array.from({ length: 9 }, (_, i) => ({
        workspaceId: w.workspace.id,
        creatorId: w.creator.user.id,
        kind: "no_show_fee" as const,
        description: `Fee ${i}`,
        unitAmountCents: 100,
        amountCents: 100,
        currency: "USD",
        idempotencyKey: `paging:${i}`,
        createdAt: new Date(at.getTime() - (i % 3) * 60_000),
      })),
    );
    const all = (await (await get(getCharges, "charges", "limit=200")).json()) as {
      data: { id: string; createdAt: string }[];
    };
    expect(all.data).toHaveLength(9);
    expect(await everyPage((q) => get(getCharges, "charges", q), 2)).toEqual(all.data.map((c) => c.id));
    expect(new Set(all.data.map((c) => c.id)).size).toBe(9);
  });
});
