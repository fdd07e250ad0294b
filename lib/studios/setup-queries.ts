import { and, asc, count, eq, gt, gte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { addOns, pricingRules, roomBlocks, rooms, studioClosures, studios } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { ownRoom, ownStudio } from "./access";
import { localDate } from "./local-time";

/** What the setup pages read. Every query is scoped to the actor's workspace: a foreign id reads as null. */

/** The workspace's studios with how many rooms (and active rooms) each has. */
export async function listSetupStudios(db: DbOrTx, actor: Actor) {
  const [rows, counts] = await Promise.all([
    db.select().from(studios).where(eq(studios.workspaceId, actor.workspaceId)).orderBy(asc(studios.name)),
    db
      .select({ studioId: rooms.studioId, active: rooms.active, n: count() })
      .from(rooms)
      .where(eq(rooms.workspaceId, actor.workspaceId))
      .groupBy(rooms.studioId, rooms.active),
  ]);
  return rows.map((s) => {
    const mine = counts.filter((c) => c.studioId === s.id);
    return {
      ...s,
      rooms: mine.reduce((n, c) => n + c.n, 0),
      activeRooms: mine.filter((c) => c.active).reduce((n, c) => n + c.n, 0),
    };
  });
}

/** A studio with its closures that are not over yet (on its own calendar), its rooms and its add-ons. */
export async function loadStudioSetup(db: DbOrTx, actor: Actor, studioId: string, now: Date) {
  const studio = await ownStudio(db, actor, studioId);
  if (!studio) return null;
  const today = localDate(now, studio.timeZone);
  const [closures, roomRows, addOnRows] = await Promise.all([
    db
      .select()
      .from(studioClosures)
      .where(and(eq(studioClosures.studioId, studio.id), gte(studioClosures.endsOn, today)))
      .orderBy(asc(studioClosures.startsOn)),
    db.select().from(rooms).where(eq(rooms.studioId, studio.id)).orderBy(asc(rooms.name)),
    db.select().from(addOns).where(eq(addOns.studioId, studio.id)).orderBy(asc(addOns.name)),
  ]);
  return { studio, closures, rooms: roomRows, addOns: addOnRows };
}

/** A room with its studio, its peak rules (by weekday and time) and its maintenance blocks that are not over. */
export async function loadRoomSetup(db: DbOrTx, actor: Actor, roomId: string, now: Date) {
  const found = await ownRoom(db, actor, roomId);
  if (!found) return null;
  const [rules, blocks] = await Promise.all([
    db
      .select()
      .from(pricingRules)
      .where(eq(pricingRules.roomId, found.room.id))
      .orderBy(asc(pricingRules.weekday), asc(pricingRules.startsAt)),
    db
      .select()
      .from(roomBlocks)
      .where(and(eq(roomBlocks.roomId, found.room.id), gt(roomBlocks.endsAt, now)))
      .orderBy(asc(roomBlocks.startsAt)),
  ]);
  return { ...found, rules, blocks };
}
