import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaces } from "@/db/schema";
import { createApiToken, listApiTokens, revokeApiToken } from "../auth/api-tokens";
import { findTokenMember } from "../auth/member";
import { emailSchema } from "../auth/schemas";

export class CliError extends Error {}

function option(args: string[], name: string) {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value && !value.startsWith("--") ? value : undefined;
}

async function memberFor(db: Db, args: string[]) {
  const emailArg = option(args, "email");
  const slug = option(args, "workspace");
  if (!emailArg || !slug) throw new CliError("--email <email> and --workspace <slug> are required");
  const email = emailSchema.safeParse(emailArg);
  if (!email.success) throw new CliError(`not an email address: ${emailArg}`);
  const [row] = await db
    .select({ userId: users.id, workspaceId: workspaces.id })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.slug, slug))
    .where(eq(users.email, email.data));
  const member = row ? await findTokenMember(db, row) : null;
  if (!member) throw new CliError(`${email.data} is not a member of workspace "${slug}"`);
  return member;
}

/**
 * `tokens create|list|revoke`: the same use cases as the settings page. Returns what goes to stdout: for
 * `create`, the token alone, so `TOKEN=$(npm run --silent cli -- tokens create ...)` works.
 */
export async function tokensCommand(db: Db, args: string[], now: Date): Promise<string> {
  const [sub] = args;
  if (sub === "create") {
    const member = await memberFor(db, args);
    const token = await createApiToken(db, member, {
      name: option(args, "name") ?? `CLI ${now.toISOString().slice(0, 10)}`,
    });
    return token.secret;
  }
  if (sub === "list") {
    const member = await memberFor(db, args);
    const rows = await listApiTokens(db, member);
    return rows.map((t) => `${t.id}\t${t.prefix}…\t${t.name}\t${t.revokedAt ? "revoked" : "active"}`).join("\n");
  }
  if (sub === "revoke") {
    const member = await memberFor(db, args);
    const id = option(args, "id");
    if (!id) throw new CliError("--id <token id> is required (see `tokens list`)");
    const result = await revokeApiToken(db, member, id, now);
    if (!result.ok) throw new CliError(`no active token ${id} for ${member.email} in ${member.workspaceSlug}`);
    return `revoked ${id}`;
  }
  throw new CliError("usage: tokens create|list|revoke --email <email> --workspace <slug> [--name <name>] [--id <id>]");
}
