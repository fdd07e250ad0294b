import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { str } from "../input";
import type { DbOrTx } from "@/db/client";
import { apiTokens, auditLog } from "@/db/schema";
import { fail, ok, type Result } from "../result";
import type { Actor } from "./permissions";
import { hashSecret, newSecret } from "./secrets";
import { isUuid } from "@/kernel/ids";

export const TOKEN_PREFIX = "lb_";

export const createTokenSchema = z.object({
  name: str().trim().min(1, "Give the token a name").max(80, "Use at most 80 characters"),
});

/** Creates a personal API token for the actor in the actor's workspace. The secret is returned once. */
export async function createApiToken(db: DbOrTx, actor: Actor, input: z.infer<typeof createTokenSchema>) {
  const secret = newSecret(TOKEN_PREFIX);
  const [row] = await db
    .insert(apiTokens)
    .values({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "api_token.created",
    subjectType: "api_token",
    subjectId: row.id,
  });
  return { ...row, secret };
}

export async function listApiTokens(db: DbOrTx, actor: Actor) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), eq(apiTokens.workspaceId, actor.workspaceId)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the actor's own tokens. Someone else's token, or another workspace's, is "not_found". */
export async function revokeApiToken(
  db: DbOrTx,
  actor: Actor,
  tokenId: string,
  now: Date,
): Promise<Result<{ id: string }, "not_found">> {
  if (!isUuid(tokenId)) return fail("not_found");
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        eq(apiTokens.userId, actor.userId),
        eq(apiTokens.workspaceId, actor.workspaceId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  if (!row) return fail("not_found");
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: "api_token.revoked",
    subjectType: "api_token",
    subjectId: row.id,
  });
  return ok(row);
}

/** The user and workspace behind a presented secret, or null when unknown or revoked. */
export async function resolveApiToken(db: DbOrTx, secret: string, now: Date) {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      workspaceId: apiTokens.workspaceId,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashSecret(secret)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // "Last used" to the minute is enough, and spares a write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { id: row.id, userId: row.userId, workspaceId: row.workspaceId };
}
