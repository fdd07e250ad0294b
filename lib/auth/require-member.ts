import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { problem } from "../api/problem";
import { getDb } from "../db";
import { fail, ok, type Result } from "../result";
import { safeCallbackUrl } from "./callback-url";
import { auth } from "./config";
import { findSessionMember, findUserForSession, type Member } from "./member";
import { can, type Permission } from "./permissions";

/**
 * The signed-in user, or null. A session issued before the user's last password change or reset (an older
 * session version) counts as signed out everywhere. Cached for one request.
 */
export const getSessionUser = cache(async () => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const sessionVersion = (session as { sv?: number }).sv ?? -1;
  const user = await findUserForSession(getDb(), id);
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return { id, sessionVersion, email: user.email };
});

const loadMember = cache(async (workspaceSlug: string): Promise<Member | null | "anonymous"> => {
  const user = await getSessionUser();
  if (!user) return "anonymous";
  return findSessionMember(getDb(), { userId: user.id, sessionVersion: user.sessionVersion, workspaceSlug });
});

/**
 * The one gate for pages and layouts: resolves the session to a member of `workspace` holding `permission`.
 * Not signed in → redirect to sign-in. Not a member, or not allowed → 404, exactly like a workspace that does
 * not exist.
 */
export async function requireMember(input: { workspace: string; permission?: Permission; returnTo?: string }) {
  const member = await loadMember(input.workspace);
  if (member === "anonymous") {
    const asked = input.returnTo ?? (await headers()).get("x-livebase-path");
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(asked, `/w/${input.workspace}`))}`);
  }
  if (!member || (input.permission && !can(member, input.permission))) notFound();
  return member;
}

/** The same gate for server actions, as a value: actions answer with a message instead of navigating. */
export async function requireActionMember(input: {
  workspace: unknown;
  permission: Permission;
}): Promise<Result<Member, "unauthenticated" | "not_found">> {
  if (typeof input.workspace !== "string" || input.workspace.length > 100) return fail("not_found");
  const member = await loadMember(input.workspace);
  if (member === "anonymous") return fail("unauthenticated", { message: "Your session has ended. Sign in again." });
  if (!member || !can(member, input.permission)) return fail("not_found", { message: "Not found." });
  return ok(member);
}

/** For pages outside a workspace (create a workspace, accept an invitation): signed in, or redirect. */
export async function requireUser(returnTo: string) {
  const user = await getSessionUser();
  if (!user) {
    const asked = (await headers()).get("x-livebase-path");
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(asked, returnTo))}`);
  }
  return user;
}

/**
 * The same gate for route handlers under /w/<workspace> (file downloads): the member, or the response to send.
 * Not signed in → a redirect to sign-in that comes back to `returnTo` (a page, never the download itself).
 * Not a member, or not allowed → a 404 problem, exactly like a workspace that does not exist (no redirect, so a
 * signed-in user can never be sent round in a loop).
 */
export async function requireRouteMember(input: {
  workspace: string;
  permission: Permission;
  returnTo: string;
}): Promise<Member | Response> {
  const member = await loadMember(input.workspace);
  if (member === "anonymous") {
    const location = `/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(input.returnTo, "/workspaces"))}`;
    return new Response(null, { status: 307, headers: { location, "cache-control": "no-store" } });
  }
  if (!member || !can(member, input.permission))
    return problem(404, { code: "not_found", detail: "There is no such page." });
  return member;
}
