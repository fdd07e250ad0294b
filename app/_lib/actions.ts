import { refresh, revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { actionWith, type ActionEffects, type ActionSpec, type Gate } from "@/lib/actions/define-action";
import type { FormFields } from "@/lib/actions/read-form";
import type { Member } from "@/lib/auth/member";
import type { Permission } from "@/lib/auth/permissions";
import { getSessionUser, requireActionMember } from "@/lib/auth/require-member";
import { appNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { fail, ok, type Result } from "@/lib/result";

/**
 * Every server action is one of these (lib/actions/define-action.ts is the shape): the gate, the fields read, the
 * schema, the use case, its words, and the answer. Next's side of it (revalidatePath, refresh, redirect) is here.
 *
 *   export const removeRoomBlockAction = memberAction("studios.manage", {
 *     fields: { blockId: "string" },
 *     run: ({ db, gate, input, now }) => removeRoomBlock(db, gate, input, now),
 *     refused: { fallback: "The block was not removed." },
 *     done: (_, { gate }) => ({ message: "Block removed.", revalidate: [`/w/${gate.workspaceSlug}/setup`] }),
 *   });
 */
const effects: ActionEffects = {
  db: getDb,
  now: appNow,
  revalidate: (path, type) => revalidatePath(path, type),
  refresh: () => refresh(),
  redirect: (url) => redirect(url),
};

type Schema = z.ZodType | undefined;
type AnyResult = Result<unknown, string>;
type SessionUser = NonNullable<Awaited<ReturnType<typeof getSessionUser>>>;

/** The workspace's gate: a member of the form's `workspace` holding `permission`, else "Not found." (the matrix). */
export const memberGate =
  (permission: Permission): Gate<Member> =>
  (form) =>
    requireActionMember({ workspace: form.get("workspace"), permission });

/** An action in a workspace, for a member holding `permission`. */
export function memberAction<
  const F extends FormFields = readonly [],
  S extends Schema = undefined,
  R extends AnyResult = AnyResult,
>(permission: Permission, spec: ActionSpec<Member, F, S, R>) {
  return actionWith(effects, memberGate(permission), spec);
}

/** An action outside a workspace for anyone signed in (create a workspace, accept an invitation). */
export function userAction<
  const F extends FormFields = readonly [],
  S extends Schema = undefined,
  R extends AnyResult = AnyResult,
>(spec: ActionSpec<SessionUser, F, S, R>) {
  return actionWith(
    effects,
    async () => {
      const user = await getSessionUser();
      return user ? ok(user) : fail("unauthenticated", { message: "Your session has ended. Sign in again." });
    },
    spec,
  );
}

/** An action for anyone (sign in, sign up, reset a password): no gate, the rest is the same. */
export function publicAction<
  const F extends FormFields = readonly [],
  S extends Schema = undefined,
  R extends AnyResult = AnyResult,
>(spec: ActionSpec<null, F, S, R>) {
  return actionWith(effects, async () => ok(null), spec);
}

/** An action whose gate answers more than who is asking (the payments pages also need Stripe's platform mode). */
export function gatedAction<
  G,
  const F extends FormFields = readonly [],
  S extends Schema = undefined,
  R extends AnyResult = AnyResult,
>(gate: Gate<G>, spec: ActionSpec<G, F, S, R>) {
  return actionWith(effects, gate, spec);
}
