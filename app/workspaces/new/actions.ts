"use server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/require-member";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { getDb } from "@/lib/db";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";
import { createWorkspace } from "@/lib/workspaces/workspaces";

export async function createWorkspaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const user = await getSessionUser();
  if (!user) return failed(form, "Your session has ended. Sign in again.");
  const parsed = createWorkspaceSchema.safeParse({
    name: form.get("name"),
    slug: form.get("slug"),
    currency: form.get("currency") ?? undefined,
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createWorkspace(getDb(), user.id, parsed.data);
  if (!result.ok) return failed(form, "We could not create the workspace.", result.fieldErrors);
  redirect(`/w/${result.value.slug}`);
}
