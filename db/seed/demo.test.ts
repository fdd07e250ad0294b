import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  charges,
  invoices,
  memberships,
  roomPhotos,
  rooms,
  storageLocations,
  storageUnits,
  studios,
  users,
  workspaces,
} from "../schema";
import { testDb } from "../testing/db";
import { needsDemoSeed, seedDemo } from "./demo";

describe("demo seed", () => {
  it("refuses to run in production", async () => {
    await expect(seedDemo(testDb(), { nodeEnv: "production" })).rejects.toThrow(/production/);
  });

  it("creates the demo workspace with two time zones, 6+ rooms, late hours and every demo account", async () => {
    const db = testDb();
    if (await needsDemoSeed(db)) await seedDemo(db, { nodeEnv: "test" });
    expect(await needsDemoSeed(db)).toBe(false);
    const [demo] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const studioRows = await db.select().from(studios).where(eq(studios.workspaceId, demo.id));
    expect(new Set(studioRows.map((s) => s.timeZone)).size).toBeGreaterThanOrEqual(2);
    expect(studioRows.map((s) => s.timeZone)).toContain("America/Los_Angeles");
    const roomRows = await db.select().from(rooms).where(eq(rooms.workspaceId, demo.id));
    expect(roomRows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(roomRows.map((r) => r.hourlyRateCents)).size).toBeGreaterThan(3);
    expect(new Set(roomRows.map((r) => r.bufferMinutes)).size).toBeGreaterThan(2);
    // Opening hours past midnight: a range that closes at or before it opens.
    expect(studioRows.some((s) => s.openingHours.some((h) => h.closes < h.opens))).toBe(true);

    const people = await db
      .select({
        email: users.email,
        role: memberships.role,
        studioIds: memberships.studioIds,
        brandId: memberships.brandId,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, demo.id));
    const roleOf = Object.fromEntries(people.map((p) => [p.email, p.role]));
    expect(roleOf).toMatchObject({
      "owner@demo.livebase.test": "owner",
      "manager@demo.livebase.test": "manager",
      "staff@demo.livebase.test": "staff",
      "creator@demo.livebase.test": "creator",
      "creator2@demo.livebase.test": "creator",
      "brand@demo.livebase.test": "brand",
    });
    const la = studioRows.find((s) => s.timeZone === "America/Los_Angeles")!;
    expect(people.find((p) => p.email.startsWith("staff@"))!.studioIds).toEqual([la.id]);
    expect(people.find((p) => p.email.startsWith("brand@"))!.brandId).not.toBeNull();
  });

  it("leaves a little billing history: a paid and an owed session invoice for Chloe, a no-show fee for Kai", async () => {
    const db = testDb();
    if (await needsDemoSeed(db)) await seedDemo(db, { nodeEnv: "test" });
    const [demo] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const [chloe] = await db.select().from(users).where(eq(users.email, "creator@demo.livebase.test"));
    const [kai] = await db.select().from(users).where(eq(users.email, "creator2@demo.livebase.test"));
    const chloeInvoices = await db
      .select()
      .from(invoices)
      .where(and(eq(invoices.workspaceId, demo.id), eq(invoices.creatorId, chloe.id)));
    expect(chloeInvoices.map((i) => i.status).sort()).toEqual(["not_sent", "paid"]);
    for (const inv of chloeInvoices) {
      const rows = await db.select().from(charges).where(eq(charges.invoiceId, inv.id));
      expect(rows.reduce((n, c) => n + c.amountCents, 0)).toBe(inv.amountDueCents);
    }
    const kaiCharges = await db
      .select()
      .from(charges)
      .where(and(eq(charges.workspaceId, demo.id), eq(charges.creatorId, kai.id)));
    // Pending until the invoicing job runs (another test in this database may have run it already).
    expect(kaiCharges.map((c) => c.kind)).toEqual(["no_show_fee"]);
    expect(["pending", "invoiced"]).toContain(kaiCharges[0].status);
  });

  it("has overnight storage units: 3 in Los Angeles and 2 in Shanghai, each with its inventory place", async () => {
    const db = testDb();
    if (await needsDemoSeed(db)) await seedDemo(db, { nodeEnv: "test" });
    const [demo] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const units = await db
      .select({
        code: storageUnits.code,
        timeZone: studios.timeZone,
        rate: storageUnits.nightlyRateCents,
        place: storageLocations.code,
        kind: storageLocations.kind,
        placeStudio: storageLocations.studioId,
        studioId: storageUnits.studioId,
      })
      .from(storageUnits)
      .innerJoin(studios, eq(studios.id, storageUnits.studioId))
      .innerJoin(storageLocations, eq(storageLocations.id, storageUnits.locationId))
      .where(eq(storageUnits.workspaceId, demo.id));
    expect(units.filter((u) => u.timeZone === "America/Los_Angeles")).toHaveLength(3);
    expect(units.filter((u) => u.timeZone === "Asia/Shanghai")).toHaveLength(2);
    for (const u of units) expect(u).toMatchObject({ place: `Unit ${u.code}`, kind: "unit", placeStudio: u.studioId });
    expect(units.every((u) => u.rate > 0)).toBe(true);
  });

  it("gives every demo room a photo, kept as an uploaded one is: a real PNG of a set (issue 11, item 22)", async () => {
    const db = testDb();
    if (await needsDemoSeed(db)) await seedDemo(db, { nodeEnv: "test" });
    const [demo] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
    const roomRows = await db.select().from(rooms).where(eq(rooms.workspaceId, demo.id));
    const photos = await db.select().from(roomPhotos).where(eq(roomPhotos.workspaceId, demo.id));
    const seeded = roomRows.filter((r) => photos.some((p) => p.roomId === r.id));
    expect(seeded.length).toBeGreaterThanOrEqual(7);
    for (const p of photos.filter((p) => seeded.some((r) => r.id === p.roomId)).slice(0, 7)) {
      const bytes = Buffer.from(p.bytes!);
      expect(p.contentType).toBe("image/png");
      expect(bytes.length).toBe(p.sizeBytes);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([480, 320]);
    }
  });
});
