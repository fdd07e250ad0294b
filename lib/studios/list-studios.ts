import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rooms, studios } from "@/db/schema";
import type { Actor } from "../auth/permissions";

/** The workspace's studios with their rooms, for every role that may view them (rates are public to members). */
export async function listStudios(db: DbOrTx, actor: Actor) {
  const [studioRows, roomRows] = await Promise.all([
    db.select().from(studios).where(eq(studios.workspaceId, actor.workspaceId)).orderBy(asc(studios.name)),
    db.select().from(rooms).where(eq(rooms.workspaceId, actor.workspaceId)).orderBy(asc(rooms.name)),
  ]);
  return studioRows.map((s) => ({
    ...s,
    rooms: roomRows.filter((r) => r.studioId === s.id && (r.active || actor.role === "owner" || actor.role === "manager")),
  }));
}
