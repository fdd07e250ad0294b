"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { cancelBooking, confirmBooking } from "@/lib/bookings/lifecycle";
import { checkOutBooking } from "@/lib/bookings/operate-booking";
import { cancelSeries } from "@/lib/bookings/series";
import { withdrawWaitlist } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";
import { formatMoney } from "@/lib/format";
import type { Quote } from "@/lib/pricing";
import { floorOperation } from "./floor-operation";
import { appNow } from "@/lib/clock";

export async function confirmBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("bookingId") ?? "");
  const result = await confirmBooking(getDb(), gate.value, id, appNow());
  if (!result.ok)
    return failed(
      form,
      result.error === "not_found"
        ? "That booking does not exist, or is not yours."
        : (result.message ?? "This booking cannot be confirmed."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return {
    status: "ok",
    message: `Booked. Your code is ${result.value.code}; a confirmation email with a calendar invite is on its way.`,
  };
}

export async function cancelBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.cancel" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const id = String(form.get("bookingId") ?? "");
  const reason = String(form.get("reason") ?? "").slice(0, 500);
  const result = await cancelBooking(getDb(), gate.value, id, appNow(), reason);
  if (!result.ok)
    return failed(
      form,
      result.error === "not_found"
        ? "That booking does not exist, or is not yours."
        : (result.message ?? "This booking cannot be cancelled."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const fee =
    result.value.feeCents > 0
      ? ` A late-cancellation fee of ${formatMoney(result.value.feeCents, result.value.currency)} was charged.`
      : " No fee was charged.";
  return { status: "ok", message: `Booking cancelled.${fee}` };
}

/** Cancels every date of a weekly series that is still ahead; each pays the fee the policy sets for it. */
export async function cancelSeriesAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await cancelSeries(
    getDb(),
    gate.value,
    String(form.get("seriesId") ?? ""),
    { from: "future" },
    appNow(),
  );
  if (!result.ok)
    return failed(
      form,
      result.error === "not_found"
        ? "That series does not exist, or is not yours."
        : (result.message ?? "This series cannot be cancelled."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const { cancelled, feeCents, currency } = result.value;
  const fee =
    feeCents > 0 && currency ? ` Late-cancellation fees: ${formatMoney(feeCents, currency)}.` : " No fee was charged.";
  return {
    status: "ok",
    message: `Cancelled ${cancelled.length} ${cancelled.length === 1 ? "date" : "dates"} of the series.${fee}`,
  };
}

/** Leaves the waitlist; a hold it was offered is released to the next in line. */
export async function withdrawWaitlistAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await withdrawWaitlist(getDb(), gate.value, String(form.get("entryId") ?? ""), appNow());
  if (!result.ok)
    return failed(
      form,
      result.error === "not_found"
        ? "That waitlist entry does not exist, or is not yours."
        : (result.message ?? "This entry cannot be withdrawn."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  return { status: "ok", message: "You left the waitlist for this time." };
}

/**
 * A floor action on a booking by the studio's staff: check in, check out at the actual end (completes and charges
 * it, overtime included), extend a session in progress, mark a no-show (with a reason) or undo one the same day.
 */
export async function operateBookingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.operate" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await floorOperation(getDb(), gate.value, form, appNow());
  if (result.status === "ok") {
    revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
    revalidatePath(`/w/${gate.value.workspaceSlug}/run-sheet`);
  }
  return result;
}

/** A creator ends their own session in progress (checked out now); staff use the Front desk for an earlier end time. */
export async function checkOutOwnSessionAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.view" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  if (gate.value.role !== "creator") return failed(form, "Staff check sessions out at the Front desk.");
  const r = await checkOutBooking(getDb(), gate.value, String(form.get("bookingId") ?? ""), appNow());
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found"
        ? "That booking does not exist, or is not yours."
        : (r.message ?? "This session cannot be checked out."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`, "layout");
  const currency = (r.value.booking.quote as Quote).currency;
  const overtime =
    r.value.overtimeCents > 0 ? `, including ${formatMoney(r.value.overtimeCents, currency)} of overtime` : "";
  return {
    status: "ok",
    message: `Checked out. ${formatMoney(r.value.chargedCents, currency)} will be charged${overtime}.`,
  };
}
