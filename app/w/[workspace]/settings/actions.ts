"use server";
import { revalidatePath } from "next/cache";
import { changePassword, updateProfile } from "@/lib/auth/accounts";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";
import { requireActionMember } from "@/lib/auth/require-member";
import { changePasswordSchema, profileSchema } from "@/lib/auth/schemas";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";

export async function updateProfileAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "profile.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = profileSchema.safeParse({ name: form.get("name") });
  if (!parsed.success) return invalid(form, parsed.error);
  await updateProfile(getDb(), { userId: gate.value.userId, name: parsed.data.name });
  revalidatePath(`/w/${gate.value.workspaceSlug}`, "layout");
  return { status: "ok", message: "Profile saved.", values: { name: parsed.data.name } };
}

export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "profile.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = changePasswordSchema.safeParse({
    currentPassword: form.get("currentPassword") ?? "",
    newPassword: form.get("newPassword"),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await changePassword(getDb(), { userId: gate.value.userId, ...parsed.data });
  if (!result.ok) return failed(form, "The password was not changed.", result.fieldErrors);
  // The change signed out every session (this one too); sign this browser back in with the new password.
  await signInAfterChange(
    gate.value.email,
    parsed.data.newPassword,
    `/w/${gate.value.workspaceSlug}/settings?password=changed`,
  );
  return { status: "ok" };
}
