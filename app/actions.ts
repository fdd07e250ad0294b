"use server";
import { signOut } from "@/lib/auth/config";

/** Signs out of this browser (clears the session cookie) and goes to the sign-in page. */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
