"use server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/require-member";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { acceptInvitation } from "@/lib/workspaces/invitations";
import { appNow } from "@/lib/clock";

export async function acceptInvitationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const user = await getSessionUser();
  if (!user?.email) return failed(form, "Your session has ended. Sign in again.");
  const token = form.get("token");
  if (typeof token !== "string" || token.length < 10 || token.length > 200)
    return failed(form, "This invitation link is not valid.");
  const result = await acceptInvitation(getDb(), { token, userId: user.id, userEmail: user.email, now: appNow() });
  if (!result.ok) return failed(form, result.message ?? "This invitation cannot be accepted.");
  redirect(`/w/${result.value.workspaceSlug}`);
}
