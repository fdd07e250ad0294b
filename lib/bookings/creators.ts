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
