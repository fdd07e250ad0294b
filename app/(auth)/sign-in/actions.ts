"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { magicLinkSchema, signInSchema } from "@/lib/auth/schemas";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getDb } from "@/lib/db";
import { mayEmail } from "@/lib/notifications/throttle";
import { appNow } from "@/lib/clock";

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return invalid(form, parsed.error);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === "rate_limited") {
        return failed(
          form,
          "Too many failed attempts. Wait 15 minutes, or sign in with an email link or reset your password.",
        );
      }
      return failed(form, "That email and password do not match an account.");
    }
    throw err; // the redirect after a successful sign-in, or a bug
  }
  return { status: "ok" };
}

export async function magicLinkAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const parsed = magicLinkSchema.safeParse({ email: form.get("email") });
  if (!parsed.success) return invalid(form, parsed.error);
  if (!(await mayEmail(getDb(), { to: parsed.data.email, kinds: ["auth.magic_link"], max: 5, now: appNow() }))) {
    return failed(
      form,
      "Several sign-in links were already sent to this address. Use the newest one, or wait 15 minutes.",
    );
  }
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: safeCallbackUrl(form.get("callbackUrl")) });
  } catch (err) {
    if (err instanceof AuthError) return failed(form, "We could not send the link. Try again in a moment.");
    throw err;
  }
  return { status: "ok" };
}
