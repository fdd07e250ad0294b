"use server";
import { memberAction } from "@/app/_lib/actions";
import type { Member } from "@/lib/auth/member";
import { getEnv } from "@/lib/env";
import { fail } from "@/lib/result";
import { inviteMember, revokeInvitation } from "@/lib/workspaces/invitations";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";
import { changeRoleSchema, inviteSchema } from "@/lib/workspaces/schemas";

const membersChanged = (gate: Member) => [`/w/${gate.workspaceSlug}/settings/members`];

export const inviteAction = memberAction("members.invite", {
  fields: { email: "text", role: "text", studioIds: "list", brandId: "optional", newBrandName: "optional" },
  schema: inviteSchema,
  run: ({ db, gate, input, now }) => {
    const env = getEnv();
    const mail = { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM };
    return inviteMember(db, gate, input, { appUrl: env.APP_URL, now, mail });
  },
  refused: { fields: "The invitation was not sent.", fallback: "The invitation was not sent." },
  done: (_, { gate, input }) => ({ message: `Invitation sent to ${input.email}.`, revalidate: membersChanged(gate) }),
});

export const revokeInvitationAction = memberAction("members.invite", {
  fields: { invitationId: "string" },
  run: async ({ db, gate, input, now }) =>
    /^[0-9a-f-]{36}$/i.test(input.invitationId)
      ? revokeInvitation(db, gate, input.invitationId, now)
      : fail("not_found"),
  refused: { not_found: "That invitation does not exist or is no longer pending." },
  done: (_, { gate }) => ({ message: "Invitation revoked.", revalidate: membersChanged(gate) }),
});

export const changeRoleAction = memberAction("members.manage", {
  fields: { membershipId: "text", role: "text", studioIds: "list", brandId: "optional" },
  schema: changeRoleSchema,
  run: ({ db, gate, input }) => changeMemberRole(db, gate, input),
  refused: { fields: "The role was not changed.", fallback: "The role was not changed." },
  done: (_, { gate }) => ({ message: "Role updated.", revalidate: membersChanged(gate) }),
});

export const removeMemberAction = memberAction("members.manage", {
  fields: { membershipId: "string" },
  run: ({ db, gate, input, now }) => removeMember(db, gate, input.membershipId, now),
  refused: { fields: "That member was not found.", fallback: "That member was not found." },
  done: (_, { gate }) => ({ message: "Member removed.", revalidate: membersChanged(gate) }),
});
