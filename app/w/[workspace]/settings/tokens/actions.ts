"use server";
import { revalidatePath } from "next/cache";
import { createApiToken, createTokenSchema, revokeApiToken } from "@/lib/auth/api-tokens";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { appNow } from "@/lib/clock";

export async function createTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "tokens.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = createTokenSchema.safeParse({ name: form.get("name") });
  if (!parsed.success) return invalid(form, parsed.error);
  const token = await createApiToken(getDb(), gate.value, parsed.data);
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/tokens`);
  return { status: "ok", message: `Token “${token.name}” created.`, data: { secret: token.secret } };
}

export async function revokeTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "tokens.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await revokeApiToken(getDb(), gate.value, String(form.get("tokenId") ?? ""), appNow());
  if (!result.ok) return failed(form, "That token does not exist or was already revoked.");
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/tokens`);
  return { status: "ok", message: "Token revoked. Requests using it now get 401." };
}
