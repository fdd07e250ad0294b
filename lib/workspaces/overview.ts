import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invitations, memberships, rooms, studios } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";

/** Headline counts for the overview; member counts only for those who may see members. */
export async function workspaceOverview(db: DbOrTx, actor: Actor, now: Date) {
  const [[s], [r]] = await Promise.all([
    db.select({ n: count() }).from(studios).where(eq(studios.workspaceId, actor.workspaceId)),
    db
      .select({ n: count() })
      .from(rooms)
      .where(and(eq(rooms.workspaceId, actor.workspaceId), eq(rooms.active, true))),
  ]);
  let members: number | null = null;
  let pendingInvitations = 0;
  if (can(actor, "members.view")) {
    const [[m], [i]] = await Promise.all([
      db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, actor.workspaceId)),
      db
        .select({ n: count() })
        .from(invitations)
        .where(
          and(
            eq(invitations.workspaceId, actor.workspaceId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, now),
          ),
        ),
    ]);
    members = m.n;
    pendingInvitations = i.n;
  }
  return { studios: s.n, rooms: r.n, members, pendingInvitations };
}
