"use server";
import { AuthError } from "next-auth";
import { publicAction } from "@/app/_lib/actions";
import { readForm } from "@/lib/actions/read-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signIn } from "@/lib/auth/config";
import { magicLinkSchema, signInSchema } from "@/lib/auth/schemas";
import { mayEmail } from "@/lib/notifications/throttle";
import { fail, ok } from "@/lib/result";

const callbackUrl = (form: FormData) => safeCallbackUrl(readForm(form, { callbackUrl: "text" }).callbackUrl);

/** Auth.js signs in by throwing: its redirect goes on (the session is set), its AuthError is the refusal. */
export const signInAction = publicAction({
  fields: ["email", "password"],
  schema: signInSchema,
  run: async ({ input, form }) => {
    try {
      await signIn("credentials", { ...input, redirectTo: callbackUrl(form) });
    } catch (err) {
      if (!(err instanceof AuthError)) throw err; // the redirect after a successful sign-in, or a bug
      if ((err as AuthError & { code?: string }).code === "rate_limited")
        return fail("rate_limited", {
          message: "Too many failed attempts. Wait 15 minutes, or sign in with an email link or reset your password.",
        });
      return fail("invalid", { message: "That email and password do not match an account." });
    }
    return ok(null);
  },
  done: () => ({}),
});

export const magicLinkAction = publicAction({
  fields: ["email"],
  schema: magicLinkSchema,
  run: async ({ db, input, form, now }) => {
    if (!(await mayEmail(db, { to: input.email, kinds: ["auth.magic_link"], max: 5, now })))
      return fail("rate_limited", {
        message: "Several sign-in links were already sent to this address. Use the newest one, or wait 15 minutes.",
      });
    try {
      await signIn("email", { email: input.email, redirectTo: callbackUrl(form) });
    } catch (err) {
      if (err instanceof AuthError)
        return fail("unreachable", { message: "We could not send the link. Try again in a moment." });
      throw err;
    }
    return ok(null);
  },
  done: () => ({}),
});
