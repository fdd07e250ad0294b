import { describe, expect, it } from "vitest";
import { bookings, storageReservations, storageUnits } from "./schema";
import { makeMember, makeWorkspace } from "./testing/factories";
import { onRealPostgres, testDb } from "./testing/db";

const at = (iso: string) => new Date(iso);

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}

async function setup() {
  const db = testDb();
  const { workspace, room, studio } = await makeWorkspace(db);
  const { user } = await makeMember(db, workspace.id, "creator");
  const book = (
    startsAt: string,
    endsAt: string,
    blockedUntil: string,
    status: "held" | "confirmed" | "cancelled" = "confirmed",
  ) =>
    db
      .insert(bookings)
      .values({
        workspaceId: workspace.id,
        roomId: room.id,
        creatorId: user.id,
        code: Math.random().toString(36).slice(2, 10),
        status,
        startsAt: at(startsAt),
        endsAt: at(endsAt),
        blockedUntil: at(blockedUntil),
        quote: {},
      })
      .returning({ id: bookings.id });
  return { db, workspace, studio, room, user, book };
}

describe("bookings_no_overlap (exclusion constraint)", () => {
  it("refuses a second booking that overlaps the first, including its turnover buffer", async () => {
    const { book } = await setup();
    await book("2026-12-01T18:00:00Z", "2026-12-01T20:00:00Z", "2026-12-01T20:15:00Z");
    // Starts inside the buffer of the first one.
    const err = await book("2026-12-01T20:10:00Z", "2026-12-01T21:00:00Z", "2026-12-01T21:15:00Z").catch((e) => e);
    expect(pgCode(err)).toBe("23P01");
  });

  it("accepts back-to-back bookings once the buffer has passed", async () => {
    const { book } = await setup();
    await book("2026-12-02T18:00:00Z", "2026-12-02T20:00:00Z", "2026-12-02T20:15:00Z");
    await expect(book("2026-12-02T20:15:00Z", "2026-12-02T21:00:00Z", "2026-12-02T21:15:00Z")).resolves.toHaveLength(1);
  });

  it("ignores cancelled bookings: their time is free again", async () => {
    const { book } = await setup();
    await book("2026-12-03T18:00:00Z", "2026-12-03T20:00:00Z", "2026-12-03T20:15:00Z", "cancelled");
    await expect(
      book("2026-12-03T18:30:00Z", "2026-12-03T19:30:00Z", "2026-12-03T19:45:00Z", "held"),
    ).resolves.toHaveLength(1);
  });

  it(`lets exactly one of many concurrent overlapping inserts win (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { book } = await setup();
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        book(`2026-12-04T18:${String(i).padStart(2, "0")}:00Z`, "2026-12-04T20:00:00Z", "2026-12-04T20:15:00Z"),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(won).toHaveLength(1);
    // Without a row lock some losers may see a deadlock instead of the constraint: both mean "not booked".
    for (const l of lost) expect(["23P01", "40P01"]).toContain(pgCode(l.reason));
  });
});

describe("storage_reservations_no_overlap", () => {
  it("refuses reserving one unit twice for the same night", async () => {
    const { db, workspace, studio, user } = await setup();
    const [unit] = await db
      .insert(storageUnits)
      .values({ workspaceId: workspace.id, studioId: studio.id, code: "U1", nightlyRateCents: 1500 })
      .returning();
    const reserve = (firstNight: string, lastNight: string) =>
      db
        .insert(storageReservations)
        .values({ workspaceId: workspace.id, unitId: unit.id, creatorId: user.id, firstNight, lastNight });
    await reserve("2026-12-10", "2026-12-12");
    expect(pgCode(await reserve("2026-12-12", "2026-12-14").catch((e) => e))).toBe("23P01");
    await expect(reserve("2026-12-13", "2026-12-14")).resolves.toBeDefined();
  });
});
