import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, rooms, studios } from "@/db/schema";
import { can, type Actor, type Permission } from "../auth/permissions";
import { fail } from "../result";

/**
 * What every setup use case does first: the actor must hold the permission, and every id must belong to the
 * actor's workspace. Another workspace's id is answered exactly like one that does not exist ("not_found").
 */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const denied = (actor: Pick<Actor, "role">, permission: Permission = "studios.manage") =>
  can(actor, permission) ? null : fail("not_allowed", { message: "You cannot change the studio setup." });

export const notFound = (what: string) => fail("not_found", { message: `That ${what} does not exist.` });

/** A studio of the actor's workspace (locked for the rest of the transaction with `lock`), or null. */
export async function ownStudio(db: DbOrTx, actor: Actor, studioId: string, opts: { lock?: boolean } = {}) {
  if (!UUID.test(studioId)) return null;
  const query = db
    .select()
    .from(studios)
    .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
  const [row] = opts.lock ? await query.for("update") : await query;
  return row ?? null;
}

/** A room of the actor's workspace with its studio (the room locked with `lock`), or null. */
export async function ownRoom(db: DbOrTx, actor: Actor, roomId: string, opts: { lock?: boolean } = {}) {
  if (!UUID.test(roomId)) return null;
  const query = db
    .select({ room: rooms, studio: studios })
    .from(rooms)
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(rooms.id, roomId), eq(rooms.workspaceId, actor.workspaceId)));
  const [row] = opts.lock ? await query.for("update", { of: rooms }) : await query;
  return row ?? null;
}

/** One line of the workspace's audit log, written in the same transaction as the change it records. */
export async function audit(
  db: DbOrTx,
  actor: Actor,
  action: string,
  subject: { type: string; id: string },
  data: Record<string, unknown> = {},
) {
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    data,
  });
}
