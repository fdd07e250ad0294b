"use server";
import { refresh, revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, formValues, invalid, type ActionState } from "@/lib/action-state";
import { createBooking } from "@/lib/bookings/create-booking";
import { rescheduleBooking } from "@/lib/bookings/reschedule-booking";
import {
  createBookingSchema,
  NEW_CREATOR,
  newCreatorSchema,
  rescheduleBookingSchema,
  waitlistJoinSchema,
} from "@/lib/bookings/schemas";
import type { NewCreator } from "@/lib/bookings/walk-in";
import { joinWaitlist } from "@/lib/bookings/waitlist";
import { getDb } from "@/lib/db";
import { appNow } from "@/lib/clock";
import { formatMoney, formatMoneyChange } from "@/lib/format";
import type { Quote } from "@/lib/pricing";

function slotOf(form: FormData) {
  const [startsAt, endsAt] = String(form.get("slot") ?? "").split("|");
  return { startsAt: startsAt || undefined, endsAt: endsAt || undefined };
}

const TAKEN = "Someone just took this time. Pick another slot: the list below is up to date.";

/**
 * The answer to a time taken meanwhile. TAKEN promises an up-to-date list, so the page is rendered again with this
 * answer (refresh): the taken time leaves the list.
 */
function takenState(form: FormData, fieldErrors?: Record<string, string[]>): ActionState {
  refresh();
  const state = failed(form, TAKEN, fieldErrors);
  // Nothing stays chosen: the person picks again from the fresh list.
  delete state.values?.slot;
  return state;
}

/** Holds the chosen slot for the policy's minutes and opens the quote to confirm. */
export async function holdSlotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const slot = slotOf(form);
  if (!slot.startsAt) return failed(form, "Choose a time first.", { slot: ["Choose a time."] });
  const creatorId = form.get("creatorId");
  // "Someone new": a walk-in who is not a member yet, booked for by address (lib/bookings/walk-in.ts).
  let newCreator: NewCreator | undefined;
  if (creatorId === NEW_CREATOR) {
    const person = newCreatorSchema.safeParse({ email: form.get("newCreatorEmail"), name: form.get("newCreatorName") });
    if (!person.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of person.error.issues)
        (fieldErrors[issue.path[0] === "email" ? "newCreatorEmail" : "newCreatorName"] ??= []).push(issue.message);
      return failed(form, "Enter the new creator's email and name.", fieldErrors);
    }
    newCreator = person.data;
  }
  const parsed = createBookingSchema.safeParse({
    roomId: form.get("roomId"),
    ...slot,
    addOnIds: form.getAll("addOnIds"),
    notes: form.get("notes") ?? "",
    creatorId: typeof creatorId === "string" && creatorId && !newCreator ? creatorId : undefined,
    newCreator,
    hold: true,
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createBooking(getDb(), parsed.data, gate.value, appNow());
  if (!result.ok) {
    const state =
      result.error === "slot_taken"
        ? takenState(form, result.fieldErrors)
        : failed(form, result.message ?? "This booking is not possible.", result.fieldErrors);
    // A taken time can be waited for: the picker offers to join its waitlist (joinWaitlistAction).
    if (result.error === "slot_taken")
      state.data = { waitlist: `${parsed.data.startsAt.toISOString()}|${parsed.data.endsAt.toISOString()}` };
    return state;
  }
  redirect(`/w/${gate.value.workspaceSlug}/bookings/${result.value.id}`);
}

/**
 * Moves an existing booking to the chosen slot (atomically; if the slot is gone nothing changes). The first press
 * only prices the move (a dry run): the new price and the difference are shown, and only a press that carries
 * back that slot and that price moves the booking. If the price changed meanwhile the new one is shown instead.
 */
export async function rescheduleSlotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = rescheduleBookingSchema.safeParse(slotOf(form));
  if (!parsed.success) return failed(form, "Choose a time first.", { slot: ["Choose a time."] });
  const bookingId = String(form.get("bookingId") ?? "");
  const seen = Number(form.get("confirmTotal"));
  const confirmed = form.get("confirmSlot") === form.get("slot") && Number.isSafeInteger(seen);
  const result = await rescheduleBooking(
    getDb(),
    gate.value,
    bookingId,
    parsed.data,
    appNow(),
    confirmed ? { expectedTotalCents: seen } : { dryRun: true },
  );
  if (!result.ok)
    return result.error === "slot_taken"
      ? takenState(form)
      : failed(form, result.message ?? "This change is not possible.");
  if (!result.value.moved) {
    const { currency, totalCents } = result.value.quote as Quote;
    const change = formatMoneyChange(result.value.differenceCents, currency);
    const price = `${formatMoney(totalCents, currency)} (now ${formatMoney(result.value.previousTotalCents, currency)}: ${result.value.differenceCents === 0 ? "the same price" : change})`;
    const message = confirmed
      ? `The price of this time changed since you looked: it now costs ${price}. Nothing was moved: confirm the move at this price, or pick another time.`
      : `At this time the booking costs ${price}. Nothing is charged now: the session is charged at its new price at check-out${result.value.differenceCents === 0 ? "" : ", and a late-cancellation or no-show fee is a share of it"}. Press Confirm the move to move it.`;
    const data = {
      confirmSlot: String(form.get("slot")),
      confirmTotal: String(totalCents),
      newPrice: formatMoney(totalCents, currency),
      oldPrice: formatMoney(result.value.previousTotalCents, currency),
      change,
    };
    return { status: confirmed ? "error" : "ok", message, values: formValues(form), data };
  }
  redirect(`/w/${gate.value.workspaceSlug}/bookings/${bookingId}?changed=1`);
}

const NOT_WAITABLE: Record<string, string> = {
  slot_free: "This time is free again: pick it above and hold it.",
  not_found: "This room does not exist, or is not open to you.",
  forbidden: "You do not work in this room's studio.",
};

/** Joins the waitlist for a taken time (from the week's taken slots, or one just lost in a race); if it frees up it is held for the creator. */
export async function joinWaitlistAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const creatorId = form.get("creatorId");
  const parsed = waitlistJoinSchema.safeParse({
    roomId: form.get("roomId"),
    ...slotOf(form),
    creatorId: typeof creatorId === "string" && creatorId ? creatorId : undefined,
  });
  if (!parsed.success) return failed(form, "Choose the time to wait for.", { slot: ["Choose a time."] });
  const result = await joinWaitlist(getDb(), gate.value, parsed.data, appNow());
  if (!result.ok)
    return failed(
      form,
      NOT_WAITABLE[result.error] ?? result.message ?? "You cannot wait for this time.",
      result.fieldErrors,
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/bookings`);
  refresh(); // the week shows the time as waited for
  const again = result.value.created ? "You are on the waitlist." : "You were already on the waitlist.";
  return {
    status: "ok",
    message: `${again} If this time frees up it is held for you, and you get an email. See it under Bookings.`,
  };
}
