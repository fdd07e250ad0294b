"use server";
import { signOut } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

/** Signs out of this browser (clears the session cookie), then goes to `redirectTo` (same site) or sign-in. */
export async function signOutAction(form?: FormData) {
  const back = form instanceof FormData ? form.get("redirectTo") : null;
  await signOut({ redirectTo: back ? safeCallbackUrl(back, "/sign-in") : "/sign-in" });
}
