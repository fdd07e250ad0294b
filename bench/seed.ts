import { randomUUID } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { memberships, rooms, studios, users, workspaces } from "../db/schema";
import { DAY_MS } from "../kernel/time";

const TZ = "America/Los_Angeles";
const everyDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "00:00", closes: "00:00" }));

/**
 * A workspace of its own: one studio open round the clock, 20 rooms carrying 10,000 bookings spread over six months
 * (three months back, three ahead), and 20 empty rooms for the booking race.
 */
export async function seedBenchWorkspace(db: Db, now: Date) {
  const id = randomUUID().slice(0, 8);
  const [ws] = await db
    .insert(workspaces)
    .values({
      slug: `bench-${id}`,
      name: `Bench ${id}`,
      policies: { minNoticeMinutes: 0, bookingWindowDays: 365, holdMinutes: 15 },
    })
    .returning();
  const [studio] = await db
    .insert(studios)
    .values({ workspaceId: ws.id, currency: "USD", name: "Bench studio", timeZone: TZ, openingHours: everyDay })
    .returning();
  const made = await db
    .insert(rooms)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        workspaceId: ws.id,
        studioId: studio.id,
        name: `Room ${i + 1}`,
        hourlyRateCents: 5000 + i * 100,
        stepMinutes: 30,
        minMinutes: 60,
        maxMinutes: 480,
        bufferMinutes: 15,
      })),
    )
    .returning({ id: rooms.id });
  const roomIds = made.slice(0, 20).map((r) => r.id);
  const raceRoomIds = made.slice(20).map((r) => r.id);
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${id}@example.test`, name: "Bench creator" })
    .returning();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: user.id, role: "creator" });

  // 500 two-hour bookings per room, one every 518 minutes (aligned to 30), from 90 days ago.
  const start = new Date(Math.floor((now.getTime() - 90 * DAY_MS) / 1_800_000) * 1_800_000);
  await db.execute(sql`
    insert into bookings (workspace_id, room_id, creator_id, code, status, starts_at, ends_at, blocked_until, quote)
    select ${ws.id}, r.id, ${user.id}, 'B' || substr(md5(r.id::text || i::text), 1, 10), 'confirmed',
           ${start.toISOString()}::timestamptz + make_interval(mins => (i * 518 / 30) * 30),
           ${start.toISOString()}::timestamptz + make_interval(mins => (i * 518 / 30) * 30 + 120),
           ${start.toISOString()}::timestamptz + make_interval(mins => (i * 518 / 30) * 30 + 135),
           '{"currency":"USD","lines":[],"subtotalCents":10000,"totalCents":10000,"minutes":120}'::jsonb
    from unnest(${`{${roomIds.join(",")}}`}::uuid[]) as r(id), generate_series(0, 499) as i`);
  await db.execute(sql`analyze bookings`);

  const today = new TZDate(now, TZ);
  const firstDate = format(today, "yyyy-MM-dd");
  const lastDate = format(addDays(today, 30), "yyyy-MM-dd");
  return {
    workspaceId: ws.id,
    roomIds,
    raceRoomIds,
    creator: { userId: user.id, workspaceId: ws.id, role: "creator" as const, studioIds: [], brandId: null },
    firstDate,
    lastDate,
    windowStart: new Date(now.getTime() - 2 * DAY_MS),
    windowEnd: new Date(now.getTime() + 33 * DAY_MS),
    raceStart: new Date(Math.floor((now.getTime() + 200 * DAY_MS) / 3_600_000) * 3_600_000),
  };
}

/**
 * The run sheet's worst day: a studio of 30 rooms with 200 bookings on one date (about 7 per room, back to back
 * through the day), and a manager to look at it.
 */
export async function seedRunSheetStudio(
  db: Db,
  workspaceId: string,
  creatorId: string,
  now: Date,
  passwordHash: string,
) {
  const id = randomUUID().slice(0, 8);
  const [studio] = await db
    .insert(studios)
    .values({ workspaceId, currency: "USD", name: `Run sheet studio ${id}`, timeZone: TZ, openingHours: everyDay })
    .returning();
  const made = await db
    .insert(rooms)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        workspaceId,
        studioId: studio.id,
        name: `Set ${String(i + 1).padStart(2, "0")}`,
        hourlyRateCents: 6000,
        stepMinutes: 30,
        minMinutes: 60,
        maxMinutes: 480,
        bufferMinutes: 15,
      })),
    )
    .returning({ id: rooms.id });
  const date = format(new TZDate(now, TZ), "yyyy-MM-dd");
  const dayStart = new TZDate(`${date}T07:00:00`, TZ);
  await db.execute(sql`
    insert into bookings (workspace_id, room_id, creator_id, code, status, starts_at, ends_at, blocked_until, quote, notes)
    select ${workspaceId}, (${`{${made.map((r) => r.id).join(",")}}`}::uuid[])[1 + (i % 30)], ${creatorId}, 'R' || substr(md5(${id} || i::text), 1, 10), 'confirmed',
           ${dayStart.toISOString()}::timestamptz + make_interval(mins => (i / 30) * 135),
           ${dayStart.toISOString()}::timestamptz + make_interval(mins => (i / 30) * 135 + 120),
           ${dayStart.toISOString()}::timestamptz + make_interval(mins => (i / 30) * 135 + 135),
           '{"currency":"USD","lines":[],"subtotalCents":12000,"totalCents":12000,"minutes":120}'::jsonb, 'Bring the blue backdrop'
    from generate_series(0, 199) as i`);
  const [manager] = await db
    .insert(users)
    .values({ email: `bench-manager-${id}@example.test`, name: "Bench manager", passwordHash })
    .returning();
  await db.insert(memberships).values({ workspaceId, userId: manager.id, role: "manager" });
  return {
    studioId: studio.id,
    date,
    manager: { userId: manager.id, workspaceId, role: "manager" as const, studioIds: [], brandId: null },
    managerEmail: manager.email,
  };
}
