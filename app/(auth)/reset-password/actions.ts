"use server";
import { publicAction } from "@/app/_lib/actions";
import { resetPassword } from "@/lib/auth/accounts";
import { resetPasswordSchema } from "@/lib/auth/schemas";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";

export const resetPasswordAction = publicAction({
  fields: ["token", "password"],
  schema: resetPasswordSchema,
  run: ({ db, input, now }) => resetPassword(db, { ...input, now }),
  refused: { fields: "This reset link is not valid.", fallback: "This reset link is not valid." },
  done: async (reset, { input }) => {
    await signInAfterChange(reset.email, input.password, "/workspaces");
    return {};
  },
});
