"use server";
import { memberAction } from "@/app/_lib/actions";
import { changePassword, updateProfile } from "@/lib/auth/accounts";
import { changePasswordSchema, profileSchema } from "@/lib/auth/schemas";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";
import { ok } from "@/lib/result";

export const updateProfileAction = memberAction("profile.manage", {
  fields: ["name"],
  schema: profileSchema,
  run: async ({ db, gate, input }) => ok(await updateProfile(db, { userId: gate.userId, name: input.name })),
  done: (_, { gate, input }) => ({
    message: "Profile saved.",
    values: { name: input.name },
    revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" }],
  }),
});

export const changePasswordAction = memberAction("profile.manage", {
  fields: { currentPassword: "string", newPassword: "text" },
  schema: changePasswordSchema,
  run: ({ db, gate, input }) => changePassword(db, { userId: gate.userId, ...input }),
  refused: { wrong_password: "The password was not changed.", fields: "The password was not changed." },
  done: async (_, { gate, input }) => {
    // The change signed out every session (this one too); sign this browser back in with the new password.
    await signInAfterChange(gate.email, input.newPassword, `/w/${gate.workspaceSlug}/settings?password=changed`);
    return {};
  },
});
