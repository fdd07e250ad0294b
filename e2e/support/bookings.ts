import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { apiTokens, memberships, users, workspaces } from "../../db/schema";
import { hashSecret, newSecret } from "../../lib/auth/secrets";
import { e2eDb } from "./db";
import { e2eNow } from "./clock";

export const LA = "America/Los_Angeles";
const HOUR = 3_600_000;

export type Slot = { startsAt: string; endsAt: string };
export type ApiBooking = Slot & {
  id: string;
  code: string;
  status: string;
  roomId: string;
  quote: { totalCents: number; currency: string };
};
type Room = { id: string; name: string; active: boolean; minMinutes: number };
type Studio = { timeZone: string; rooms: Room[] };

/** An instant on the studio's wall clock, worked out by the test itself (Intl), not by the app's code. */
export function studioClock(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? "";
  return { date: `${p("weekday")} ${p("day")} ${p("month")} ${p("year")}`, time: `${p("hour")}:${p("minute")}` };
}

/** "Tue 1 Dec 2026, 19:00–22:00 (America/Los_Angeles)": how the app labels a booking's time. */
export function studioRange(slot: Slot, timeZone: string) {
  const start = studioClock(slot.startsAt, timeZone);
  return `${start.date}, ${start.time}–${studioClock(slot.endsAt, timeZone).time} (${timeZone})`;
}

function localDate(instant: Date, timeZone: string) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

export const usd = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
export const cents = (money: string) => Math.round(Number(money.replace(/[^0-9.]/g, "")) * 100);

/**
 * A Bearer client acting as one member of a workspace, through an API token created in the database the way
 * createApiToken does (only the SHA-256 of an `lb_` secret is stored). `dispose` deletes the token.
 */
export async function apiAs(request: APIRequestContext, email: string, slug = "demo") {
  const db = e2eDb();
  const [member] = await db
    .select({ userId: users.id, workspaceId: workspaces.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(users.email, email), eq(workspaces.slug, slug)));
  if (!member) throw new Error(`${email} is not a member of ${slug}`);
  const secret = newSecret("lb_");
  const [token] = await db
    .insert(apiTokens)
    .values({
      ...member,
      name: `e2e booking ${randomUUID().slice(0, 6)}`,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 9),
    })
    .returning({ id: apiTokens.id });
  const headers = { Authorization: `Bearer ${secret}` };
  return {
    get: async <T>(path: string) => {
      const res = await request.get(path, { headers });
      expect(res.status(), `GET ${path}`).toBe(200);
      return (await res.json()) as T;
    },
    post: (path: string, data: unknown) => request.post(path, { headers, data }),
    dispose: async () => {
      await db.delete(apiTokens).where(eq(apiTokens.id, token.id));
    },
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/**
 * Books (or holds) the first free slot of a Los Angeles room that starts between `after` and `before` hours
 * from now: whatever is free, so earlier runs' bookings never get in the way.
 */
export async function bookFreeSlot(api: Api, opts: { after: number; before: number; hold?: boolean }) {
  const now = e2eNow().getTime();
  const { data: studios } = await api.get<{ data: Studio[] }>("/api/v1/studios");
  const rooms = studios.filter((s) => s.timeZone === LA).flatMap((s) => s.rooms.filter((r) => r.active));
  const from = localDate(new Date(now + opts.after * HOUR), LA);
  const to = localDate(new Date(now + opts.before * HOUR), LA);
  for (const room of rooms) {
    const query = `roomId=${room.id}&from=${from}&to=${to}&durationMinutes=${room.minMinutes}`;
    const { data: slots } = await api.get<{ data: Slot[] }>(`/api/v1/availability?${query}`);
    const fitting = slots.filter((s) => {
      const start = Date.parse(s.startsAt);
      return start >= now + opts.after * HOUR && start <= now + opts.before * HOUR;
    });
    for (const slot of fitting) {
      const res = await api.post("/api/v1/bookings", { roomId: room.id, ...slot, hold: opts.hold ?? false });
      if (res.status() === 201) return { booking: (await res.json()) as ApiBooking, roomName: room.name };
      expect([409, 422], `booking ${room.name} at ${slot.startsAt}`).toContain(res.status());
    }
  }
  throw new Error(`no Los Angeles room is free between ${opts.after} h and ${opts.before} h from now`);
}
