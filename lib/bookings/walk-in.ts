import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, memberships, passwordResetTokens, users, workspaces } from "@/db/schema";
import { can, canBeBookedFor, type Actor } from "../auth/permissions";
import { hashSecret, newSecret } from "../auth/secrets";
import { getEnv } from "../env";
import { INVITATION_TTL_DAYS } from "../workspaces/invitations";
import { enqueueEmail } from "../notifications/outbox";
import { walkInWelcomeEmail } from "../notifications/templates";
import { fail, ok, type Result } from "../result";
import { DAY_MS } from "@/kernel/time";

/** How long the "choose your password" link of a walk-in's new account works: as long as an invitation. */
const WALK_IN_LINK_DAYS = INVITATION_TTL_DAYS;

export type NewCreator = { email: string; name: string };

/**
 * The creator a walk-in is booked for when they are not a member yet: staff type the email (and name) of the person
 * standing at the desk, and the booking is made for them in the same step.
 * - An address without an account gets one (no password yet) and an email with a one-use link to choose a password
 *   (the reset-token mechanism, valid WALK_IN_LINK_DAYS); following it proves the mailbox.
 * - An account that is not a member here becomes a creator of the workspace and is told so by email.
 * - A creator of the workspace is simply booked for; a member with another role is refused (a brand or staff account
 *   is not a creator's).
 * Runs inside the booking's transaction: if the booking fails, no account, membership or email is left behind.
 */
export async function ensureWalkInCreator(
  tx: Tx,
  actor: Actor,
  person: NewCreator,
  now: Date,
): Promise<Result<string, "forbidden" | "invalid">> {
  if (!can(actor, "bookings.act_for_others"))
    return fail("forbidden", { message: "Only the studio's staff book for someone else." });
  const email = person.email.toLowerCase();
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, existing.id)));
    if (m) {
      if (canBeBookedFor(m.role)) return ok(existing.id);
      return fail("invalid", {
        fieldErrors: { newCreatorEmail: [`This address belongs to a ${m.role} of this workspace, not a creator.`] },
      });
    }
  }
  const userId =
    existing?.id ?? (await tx.insert(users).values({ email, name: person.name }).returning({ id: users.id }))[0].id;
  await tx.insert(memberships).values({ workspaceId: actor.workspaceId, userId, role: "creator" });
  const [ws] = await tx
    .select({ name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId));
  const appUrl = getEnv().APP_URL;
  let url = `${appUrl}/w/${ws.slug}/bookings`;
  if (!existing) {
    const token = newSecret();
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashSecret(token),
      userId,
      expiresAt: new Date(now.getTime() + WALK_IN_LINK_DAYS * DAY_MS),
    });
    url = `${appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  }
  await enqueueEmail(tx, {
    to: email,
    workspaceId: actor.workspaceId,
    ...walkInWelcomeEmail({ workspaceName: ws.name, newAccount: !existing, url, days: WALK_IN_LINK_DAYS }),
  });
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "membership.walk_in_added",
    subjectType: "user",
    subjectId: userId,
    data: { email, newAccount: !existing },
  });
  return ok(userId);
}
