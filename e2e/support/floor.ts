import { randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { bookings, rooms, studios, users, workspaces } from "../../db/schema";
import { e2eNow } from "./clock";
import { e2eDb } from "./db";
import { demo } from "./fixtures";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const LA_NAME = "Los Angeles – Arts District";
export const SH_NAME = "Shanghai – Jing'an";

// The booking-code alphabet (no 0/O, 1/I/L): check-in by code reads codes of this shape.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const newCode = () => {
  const s = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${s.slice(0, 3)}-${s.slice(3)}`;
};

/**
 * What a floor journey writes its world with, straight to the e2e database: the demo workspace, its Los Angeles
 * studio (staff@demo works there) and Shanghai studio, Chloe (creator@demo) and Kai (creator2@demo), rooms of the
 * journey's own (no other test books them, so retries and parallel specs do not collide), sessions in them at
 * chosen instants, and now on a whole minute (as every booking is: a price is worked out again when extended).
 */
export async function demoFloor() {
  const db = e2eDb();
  const tag = randomUUID().slice(0, 6);
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, "demo"));
  const [la] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, LA_NAME)));
  const [sh] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.workspaceId, ws.id), eq(studios.name, SH_NAME)));
  const [chloe] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("creator")));
  const [kai] = await db
    .select()
    .from(users)
    .where(eq(users.email, demo("creator2")));
  /** A room of this journey's own, named `<name> <tag>`: $50 an hour, 1–8 h in 30-minute steps, a 15-minute buffer (unless `set` says otherwise). */
  const room = async (studioId: string, name: string, set: Partial<typeof rooms.$inferInsert> = {}) =>
    (
      await db
        .insert(rooms)
        .values({
          workspaceId: ws.id,
          studioId,
          name: `${name} ${tag}`,
          hourlyRateCents: 5000,
          stepMinutes: 30,
          minMinutes: 60,
          maxMinutes: 480,
          bufferMinutes: 15,
          ...set,
        })
        .returning()
    )[0];
  /** A confirmed session (unless `extra` says otherwise) priced at $50 an hour, with its 15-minute turnover. */
  const book = async (
    roomId: string,
    creatorId: string,
    start: Date,
    minutes: number,
    extra: Partial<typeof bookings.$inferInsert> = {},
  ) => {
    const end = new Date(start.getTime() + minutes * MINUTE);
    const cents = (minutes / 60) * 5000;
    const [b] = await db
      .insert(bookings)
      .values({
        workspaceId: ws.id,
        roomId,
        creatorId,
        code: newCode(),
        status: "confirmed",
        startsAt: start,
        endsAt: end,
        blockedUntil: new Date(end.getTime() + 15 * MINUTE),
        quote: {
          currency: "USD",
          minutes,
          subtotalCents: cents,
          totalCents: cents,
          lines: [
            {
              kind: "room_time",
              description: `Room time, ${minutes} min`,
              quantity: minutes,
              unitAmountCents: 5000,
              amountCents: cents,
            },
          ],
        },
        ...extra,
      })
      .returning();
    return b;
  };
  const now = Math.floor(e2eNow().getTime() / MINUTE) * MINUTE;
  return { db, ws, la, sh, chloe, kai, room, book, now };
}
