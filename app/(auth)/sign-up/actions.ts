"use server";
import { headers } from "next/headers";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";
import { clientIp } from "@/lib/auth/client-ip";
import { appNow } from "@/lib/clock";
import { signUp } from "@/lib/auth/accounts";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signUpSchema } from "@/lib/auth/schemas";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";

export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const parsed = signUpSchema.safeParse({
    name: form.get("name"),
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await signUp(getDb(), { ...parsed.data, ip: clientIp(await headers()), now: appNow() });
  if (!result.ok) return failed(form, result.message ?? "We could not create the account.", result.fieldErrors);
  // Signed in straight away; the next page offers to create a workspace or shows pending invitations.
  await signInAfterChange(parsed.data.email, parsed.data.password, safeCallbackUrl(form.get("callbackUrl")));
  return { status: "ok" };
}
