"use server";
import { userAction } from "@/app/_lib/actions";
import { fail } from "@/lib/result";
import { acceptInvitation } from "@/lib/workspaces/invitations";

export const acceptInvitationAction = userAction({
  fields: { token: "text" },
  run: async ({ db, gate, input, now }) => {
    if (!gate.email) return fail("unauthenticated", { message: "Your session has ended. Sign in again." });
    const { token } = input;
    if (token === undefined || token.length < 10 || token.length > 200)
      return fail("invalid_invitation", { message: "This invitation link is not valid." });
    return acceptInvitation(db, { token, userId: gate.id, userEmail: gate.email, now });
  },
  refused: { fields: "This invitation cannot be accepted.", fallback: "This invitation cannot be accepted." },
  done: (accepted) => ({ redirect: `/w/${accepted.workspaceSlug}` }),
});
