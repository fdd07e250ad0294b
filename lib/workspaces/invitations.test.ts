import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { makeMember, makeUser, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { createApiToken, resolveApiToken } from "../auth/api-tokens";
import { listOutbox } from "../notifications/mailbox";
import { acceptInvitation, findOpenInvitation, inviteMember, revokeInvitation } from "./invitations";
import { changeMemberRole, removeMember } from "./members";
import { inviteSchema } from "./schemas";

const now = new Date("2026-11-21T10:00:00Z");
const ctx = { appUrl: "http://app.test", now };
const invite = (input: Record<string, unknown>) => inviteSchema.parse(input);

async function tokenFromEmail(to: string) {
  const [mail] = await listOutbox(testDb(), { to, limit: 1 });
  return decodeURIComponent(mail.text.match(/\/invite\/(\S+)/)![1]);
}

describe("invitations", () => {
  it("emails a link that the invited person accepts into the right role, once", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "manager");
    const invitee = await makeUser(db);
    const sent = await inviteMember(db, actor, invite({ email: invitee.email.toUpperCase(), role: "creator" }), ctx);
    expect(sent.ok).toBe(true);
    const token = await tokenFromEmail(invitee.email);
    expect(await findOpenInvitation(db, token, now)).toMatchObject({ role: "creator", workspaceSlug: workspace.slug });

    const accepted = await acceptInvitation(db, { token, userId: invitee.id, userEmail: invitee.email, now });
    expect(accepted).toEqual({ ok: true, value: { workspaceSlug: workspace.slug } });
    const [m] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, invitee.id)));
    expect(m.role).toBe("creator");
    expect(await acceptInvitation(db, { token, userId: invitee.id, userEmail: invitee.email, now })).toMatchObject({
      ok: false,
      error: "invalid_invitation",
    });
  });

  it("is only for the invited address, expires, and can be revoked", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "owner");
    const invitee = await makeUser(db);
    const someoneElse = await makeUser(db);
    await inviteMember(db, actor, invite({ email: invitee.email, role: "brand", newBrandName: "Acme" }), ctx);
    const token = await tokenFromEmail(invitee.email);
    expect(
      await acceptInvitation(db, { token, userId: someoneElse.id, userEmail: someoneElse.email, now }),
    ).toMatchObject({ ok: false, error: "wrong_account" });
    const later = new Date(now.getTime() + 8 * 24 * 3600 * 1000);
    expect(
      await acceptInvitation(db, { token, userId: invitee.id, userEmail: invitee.email, now: later }),
    ).toMatchObject({ ok: false, error: "invalid_invitation" });

    const again = await inviteMember(db, actor, invite({ email: invitee.email, role: "creator" }), ctx);
    const token2 = await tokenFromEmail(invitee.email);
    // The new invitation replaced the first.
    expect(await findOpenInvitation(db, token, now)).toBeNull();
    expect(again.ok && (await revokeInvitation(db, actor, again.value.id, now)).ok).toBe(true);
    expect(
      await acceptInvitation(db, { token: token2, userId: invitee.id, userEmail: invitee.email, now }),
    ).toMatchObject({ ok: false });
  });

  it("refuses roles above the inviter, members already in, and studios or brands of another workspace", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const other = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "manager");
    const existing = await makeMember(db, workspace.id, "creator");
    const email = `new-${Math.random().toString(36).slice(2)}@example.test`;
    expect(await inviteMember(db, actor, invite({ email, role: "owner" }), ctx)).toMatchObject({
      ok: false,
      error: "role_not_allowed",
    });
    expect(
      await inviteMember(
        db,
        actor,
        invite({ email: existing.user.email, role: "staff", studioIds: [workspace.id] }),
        ctx,
      ),
    ).toMatchObject({ ok: false, error: "already_member" });
    expect(
      await inviteMember(db, actor, invite({ email, role: "staff", studioIds: [other.studio.id] }), ctx),
    ).toMatchObject({ ok: false, error: "invalid_studios" });
    const foreignBrand = await makeMember(db, other.workspace.id, "brand");
    expect(
      await inviteMember(db, actor, invite({ email, role: "brand", brandId: foreignBrand.actor.brandId }), ctx),
    ).toMatchObject({ ok: false, error: "invalid_brand" });
    expect(await listOutbox(db, { to: email, limit: 5 })).toHaveLength(0);
    expect(inviteSchema.safeParse({ email, role: "staff" }).success).toBe(false);
  });
});

describe("members", () => {
  it("keeps at least one owner and stops managers from touching owners", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const owner = await makeMember(db, workspace.id, "owner");
    const manager = await makeMember(db, workspace.id, "manager");
    const creator = await makeMember(db, workspace.id, "creator");
    expect(await removeMember(db, owner.actor, owner.membershipId, now)).toMatchObject({
      ok: false,
      error: "last_owner",
    });
    expect(
      await changeMemberRole(db, owner.actor, { membershipId: owner.membershipId, role: "manager", studioIds: [] }),
    ).toMatchObject({ ok: false, error: "last_owner" });
    expect(await removeMember(db, manager.actor, owner.membershipId, now)).toMatchObject({
      ok: false,
      error: "not_allowed",
    });
    expect(
      await changeMemberRole(db, manager.actor, { membershipId: creator.membershipId, role: "manager", studioIds: [] }),
    ).toMatchObject({ ok: false, error: "not_allowed" });
    expect(
      await changeMemberRole(db, manager.actor, { membershipId: creator.membershipId, role: "staff", studioIds: [] }),
    ).toMatchObject({ ok: false, error: "invalid_studios" });
    expect(await removeMember(db, manager.actor, creator.membershipId, now)).toMatchObject({ ok: true });
  });

  it("never ends without an owner when two owners demote each other at the same time", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const a = await makeMember(db, workspace.id, "owner");
    const b = await makeMember(db, workspace.id, "owner");
    const results = await Promise.all([
      changeMemberRole(db, a.actor, { membershipId: b.membershipId, role: "manager", studioIds: [] }),
      changeMemberRole(db, b.actor, { membershipId: a.membershipId, role: "manager", studioIds: [] }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const owners = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
  });

  it("revokes the removed member's API tokens for that workspace", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const owner = await makeMember(db, workspace.id, "owner");
    const creator = await makeMember(db, workspace.id, "creator");
    const { secret } = await createApiToken(db, creator.actor, { name: "t" });
    expect(await removeMember(db, owner.actor, creator.membershipId, now)).toMatchObject({ ok: true });
    expect(await resolveApiToken(db, secret, now)).toBeNull();
  });

  it("answers not_found for another workspace's membership", async () => {
    const db = testDb();
    const a = await makeWorkspace(db);
    const b = await makeWorkspace(db);
    const ownerA = await makeMember(db, a.workspace.id, "owner");
    const creatorB = await makeMember(db, b.workspace.id, "creator");
    expect(await removeMember(db, ownerA.actor, creatorB.membershipId, now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(
      await changeMemberRole(db, ownerA.actor, { membershipId: creatorB.membershipId, role: "brand", studioIds: [] }),
    ).toMatchObject({ ok: false, error: "not_found" });
  });
});
