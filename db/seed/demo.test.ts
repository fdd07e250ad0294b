import { eq, inArray } from "drizzle-orm";
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

    const emails = ["owner", "manager", "staff", "creator", "creator2", "brand"].map((k) => `${k}@demo.livebase.test`);
    const people = await db
      .select({ email: users.email, role: memberships.role, studioIds: memberships.studioIds, brandId: memberships.brandId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(users.email, emails));
    const inDemo = people.filter((p) => p.role);
    expect(new Set(inDemo.map((p) => p.email))).toEqual(new Set(emails));
    expect(inDemo.find((p) => p.email.startsWith("staff"))!.studioIds).toHaveLength(1);
    expect(inDemo.find((p) => p.email.startsWith("brand"))!.brandId).not.toBeNull();
  });
});
