"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { policiesFormSchema } from "@/lib/studios/schemas";
import { updatePolicies } from "@/lib/studios/update-policies";
import { pick, refused } from "../form-input";
import { appNow } from "@/lib/clock";

const FIELDS = [
  "minNoticeMinutes",
  "bookingWindowDays",
  "holdMinutes",
  "freeCancellationHours",
  "lateCancelFeePercent",
  "noShowFeePercent",
  "cardOnFile",
  "blockBookingWhenUnpaid",
  "invoiceDelayMinutes",
  "checkInOpensMinutes",
  "noShowGraceMinutes",
  "overtimeGraceMinutes",
  "overtimeRatePercent",
  "storageOverrunPercent",
] as const;

export async function updatePoliciesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "policies.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = policiesFormSchema.safeParse(pick(form, FIELDS));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await updatePolicies(getDb(), gate.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The policies were not saved.");
  revalidatePath(`/w/${gate.value.workspaceSlug}`, "layout");
  return { status: "ok", message: "Policies saved. They apply to bookings, cancellations and no-shows from now on." };
}
