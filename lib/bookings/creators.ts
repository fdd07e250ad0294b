import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema";

/** The creators of a workspace, for staff booking on someone's behalf. */
export async function listCreators(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "creator")))
    .orderBy(asc(users.email));
}

/** A booking's creator as staff see them (name and email to reach them), if still a user; the caller has checked access. */
export async function creatorContact(db: DbOrTx, workspaceId: string, creatorId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(eq(users.id, creatorId));
  return row ?? null;
}
