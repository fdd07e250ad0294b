import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { createApiToken, resolveApiToken, revokeApiToken } from "./api-tokens";
import { findSessionMember, findTokenMember } from "./member";

const now = new Date("2026-11-21T10:00:00Z");

describe("API tokens", () => {
  it("stores only a hash, resolves the secret to its member, and stops working once revoked", async () => {
    const db = testDb();
    const { workspace } = await makeWorkspace(db);
    const { actor } = await makeMember(db, workspace.id, "creator");
    const token = await createApiToken(db, actor, { name: "sync" });
    expect(token.secret).toMatch(/^lb_/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row.tokenHash).not.toBe(token.secret);
    expect(JSON.stringify(row)).not.toContain(token.secret);

    const resolved = await resolveApiToken(db, token.secret, now);
    expect(resolved).toMatchObject({ userId: actor.userId, workspaceId: workspace.id });
    const member = await findTokenMember(db, resolved!);
    expect(member).toMatchObject({ role: "creator", workspaceSlug: workspace.slug, via: "token" });

    expect(await revokeApiToken(db, actor, token.id, now)).toMatchObject({ ok: true });
    expect(await resolveApiToken(db, token.secret, now)).toBeNull();
    expect(await resolveApiToken(db, "lb_not-a-real-token", now)).toBeNull();
  });

  it("answers not_found for someone else's token or another workspace's, and changes nothing", async () => {
    const db = testDb();
    const a = await makeWorkspace(db);
    const b = await makeWorkspace(db);
    const owner = await makeMember(db, a.workspace.id, "owner");
    const stranger = await makeMember(db, b.workspace.id, "owner");
    const colleague = await makeMember(db, a.workspace.id, "manager");
    const token = await createApiToken(db, owner.actor, { name: "mine" });
    expect(await revokeApiToken(db, stranger.actor, token.id, now)).toMatchObject({ ok: false, error: "not_found" });
    expect(await revokeApiToken(db, colleague.actor, token.id, now)).toMatchObject({ ok: false, error: "not_found" });
    expect(await revokeApiToken(db, owner.actor, "not-a-uuid", now)).toMatchObject({ ok: false, error: "not_found" });
    expect(await resolveApiToken(db, token.secret, now)).not.toBeNull();
  });

  it("does not resolve a member of workspace A in workspace B", async () => {
    const db = testDb();
    const a = await makeWorkspace(db);
    const b = await makeWorkspace(db);
    const { user } = await makeMember(db, a.workspace.id, "owner");
    expect(
      await findSessionMember(db, { userId: user.id, sessionVersion: 0, workspaceSlug: a.workspace.slug }),
    ).not.toBeNull();
    expect(
      await findSessionMember(db, { userId: user.id, sessionVersion: 0, workspaceSlug: b.workspace.slug }),
    ).toBeNull();
    // A session issued before a password change (older version) no longer counts.
    expect(
      await findSessionMember(db, { userId: user.id, sessionVersion: 1, workspaceSlug: a.workspace.slug }),
    ).toBeNull();
  });
});
