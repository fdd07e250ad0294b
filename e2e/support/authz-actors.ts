import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { inArray } from "drizzle-orm";
import { apiTokens, users, workspaces, type Role } from "../../db/schema";
import { hashSecret, newSecret } from "../../lib/auth/secrets";
import { ACTOR_NAMES, type ActorName } from "./authz-matrix";
import { e2eDb } from "./db";
import { createUserWithWorkspace, demo, signInViaApi } from "./fixtures";
import { e2eNow } from "./clock";

/** The workspace every actor asks for. */
export const WORKSPACE = "demo";

const DEMO_ACTORS = ["owner", "manager", "staff", "creator", "brand"] as const satisfies readonly Role[];

/**
 * One caller of the matrix. `request` carries only this actor's session cookie (anonymous: none); `token` is an
 * API token of the actor in its own workspace (demo, or the outsider's), sent only to Bearer routes.
 */
export type Actor = {
  name: ActorName;
  email: string | null;
  password: string | null;
  role: Role | null;
  ownSlug: string | null;
  request: APIRequestContext;
  token: string | null;
};

export type Actors = {
  byName: Record<ActorName, Actor>;
  /** A context with no cookies, for Bearer calls (a session must not be what lets an API call through). */
  bare: APIRequestContext;
  /** A revoked API token of the demo owner, which must be refused. */
  revokedToken: string;
  dispose: () => Promise<void>;
};

type Playwright = PlaywrightWorkerArgs["playwright"];

/** Signs each actor in, each in its own request context, and gives each an API token created in the database. */
export async function setUpActors(playwright: Playwright, baseURL: string): Promise<Actors> {
  const db = e2eDb();
  const outsider = await createUserWithWorkspace({ role: "owner" });
  const people: {
    name: ActorName;
    email: string | null;
    password: string | null;
    role: Role | null;
    ownSlug: string | null;
  }[] = [
    ...DEMO_ACTORS.map((role) => ({ name: role, email: demo(role), password: null, role, ownSlug: WORKSPACE })),
    { name: "outsider", email: outsider.email, password: outsider.password, role: "owner", ownSlug: outsider.slug },
    { name: "anonymous", email: null, password: null, role: null, ownSlug: null },
  ];

  const emails = people.flatMap((p) => (p.email ? [p.email] : []));
  const userRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  const slugs = [WORKSPACE, outsider.slug];
  const wsRows = await db
    .select({ id: workspaces.id, slug: workspaces.slug })
    .from(workspaces)
    .where(inArray(workspaces.slug, slugs));
  const idOf = <T extends { id: string }>(rows: T[], match: (row: T) => boolean, what: string) => {
    const row = rows.find(match);
    if (!row) throw new Error(`authz matrix set-up: ${what} is not in the e2e database`);
    return row.id;
  };

  const tokenIds: string[] = [];
  // Created like createApiToken does (lib/auth/api-tokens.ts): only the SHA-256 of an `lb_` secret is stored.
  async function issueToken(email: string, slug: string, revoked = false) {
    const secret = newSecret("lb_");
    const [row] = await db
      .insert(apiTokens)
      .values({
        userId: idOf(userRows, (u) => u.email === email, `user ${email}`),
        workspaceId: idOf(wsRows, (w) => w.slug === slug, `workspace ${slug}`),
        name: `authz matrix${revoked ? " (revoked)" : ""}`,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, 9),
        revokedAt: revoked ? e2eNow() : null,
      })
      .returning({ id: apiTokens.id });
    tokenIds.push(row.id);
    return secret;
  }

  const contexts: APIRequestContext[] = [];
  const newContext = async () => {
    const context = await playwright.request.newContext({ baseURL });
    contexts.push(context);
    return context;
  };

  const byName = {} as Record<ActorName, Actor>;
  for (const p of people) {
    const request = await newContext();
    if (p.email) await signInViaApi(request, p.email, p.password ?? undefined);
    const token = p.email && p.ownSlug ? await issueToken(p.email, p.ownSlug) : null;
    byName[p.name] = { ...p, request, token };
  }
  for (const name of ACTOR_NAMES) if (!byName[name]) throw new Error(`authz matrix set-up: no actor ${name}`);

  const revokedToken = await issueToken(demo("owner"), WORKSPACE, true);
  const bare = await newContext();

  return {
    byName,
    bare,
    revokedToken,
    dispose: async () => {
      await Promise.all(contexts.map((c) => c.dispose()));
      if (tokenIds.length > 0) await db.delete(apiTokens).where(inArray(apiTokens.id, tokenIds));
    },
  };
}

/** A fresh context signed in as this actor (or anonymous), for calls that end the session, like signing out. */
export async function throwawaySession(playwright: Playwright, baseURL: string, actor: Actor) {
  const request = await playwright.request.newContext({ baseURL });
  if (actor.email) await signInViaApi(request, actor.email, actor.password ?? undefined);
  return request;
}
