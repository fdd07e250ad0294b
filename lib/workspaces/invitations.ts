import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, brands, invitations, memberships, users, workspaces } from "@/db/schema";
import { assignableRoles, isBrandScoped, isStudioScoped, type Actor } from "../auth/permissions";
import { hashSecret, newSecret } from "../auth/secrets";
import { deliverEmail, enqueueEmail, type MailConfig } from "../notifications/outbox";
import { invitationEmail } from "../notifications/templates";
import { fail, ok, type Result } from "../result";
import { daysAfter } from "@/kernel/time";
import type { InviteInput } from "./schemas";
import { findBrand, workspaceStudioIds } from "./workspaces";

export const INVITATION_TTL_DAYS = 7;

type InviteError = "role_not_allowed" | "already_member" | "invalid_studios" | "invalid_brand";

/**
 * Invites someone by email with a role. Owners may invite any role; managers only staff, creators and brands.
 * Staff need studios of this workspace; brand members need a brand company (existing or new). The email with
 * the one-use link is written to the outbox in the same transaction, and with `mail` sent as soon as it commits
 * (only that email; the job loop sends it otherwise, or if that fails).
 */
export async function inviteMember(
  db: Db,
  actor: Actor & { name: string | null; email: string },
  input: InviteInput,
  ctx: { appUrl: string; now: Date; mail?: MailConfig },
): Promise<Result<{ id: string; expiresAt: Date }, InviteError>> {
  if (!assignableRoles(actor).includes(input.role)) {
    return fail("role_not_allowed", { fieldErrors: { role: ["You cannot give this role."] } });
  }
  let emailId: string | null = null;
  const result = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(users.email, input.email)));
    if (existing) return fail("already_member", { fieldErrors: { email: ["This person is already a member."] } });

    let studioIds: string[] = [];
    if (isStudioScoped(input.role)) {
      studioIds = await workspaceStudioIds(tx, actor.workspaceId, input.studioIds);
      if (studioIds.length !== input.studioIds.length || studioIds.length === 0) {
        return fail("invalid_studios", { fieldErrors: { studioIds: ["Choose studios of this workspace."] } });
      }
    }
    let brandId: string | null = null;
    if (isBrandScoped(input.role)) {
      if (input.brandId) {
        const brand = await findBrand(tx, actor.workspaceId, input.brandId);
        if (!brand) return fail("invalid_brand", { fieldErrors: { brandId: ["Unknown brand."] } });
        brandId = brand.id;
      } else {
        const name = input.newBrandName!;
        const [brand] = await tx
          .insert(brands)
          .values({ workspaceId: actor.workspaceId, name })
          .onConflictDoUpdate({ target: [brands.workspaceId, brands.name], set: { name } })
          .returning({ id: brands.id });
        brandId = brand.id;
      }
    }

    const token = newSecret();
    const expiresAt = daysAfter(ctx.now, INVITATION_TTL_DAYS);
    // A new invitation to the same address replaces any pending one.
    await tx
      .update(invitations)
      .set({ revokedAt: ctx.now })
      .where(
        and(
          eq(invitations.workspaceId, actor.workspaceId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [inv] = await tx
      .insert(invitations)
      .values({
        workspaceId: actor.workspaceId,
        email: input.email,
        role: input.role,
        studioIds,
        brandId,
        tokenHash: hashSecret(token),
        invitedBy: actor.userId,
        expiresAt,
      })
      .returning({ id: invitations.id });
    const [ws] = await tx
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    emailId = await enqueueEmail(tx, {
      to: input.email,
      at: ctx.now,
      workspaceId: actor.workspaceId,
      ...invitationEmail({
        workspaceName: ws.name,
        role: input.role,
        inviterName: actor.name ?? actor.email,
        url: `${ctx.appUrl}/invite/${encodeURIComponent(token)}`,
        expiresAt,
      }),
    });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: inv.id,
      data: { email: input.email, role: input.role },
    });
    return ok({ id: inv.id, expiresAt });
  });
  if (result.ok && ctx.mail) await deliverEmail(db, ctx.mail, emailId, ctx.now);
  return result;
}

export async function listPendingInvitations(db: Db, actor: Actor, now: Date) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, actor.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(
  db: Db,
  actor: Actor,
  invitationId: string,
  now: Date,
): Promise<Result<{ id: string }, "not_found">> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.workspaceId, actor.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (!row) return fail("not_found");
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "invitation.revoked",
    subjectType: "invitation",
    subjectId: row.id,
  });
  return ok(row);
}

/** What the invitation page shows before accepting: a token that is unknown, used, revoked or expired is null. */
export async function findOpenInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(
      and(
        eq(invitations.tokenHash, hashSecret(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return row ?? null;
}

/**
 * Accepts an invitation as the signed-in user, who must hold the invited address (an invitation is for a
 * person, not for whoever has the link). Claiming the row and creating the membership is one transaction.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; userId: string; userEmail: string; now: Date },
): Promise<Result<{ workspaceSlug: string }, "invalid_invitation" | "wrong_account">> {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, hashSecret(input.token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, input.now),
        ),
      )
      .for("update");
    if (!inv)
      return fail("invalid_invitation", { message: "This invitation has expired, was revoked, or was already used." });
    if (inv.email !== input.userEmail.toLowerCase()) {
      return fail("wrong_account", {
        message: `This invitation is for ${inv.email}. Sign in with that address to accept it.`,
      });
    }
    await tx.update(invitations).set({ acceptedAt: input.now }).where(eq(invitations.id, inv.id));
    await tx
      .insert(memberships)
      .values({
        workspaceId: inv.workspaceId,
        userId: input.userId,
        role: inv.role,
        studioIds: inv.studioIds,
        brandId: inv.brandId,
      })
      .onConflictDoNothing({ target: [memberships.workspaceId, memberships.userId] });
    await tx.insert(auditLog).values({
      workspaceId: inv.workspaceId,
      actorUserId: input.userId,
      action: "invitation.accepted",
      subjectType: "invitation",
      subjectId: inv.id,
    });
    const [ws] = await tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    return ok({ workspaceSlug: ws.slug });
  });
}
