import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { auditPageSchema, allAuditEntries, auditCsv, auditFilterSchema, listAuditLog } from "./audit-log";

const LA = "America/Los_Angeles";
const first = { limit: 50, after: null };

/** A workspace with an owner and five recorded changes, at known instants (Los Angeles is UTC-8 in December). */
async function world() {
  const db = testDb();
  const w = await bookingWorld(db);
  const owner = await makeMember(db, w.workspace.id, "owner");
  const entry = (action: string, by: string | null, at: string, data: Record<string, unknown> = {}) => ({
    workspaceId: w.workspace.id,
    actorUserId: by,
    action,
    subjectType: action.split(".")[0],
    subjectId: "x",
    data,
    createdAt: new Date(at),
  });
  await db.insert(auditLog).values([
    entry("charge.voided", w.manager.user.id, "2026-12-01T18:00:00Z", { reason: "Wrong room" }),
    entry("charge.credited", w.manager.user.id, "2026-12-02T07:59:00Z", { amountCents: 500 }), // 1 Dec, 23:59 in LA
    entry("workspace.policies_updated", owner.user.id, "2026-12-02T08:00:00Z"), // 2 Dec, 00:00 in LA
    entry("room.updated", owner.user.id, "2026-12-03T12:00:00Z", { hourlyRateCents: { from: 6000, to: 6500 } }),
    entry("membership.role_changed", owner.user.id, "2026-12-04T12:00:00Z", { from: "staff", to: "manager" }),
  ]);
  return { db, w, owner };
}

describe("audit log", () => {
  it("is for owners only: a manager, staff or creator gets nothing", async () => {
    const { db, w, owner } = await world();
    expect(await listAuditLog(db, owner.actor, { filter: {}, timeZone: LA, page: first })).not.toBeNull();
    for (const actor of [w.manager.actor, w.staff.actor, w.creator.actor])
      expect(await listAuditLog(db, actor, { filter: {}, timeZone: LA, page: first })).toBeNull();
  });

  it("lists newest first, filtered by topic, by person and by days on the workspace's clock", async () => {
    const { db, w, owner } = await world();
    const actions = async (filter: Parameters<typeof listAuditLog>[2]["filter"]) =>
      (await listAuditLog(db, owner.actor, { filter, timeZone: LA, page: first }))!.rows
        .map((r) => r.action)
        .filter((a) => !a.startsWith("booking"));
    expect(await actions({})).toEqual([
      "membership.role_changed",
      "room.updated",
      "workspace.policies_updated",
      "charge.credited",
      "charge.voided",
    ]);
    expect(await actions({ topic: "money" })).toEqual(["charge.credited", "charge.voided"]);
    expect(await actions({ topic: "prices" })).toEqual(["room.updated"]);
    expect(await actions({ topic: "people" })).toEqual(["membership.role_changed"]);
    expect(await actions({ who: w.manager.user.id })).toEqual(["charge.credited", "charge.voided"]);
    // 1 December in Los Angeles ends at 08:00 UTC on the 2nd: the credit at 07:59 is in it, the policy change is not.
    expect(await actions({ from: "2026-12-01", to: "2026-12-01" })).toEqual(["charge.credited", "charge.voided"]);
    expect(await actions({ from: "2026-12-02", to: "2026-12-03" })).toEqual([
      "room.updated",
      "workspace.policies_updated",
    ]);
  });

  it("pages with a cursor, and the CSV has every matching entry with who and the details", async () => {
    const { db, owner } = await world();
    const one = await listAuditLog(db, owner.actor, {
      filter: { topic: "money" },
      timeZone: LA,
      page: { limit: 1, after: null },
    });
    expect(one!.rows.map((r) => r.action)).toEqual(["charge.credited"]);
    const cursor = auditPageSchema.parse({ cursor: one!.nextCursor! }).cursor;
    const two = await listAuditLog(db, owner.actor, {
      filter: { topic: "money" },
      timeZone: LA,
      page: { limit: 1, after: cursor },
    });
    expect(two!.rows.map((r) => r.action)).toEqual(["charge.voided"]);
    expect(two!.nextCursor).toBeNull();
    const csv = auditCsv((await allAuditEntries(db, owner.actor, { filter: { topic: "money" }, timeZone: LA }))!);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("when_utc,who,who_email,action,subject_type,subject_id,details");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("2026-12-01T18:00:00.000Z");
    expect(lines[2]).toContain("charge.voided");
    expect(lines[2]).toContain('"{""reason"":""Wrong room""}"');
  });

  it("refuses a filter it does not know, naming it", () => {
    expect(auditFilterSchema.safeParse({ topic: "everything" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ who: "someone" }).success).toBe(false);
  });
});
