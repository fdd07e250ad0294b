"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { cancelBooking, confirmBooking } from "@/lib/bookings/lifecycle";
import { checkInBooking, checkOutBooking, markNoShow } from "@/lib/bookings/operate-booking";
import { cancelSeries } from "@/lib/bookings/series";
import { withdrawWaitlist } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import type { Quote } from "@/lib/pricing";

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

/** Cancels every date of a weekly series that is still ahead; each pays the fee the policy sets for it. */
export async function cancelSeriesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await cancelSeries(getDb(), gate.value, String(form.get("seriesId") ?? ""), { from: "future" }, new Date());
  if (!result.ok) return failed(form, result.error === "not_found" ? "That series does not exist, or is not yours." : (result.message ?? "This series cannot be cancelled."));
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const { cancelled, feeCents, currency } = result.value;
  const fee = feeCents > 0 && currency ? ` Late-cancellation fees: ${formatMoney(feeCents, currency)}.` : " No fee was charged.";
  return { status: "ok", message: `Cancelled ${cancelled.length} ${cancelled.length === 1 ? "date" : "dates"} of the series.${fee}` };
}

/** Leaves the waitlist; a hold it was offered is released to the next in line. */
export async function withdrawWaitlistAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await withdrawWaitlist(getDb(), gate.value, String(form.get("entryId") ?? ""), new Date());
  if (!result.ok) return failed(form, result.error === "not_found" ? "That waitlist entry does not exist, or is not yours." : (result.message ?? "This entry cannot be withdrawn."));
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return { status: "ok", message: "You left the waitlist for this time." };
}

/** A floor action on a booking by the studio's staff: check in, check out (completes it and charges it), no-show. */
export async function operateBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.operate" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("bookingId") ?? "");
  const op = String(form.get("op") ?? "");
  const db = getDb();
  const now = new Date();
  let message: string;
  if (op === "check_in") {
    const r = await checkInBooking(db, gate.value, id, now);
    if (!r.ok) return failed(form, r.error === "not_found" ? "That booking does not exist." : (r.message ?? "It cannot be checked in."));
    message = "Checked in.";
  } else if (op === "check_out") {
    const r = await checkOutBooking(db, gate.value, id, now);
    if (!r.ok) return failed(form, r.error === "not_found" ? "That booking does not exist." : (r.message ?? "It cannot be checked out."));
    message = r.value.chargedCents > 0 ? `Checked out. ${formatMoney(r.value.chargedCents, (r.value.booking.quote as Quote).currency)} was charged to the creator.` : "Checked out.";
  } else if (op === "no_show") {
    const r = await markNoShow(db, gate.value, id, now);
    if (!r.ok) return failed(form, r.error === "not_found" ? "That booking does not exist." : (r.message ?? "It cannot be marked a no-show."));
    message = r.value.feeCents > 0 ? `Marked a no-show. A fee of ${formatMoney(r.value.feeCents, (r.value.booking.quote as Quote).currency)} was charged.` : "Marked a no-show. No fee was charged.";
  } else {
    return failed(form, "Choose what to do.");
  }
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return { status: "ok", message };
}
