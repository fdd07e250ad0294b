import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema";
import type { Actor } from "./permissions";

/** Who is asking: a user acting in one workspace with one role (from a session or an API token). */
export type Member = Actor & {
  email: string;
  name: string | null;
  workspaceSlug: string;
  workspaceName: string;
  currency: string;
  via: "session" | "token";
};

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  sessionVersion: users.sessionVersion,
  workspaceId: workspaces.id,
  workspaceSlug: workspaces.slug,
  workspaceName: workspaces.name,
  currency: workspaces.currency,
  role: memberships.role,
  studioIds: memberships.studioIds,
  brandId: memberships.brandId,
};

type MemberRow = Omit<Member, "via"> & { sessionVersion: number };

function toMember({ sessionVersion: _ignored, ...row }: MemberRow, via: Member["via"]): Member {
  return { ...row, via };
}

/** The membership of a signed-in user in the workspace with this slug, or null (not a member, or no such workspace). */
export async function findSessionMember(
  db: DbOrTx,
  input: { userId: string; sessionVersion: number; workspaceSlug: string },
): Promise<Member | null> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, input.userId), eq(workspaces.slug, input.workspaceSlug)));
  if (!row || row.sessionVersion !== input.sessionVersion) return null;
  return toMember(row, "session");
}

/** The membership behind an API token's user and workspace, or null if it was removed since. */
export async function findTokenMember(db: DbOrTx, input: { userId: string; workspaceId: string }) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, input.userId), eq(memberships.workspaceId, input.workspaceId)));
  return row ? toMember(row, "token") : null;
}

/** The user behind a session token, to check that the session is still current. */
export async function findUserForSession(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
