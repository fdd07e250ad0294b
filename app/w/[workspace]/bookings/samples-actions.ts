"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { assignSampleSchema } from "@/lib/samples/schemas";
import { assignSample } from "@/lib/samples/assign-sample";
import { appNow } from "@/lib/clock";

/**
 * Staff assign samples already in the studio to a session (the booking page's samples card). Staging and returning
 * them use the inventory's actions: the same stock rows, the same rules.
 */
export async function assignSampleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "inventory.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = assignSampleSchema.safeParse({
    bookingId: form.get("bookingId"),
    shipmentItemId: form.get("shipmentItemId"),
    quantity: form.get("quantity"),
  });
  if (!parsed.success) {
    // The item comes from a select: say so in words rather than zod's "Invalid UUID".
    const state = invalid(form, parsed.error);
    if (state.fieldErrors?.shipmentItemId) state.fieldErrors.shipmentItemId = ["Choose an item in the studio"];
    return state;
  }
  const r = await assignSample(getDb(), gate.value, parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found" ? "That item is not in this workspace." : (r.message ?? "Check the fields marked below."),
      r.fieldErrors,
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return { status: "ok", message: `Assigned ${parsed.data.quantity} to this session.` };
}
