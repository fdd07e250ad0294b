"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { cancelBooking, confirmBooking } from "@/lib/bookings/lifecycle";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";

export async function confirmBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("bookingId") ?? "");
  const result = await confirmBooking(getDb(), gate.value, id, new Date());
  if (!result.ok) return failed(form, result.error === "not_found" ? "That booking does not exist, or is not yours." : (result.message ?? "This booking cannot be confirmed."));
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return { status: "ok", message: `Booked. Your code is ${result.value.code}; a confirmation email with a calendar invite is on its way.` };
}

export async function cancelBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("bookingId") ?? "");
  const reason = String(form.get("reason") ?? "").slice(0, 500);
  const result = await cancelBooking(getDb(), gate.value, id, new Date(), reason);
  if (!result.ok) return failed(form, result.error === "not_found" ? "That booking does not exist, or is not yours." : (result.message ?? "This booking cannot be cancelled."));
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const fee = result.value.feeCents > 0 ? ` A late-cancellation fee of ${formatMoney(result.value.feeCents, result.value.currency)} was charged.` : " No fee was charged.";
  return { status: "ok", message: `Booking cancelled.${fee}` };
}
