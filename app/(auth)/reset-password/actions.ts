"use server";
import { signInAfterChange } from "@/lib/auth/sign-in-after-change";
import { resetPassword } from "@/lib/auth/accounts";
import { resetPasswordSchema } from "@/lib/auth/schemas";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { appNow } from "@/lib/clock";

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const parsed = resetPasswordSchema.safeParse({ token: form.get("token"), password: form.get("password") });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await resetPassword(getDb(), { ...parsed.data, now: appNow() });
  if (!result.ok) return failed(form, result.message ?? "This reset link is not valid.");
  await signInAfterChange(result.value.email, parsed.data.password, "/workspaces");
  return { status: "ok" };
}
