import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, studios } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { addClosure, removeClosure } from "./closures";
import { closureSchema, studioSchema } from "./schemas";
import { listSetupStudios, loadStudioSetup } from "./setup-queries";
import { createStudio, updateStudio } from "./studios";

const now = new Date("2026-12-01T20:00:00Z"); // Tue 1 Dec, 12:00 in Los Angeles
const studio = (input: Record<string, unknown>) =>
  studioSchema.parse({
    name: "Downtown",
    address: "1 Main St",
    timeZone: "America/Los_Angeles",
    openingHours: [],
    ...input,
  });

async function world() {
  const db = testDb();
  const { workspace, studio: first } = await makeWorkspace(db);
  const other = await makeWorkspace(db);
  const manager = (await makeMember(db, workspace.id, "manager")).actor;
  const owner = (await makeMember(db, workspace.id, "owner")).actor;
  const staff = (await makeMember(db, workspace.id, "staff", { studioIds: [first.id] })).actor;
  return { db, workspace, first, other, manager, owner, staff };
}

describe("studios", () => {
  it("a manager creates a studio with its hours, then edits it; the audit log says who did what", async () => {
    const { db, manager, workspace } = await world();
    const hours = [
      { weekday: 5, opens: "00:00", closes: "00:00" },
      { weekday: 1, opens: "18:00", closes: "02:00" },
      { weekday: 1, opens: "09:00", closes: "13:00" },
    ];
    const created = await createStudio(db, manager, studio({ openingHours: hours }));
    if (!created.ok) throw new Error(created.error);
    const [row] = await db.select().from(studios).where(eq(studios.id, created.value.id));
    expect(row).toMatchObject({ workspaceId: workspace.id, name: "Downtown", timeZone: "America/Los_Angeles" });
    expect(row.openingHours).toEqual([hours[2], hours[1], hours[0]]);

    const updated = await updateStudio(db, manager, {
      ...studio({ name: "Shanghai", timeZone: "Asia/Shanghai" }),
      studioId: row.id,
    });
    expect(updated.ok).toBe(true);
    const [after] = await db.select().from(studios).where(eq(studios.id, row.id));
    expect(after).toMatchObject({ name: "Shanghai", timeZone: "Asia/Shanghai", openingHours: [] });
    const log = await db.select().from(auditLog).where(eq(auditLog.subjectId, row.id));
    expect(log.map((l) => l.action).sort()).toEqual(["studio.created", "studio.updated"]);
    expect(log.find((l) => l.action === "studio.updated")?.data).toMatchObject({
      timeZone: { from: "America/Los_Angeles", to: "Asia/Shanghai" },
    });
    expect((await listSetupStudios(db, manager)).map((s) => s.name)).toContain("Shanghai");
  });

  it("refuses a second studio of the same name (any case) in one workspace, but not in another", async () => {
    const { db, owner, first, other } = await world();
    expect(await createStudio(db, owner, studio({ name: first.name.toUpperCase() }))).toMatchObject({
      ok: false,
      error: "name_taken",
      fieldErrors: { name: ["Another studio of this workspace has that name."] },
    });
    const outsider = (await makeMember(db, other.workspace.id, "owner")).actor;
    expect((await createStudio(db, outsider, studio({ name: first.name }))).ok).toBe(true);
    // Renaming a studio to its own name is no clash.
    expect((await updateStudio(db, owner, { ...studio({ name: first.name }), studioId: first.id })).ok).toBe(true);
  });

  it("answers another workspace's studio like one that does not exist, and refuses roles without studios.manage", async () => {
    const { db, manager, staff, other, first } = await world();
    const foreign = await updateStudio(db, manager, { ...studio({}), studioId: other.studio.id });
    expect(foreign).toMatchObject({ ok: false, error: "not_found", message: "That studio does not exist." });
    expect(await updateStudio(db, manager, { ...studio({}), studioId: "not-a-uuid" })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await loadStudioSetup(db, manager, other.studio.id, now)).toBeNull();
    expect(await createStudio(db, staff, studio({}))).toMatchObject({ ok: false, error: "not_allowed" });
    expect(await updateStudio(db, staff, { ...studio({}), studioId: first.id })).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    const [unchanged] = await db.select().from(studios).where(eq(studios.id, other.studio.id));
    expect(unchanged.name).toBe(other.studio.name);
  });
});

describe("closures", () => {
  const closure = (studioId: string, startsOn: string, endsOn = "", reason = "Holiday") =>
    closureSchema.parse({ studioId, startsOn, endsOn, reason });

  it("are added for a day or a range and listed until their last day is over on the studio's calendar", async () => {
    const { db, manager, first } = await world();
    const christmas = await addClosure(db, manager, closure(first.id, "2026-12-24", "2026-12-26"), now);
    const today = await addClosure(db, manager, closure(first.id, "2026-12-01", "", "Floor repair"), now);
    expect(christmas.ok && today.ok).toBe(true);
    const setup = await loadStudioSetup(db, manager, first.id, now);
    expect(setup?.closures.map((c) => [c.startsOn, c.endsOn, c.reason])).toEqual([
      ["2026-12-01", "2026-12-01", "Floor repair"],
      ["2026-12-24", "2026-12-26", "Holiday"],
    ]);
    // 08:30 UTC on 2 Dec is still 1 Dec in Los Angeles: today's closure is listed; a day later it is gone.
    expect((await loadStudioSetup(db, manager, first.id, new Date("2026-12-02T07:30:00Z")))?.closures).toHaveLength(2);
    expect((await loadStudioSetup(db, manager, first.id, new Date("2026-12-02T09:00:00Z")))?.closures).toHaveLength(1);
  });

  it("refuse a range that is already over, and foreign studios", async () => {
    const { db, manager, other, first } = await world();
    expect(await addClosure(db, manager, closure(first.id, "2026-11-20", "2026-11-30"), now)).toMatchObject({
      ok: false,
      error: "in_past",
      fieldErrors: { endsOn: ["That closure is already over. Choose today or a later day."] },
    });
    expect(await addClosure(db, manager, closure(other.studio.id, "2026-12-24"), now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
  });

  it("are removed only from the actor's own workspace", async () => {
    const { db, manager, other, first } = await world();
    const mine = await addClosure(db, manager, closure(first.id, "2026-12-24"), now);
    const outsider = (await makeMember(db, other.workspace.id, "owner")).actor;
    const theirs = await addClosure(db, outsider, closure(other.studio.id, "2026-12-24"), now);
    if (!mine.ok || !theirs.ok) throw new Error("setup failed");
    expect(await removeClosure(db, manager, { closureId: theirs.value.id })).toMatchObject({
      ok: false,
      error: "not_found",
      message: "That closure does not exist.",
    });
    expect(await removeClosure(db, manager, { closureId: "x" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await removeClosure(db, manager, { closureId: mine.value.id })).toEqual({
      ok: true,
      value: { id: mine.value.id },
    });
    expect((await loadStudioSetup(db, outsider, other.studio.id, now))?.closures).toHaveLength(1);
    expect((await loadStudioSetup(db, manager, first.id, now))?.closures).toHaveLength(0);
  });
});
