"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { studioSchema, TAX_ADDRESS_FIELDS } from "@/lib/studios/schemas";
import { createStudio } from "@/lib/studios/studios";
import { openingHoursFromForm, pick, refused } from "./form-input";
import { appNow } from "@/lib/clock";

export async function createStudioAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "studios.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = studioSchema.safeParse({
    ...pick(form, [
      "name",
      "address",
      "timeZone",
      "currency",
      "taxMode",
      "taxSource",
      "taxRate",
      "taxName",
      ...TAX_ADDRESS_FIELDS,
    ]),
    openingHours: openingHoursFromForm(form),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createStudio(getDb(), gate.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The studio was not added.");
  const slug = gate.value.workspaceSlug;
  revalidatePath(`/w/${slug}`, "layout");
  redirect(`/w/${slug}/setup/studios/${result.value.id}`);
}
