import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "./config";

/**
 * Signs this browser in after the account itself changed (sign-up, reset, new password). If Auth.js refuses,
 * the change is already saved, so the person is sent to sign in by hand with a message instead of an error page.
 */
export async function signInAfterChange(email: string, password: string, redirectTo: string) {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    if (err instanceof AuthError)
      redirect(`/sign-in?notice=signin-needed&callbackUrl=${encodeURIComponent(redirectTo)}`);
    throw err;
  }
}
