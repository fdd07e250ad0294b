import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, rooms, studios, users, workspaces } from "../schema";
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
      .select({ email: users.email, role: memberships.role, studioIds: memberships.studioIds, brandId: memberships.brandId })
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
});
