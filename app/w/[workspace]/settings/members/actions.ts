"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { inviteMember, revokeInvitation } from "@/lib/workspaces/invitations";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";
import { changeRoleSchema, inviteSchema } from "@/lib/workspaces/schemas";
import { appNow } from "@/lib/clock";

const optional = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

export async function inviteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "members.invite" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = inviteSchema.safeParse({
    email: form.get("email"),
    role: form.get("role"),
    studioIds: form.getAll("studioIds"),
    brandId: optional(form.get("brandId")),
    newBrandName: optional(form.get("newBrandName")),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const env = getEnv();
  const mail = { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM };
  const result = await inviteMember(getDb(), gate.value, parsed.data, { appUrl: env.APP_URL, now: appNow(), mail });
  if (!result.ok) return failed(form, result.message ?? "The invitation was not sent.", result.fieldErrors);
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/members`);
  return { status: "ok", message: `Invitation sent to ${parsed.data.email}.` };
}

export async function revokeInvitationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "members.invite" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("invitationId") ?? "");
  const result = /^[0-9a-f-]{36}$/i.test(id) ? await revokeInvitation(getDb(), gate.value, id, appNow()) : null;
  if (!result?.ok) return failed(form, "That invitation does not exist or is no longer pending.");
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/members`);
  return { status: "ok", message: "Invitation revoked." };
}

export async function changeRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "members.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = changeRoleSchema.safeParse({
    membershipId: form.get("membershipId"),
    role: form.get("role"),
    studioIds: form.getAll("studioIds"),
    brandId: optional(form.get("brandId")),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await changeMemberRole(getDb(), gate.value, parsed.data);
  if (!result.ok) return failed(form, result.message ?? "The role was not changed.", result.fieldErrors);
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/members`);
  return { status: "ok", message: "Role updated." };
}

export async function removeMemberAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "members.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await removeMember(getDb(), gate.value, String(form.get("membershipId") ?? ""), appNow());
  if (!result.ok) return failed(form, result.message ?? "That member was not found.");
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/members`);
  return { status: "ok", message: "Member removed." };
}
