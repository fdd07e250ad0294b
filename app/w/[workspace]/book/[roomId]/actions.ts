"use server";
import { redirect } from "next/navigation";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { createBooking } from "@/lib/bookings/create-booking";
import { rescheduleBooking } from "@/lib/bookings/reschedule-booking";
import { createBookingSchema, rescheduleBookingSchema } from "@/lib/bookings/schemas";
import { getDb } from "@/lib/db";

function slotOf(form: FormData) {
  const [startsAt, endsAt] = String(form.get("slot") ?? "").split("|");
  return { startsAt: startsAt || undefined, endsAt: endsAt || undefined };
}

const TAKEN = "Someone just took this time. Pick another slot: the list below is up to date.";

/** Holds the chosen slot for the policy's minutes and opens the quote to confirm. */
export async function holdSlotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const slot = slotOf(form);
  if (!slot.startsAt) return failed(form, "Choose a time first.", { slot: ["Choose a time."] });
  const creatorId = form.get("creatorId");
  const parsed = createBookingSchema.safeParse({
    roomId: form.get("roomId"),
    ...slot,
    addOnIds: form.getAll("addOnIds"),
    notes: form.get("notes") ?? "",
    creatorId: typeof creatorId === "string" && creatorId ? creatorId : undefined,
    hold: true,
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createBooking(getDb(), parsed.data, gate.value, new Date());
  if (!result.ok) return failed(form, result.error === "slot_taken" ? TAKEN : (result.message ?? "This booking is not possible."), result.fieldErrors);
  redirect(`/w/${gate.value.workspaceSlug}/bookings/${result.value.id}`);
}

/** Moves an existing booking to the chosen slot (atomically; if the slot is gone nothing changes). */
export async function rescheduleSlotAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.create" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = rescheduleBookingSchema.safeParse(slotOf(form));
  if (!parsed.success) return failed(form, "Choose a time first.", { slot: ["Choose a time."] });
  const bookingId = String(form.get("bookingId") ?? "");
  const result = await rescheduleBooking(getDb(), gate.value, bookingId, parsed.data, new Date());
  if (!result.ok) return failed(form, result.error === "slot_taken" ? TAKEN : (result.message ?? "This change is not possible."));
  redirect(`/w/${gate.value.workspaceSlug}/bookings/${bookingId}?changed=1`);
}
