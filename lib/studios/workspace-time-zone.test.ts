import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { studios, workspaces } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeWorkspace } from "@/db/testing/factories";
import { workspaceTimeZone } from "./workspace-time-zone";

describe("workspaceTimeZone", () => {
  it("is the first studio's zone, whatever studios are added after it", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    await db.insert(studios).values({
      workspaceId: workspace.id,
      currency: "USD",
      name: "A later studio",
      timeZone: "Asia/Shanghai",
      openingHours: [],
      createdAt: new Date("2100-01-01T00:00:00Z"),
    });
    expect(await workspaceTimeZone(db, workspace.id)).toBe("America/Los_Angeles");
  });

  it("tells studios made at the same moment apart by name, not by their random ids", async () => {
    const db = testDb();
    const [ws] = await db
      .insert(workspaces)
      .values({ slug: `t-${randomUUID().slice(0, 8)}`, name: "Two at once" })
      .returning();
    const at = new Date("2026-01-01T00:00:00Z");
    await db.insert(studios).values([
      {
        workspaceId: ws.id,
        currency: "USD",
        name: "Shanghai",
        timeZone: "Asia/Shanghai",
        openingHours: [],
        createdAt: at,
      },
      {
        workspaceId: ws.id,
        currency: "USD",
        name: "Los Angeles",
        timeZone: "America/Los_Angeles",
        openingHours: [],
        createdAt: at,
      },
    ]);
    expect(await workspaceTimeZone(db, ws.id)).toBe("America/Los_Angeles");
  });

  it("is UTC for a workspace without a studio yet", async () => {
    const db = testDb();
    const [ws] = await db
      .insert(workspaces)
      .values({ slug: `t-${randomUUID().slice(0, 8)}`, name: "No studio" })
      .returning();
    expect(await workspaceTimeZone(db, ws.id)).toBe("UTC");
  });
});
