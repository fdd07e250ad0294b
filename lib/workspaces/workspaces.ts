import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, brands, memberships, studios, workspaces } from "@/db/schema";
import { fail, ok, type Result } from "../result";

/** Creates a workspace (one studio operator) with the user as its owner. */
export async function createWorkspace(
  db: Db,
  userId: string,
  input: { name: string; slug: string; currency: string },
): Promise<Result<{ slug: string }, "slug_taken">> {
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({ name: input.name, slug: input.slug, currency: input.currency })
      .onConflictDoNothing({ target: workspaces.slug })
      .returning();
    if (!ws) return fail("slug_taken", { fieldErrors: { slug: ["This address is taken. Try another."] } });
    await tx.insert(memberships).values({ workspaceId: ws.id, userId, role: "owner" });
    await tx.insert(auditLog).values({
      workspaceId: ws.id,
      actorUserId: userId,
      action: "workspace.created",
      subjectType: "workspace",
      subjectId: ws.id,
    });
    return ok({ slug: ws.slug });
  });
}

/** Every workspace the user belongs to, with the role held in each: the workspace switcher. */
export async function listUserWorkspaces(db: DbOrTx, userId: string) {
  return db
    .select({ slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function listStudioChoices(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: studios.id, name: studios.name, timeZone: studios.timeZone })
    .from(studios)
    .where(eq(studios.workspaceId, workspaceId))
    .orderBy(asc(studios.name));
}

export async function listBrands(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .where(eq(brands.workspaceId, workspaceId))
    .orderBy(asc(brands.name));
}

/** Ids that really are studios of this workspace (an id from elsewhere is dropped, never trusted). */
export async function workspaceStudioIds(db: DbOrTx, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await listStudioChoices(db, workspaceId);
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => known.has(id));
}

export async function findBrand(db: DbOrTx, workspaceId: string, brandId: string) {
  const [row] = await db
    .select()
    .from(brands)
    .where(and(eq(brands.id, brandId), eq(brands.workspaceId, workspaceId)));
  return row ?? null;
}
