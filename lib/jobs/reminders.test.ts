import { and, eq, inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookings, notifications, rooms } from "@/db/schema";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { sendDueReminders } from "./reminders";

// June 2019, where no other test's bookings are, so a whole pass can be counted.
const now = new Date("2019-06-12T12:00:00Z");
const HOUR = 3_600_000;

/** `perRoom` confirmed one-hour bookings in each of `roomCount` new rooms of a new workspace, 3 to 3 + perRoom hours ahead. */
async function manyDueBookings(roomCount: number, perRoom: number) {
  const db = testDb();
  const { workspace, studio } = await makeWorkspace(db);
  const creator = await makeMember(db, workspace.id, "creator");
  const made = await db
    .insert(rooms)
    .values(
      Array.from({ length: roomCount }, (_, i) => ({
        workspaceId: workspace.id,
        studioId: studio.id,
        name: `Set ${i}`,
        hourlyRateCents: 5000,
      })),
    )
    .returning({ id: rooms.id });
  const rows = made.flatMap((room, r) =>
    Array.from({ length: perRoom }, (_, i) => {
      const startsAt = new Date(now.getTime() + (3 + i) * HOUR);
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
      return {
        workspaceId: workspace.id,
        roomId: room.id,
        creatorId: creator.user.id,
        code: `R${r}-${i}`,
        status: "confirmed" as const,
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        quote: {},
        createdAt: new Date(now.getTime() - 7 * 24 * HOUR),
      };
    }),
  );
  const inserted = await db.insert(bookings).values(rows).returning({ id: bookings.id });
  return { workspace, creator, ids: inserted.map((b) => b.id) };
}

async function remindersOf(ids: string[]) {
  return testDb()
    .select({ key: notifications.dedupeKey })
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, "booking.reminder"),
        inArray(
          notifications.dedupeKey,
          ids.map((id) => `reminder:24h:${id}`),
        ),
      ),
    );
}

describe("reminders", () => {
  // 520 bookings written one reminder at a time: slow on the embedded database, so a longer timeout.
  it("reminds every due booking once in one pass, across workspaces and past any batch size, even with two workers at once", async () => {
    const db = testDb();
    // 520 due bookings in two workspaces: more than the 500 a pass used to read, in no particular order.
    const a = await manyDueBookings(13, 20);
    const b = await manyDueBookings(13, 20);
    const ids = [...a.ids, ...b.ids];
    expect(ids).toHaveLength(520);

    await Promise.all([sendDueReminders(db, now), sendDueReminders(db, now)]);
    const sent = await remindersOf(ids);
    expect(sent).toHaveLength(520);
    expect(new Set(sent.map((s) => s.key)).size).toBe(520);

    // A second pass has nothing left to send.
    expect(await sendDueReminders(db, now)).toBe(0);
    expect(await remindersOf(ids)).toHaveLength(520);
    const toCreators = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          inArray(notifications.workspaceId, [a.workspace.id, b.workspace.id]),
          like(notifications.dedupeKey, "reminder:%"),
        ),
      );
    expect(toCreators).toHaveLength(520);
  }, 120_000);

  it("does not let bookings made inside the window (which get no reminder) crowd out the ones that are due", async () => {
    const db = testDb();
    const later = new Date("2019-07-10T12:00:00Z");
    const { workspace, studio } = await makeWorkspace(db);
    const creator = await makeMember(db, workspace.id, "creator");
    const made = await db
      .insert(rooms)
      .values(
        Array.from({ length: 26 }, (_, i) => ({
          workspaceId: workspace.id,
          studioId: studio.id,
          name: `Set ${i}`,
          hourlyRateCents: 5000,
        })),
      )
      .returning({ id: rooms.id });
    const at = (h: number) => new Date(later.getTime() + h * HOUR);
    // 500 bookings made 5 hours ahead (so no 24 h reminder for them), written first; then one made a week ahead.
    const late = made
      .slice(0, 25)
      .flatMap((room) =>
        Array.from({ length: 20 }, (_, i) => ({ roomId: room.id, startsAt: at(2 + i), createdAt: at(-3 + i) })),
      );
    const rows = [...late, { roomId: made[25].id, startsAt: at(20), createdAt: at(-7 * 24) }].map((x, i) => {
      const endsAt = new Date(x.startsAt.getTime() + 30 * 60_000);
      return {
        workspaceId: workspace.id,
        roomId: x.roomId,
        creatorId: creator.user.id,
        code: `L${i}`,
        status: "confirmed" as const,
        startsAt: x.startsAt,
        endsAt,
        blockedUntil: endsAt,
        quote: {},
        createdAt: x.createdAt,
      };
    });
    const ids = (await db.insert(bookings).values(rows).returning({ id: bookings.id })).map((r) => r.id);
    await sendDueReminders(db, later);
    expect((await remindersOf(ids)).map((s) => s.key)).toEqual([`reminder:24h:${ids[500]}`]);
  });
});
