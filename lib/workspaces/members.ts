import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { apiTokens, auditLog, brands, memberships, users, workspaces, type Role } from "@/db/schema";
import {
  assignableRoles,
  canManageMember,
  isBrandScoped,
  isStudioScoped,
  removesAnOwner,
  type Actor,
} from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { findBrand, workspaceStudioIds } from "./workspaces";
import { isUuid } from "@/kernel/ids";

export async function listMembers(db: Db, actor: Actor) {
  return db
    .select({
      id: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      studioIds: memberships.studioIds,
      brandId: memberships.brandId,
      brandName: brands.name,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(brands, eq(brands.id, memberships.brandId))
    .where(eq(memberships.workspaceId, actor.workspaceId))
    .orderBy(asc(users.email));
}

type MemberChangeError = "not_found" | "not_allowed" | "last_owner" | "invalid_studios" | "invalid_brand";

/**
 * Locks the workspace row first: every change of roles in one workspace runs one at a time, so two owners
 * demoting each other at once cannot leave it without an owner.
 */
async function loadTarget(db: DbOrTx, actor: Actor, membershipId: string) {
  if (!isUuid(membershipId)) return null;
  await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, actor.workspaceId)).for("update");
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, actor.workspaceId)))
    .for("update");
  return row ?? null;
}

async function ownerCount(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return row.n;
}

/** Changes a member's role (and staff studios / brand link). A workspace always keeps at least one owner. */
export async function changeMemberRole(
  db: Db,
  actor: Actor,
  input: { membershipId: string; role: Role; studioIds: string[]; brandId?: string },
): Promise<Result<{ id: string }, MemberChangeError>> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, input.membershipId);
    if (!target) return fail("not_found");
    if (!canManageMember(actor, target.role) || !assignableRoles(actor).includes(input.role)) {
      return fail("not_allowed", { message: "You cannot give this member that role." });
    }
    if (removesAnOwner(target.role, input.role) && (await ownerCount(tx, actor.workspaceId)) <= 1) {
      return fail("last_owner", { message: "A workspace needs at least one owner." });
    }
    const studioIds = isStudioScoped(input.role)
      ? await workspaceStudioIds(tx, actor.workspaceId, input.studioIds)
      : [];
    if (isStudioScoped(input.role) && (studioIds.length === 0 || studioIds.length !== input.studioIds.length)) {
      return fail("invalid_studios", { fieldErrors: { studioIds: ["Choose studios of this workspace."] } });
    }
    let brandId: string | null = null;
    if (isBrandScoped(input.role)) {
      const brand = input.brandId ? await findBrand(tx, actor.workspaceId, input.brandId) : null;
      if (!brand) return fail("invalid_brand", { fieldErrors: { brandId: ["Choose the brand company."] } });
      brandId = brand.id;
    }
    await tx.update(memberships).set({ role: input.role, studioIds, brandId }).where(eq(memberships.id, target.id));
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "membership.role_changed",
      subjectType: "membership",
      subjectId: target.id,
      data: { from: target.role, to: input.role },
    });
    return ok({ id: target.id });
  });
}

/** Removes a member (or lets a member leave). A workspace always keeps at least one owner. */
export async function removeMember(
  db: Db,
  actor: Actor,
  membershipId: string,
  now: Date,
): Promise<Result<{ id: string }, MemberChangeError>> {
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, actor, membershipId);
    if (!target) return fail("not_found");
    const leaving = target.userId === actor.userId;
    if (!leaving && !canManageMember(actor, target.role))
      return fail("not_allowed", { message: "You cannot remove this member." });
    if (removesAnOwner(target.role, null) && (await ownerCount(tx, actor.workspaceId)) <= 1) {
      return fail("last_owner", { message: "A workspace needs at least one owner." });
    }
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    // Their API tokens for this workspace die with the membership (they would come back on a re-invitation).
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiTokens.userId, target.userId),
          eq(apiTokens.workspaceId, actor.workspaceId),
          isNull(apiTokens.revokedAt),
        ),
      );
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: leaving ? "membership.left" : "membership.removed",
      subjectType: "membership",
      subjectId: target.id,
      data: { userId: target.userId, role: target.role },
    });
    return ok({ id: target.id });
  });
}
