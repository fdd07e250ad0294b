"use server";
import { headers } from "next/headers";
import { publicAction } from "@/app/_lib/actions";
import { signUp } from "@/lib/auth/accounts";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/auth/client-ip";
import { signUpSchema } from "@/lib/auth/schemas";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";
import { readForm } from "@/lib/actions/read-form";

export const signUpAction = publicAction({
  fields: ["name", "email", "password"],
  schema: signUpSchema,
  run: async ({ db, input, now }) => signUp(db, { ...input, ip: clientIp(await headers()), now }),
  refused: { fields: "We could not create the account.", fallback: "We could not create the account." },
  done: async (_, { input, form }) => {
    // Signed in straight away; the next page offers to create a workspace or shows pending invitations.
    const back = safeCallbackUrl(readForm(form, { callbackUrl: "text" }).callbackUrl);
    await signInAfterChange(input.email, input.password, back);
    return {};
  },
});
