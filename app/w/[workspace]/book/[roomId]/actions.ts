"use server";
import { memberAction } from "@/app/_lib/actions";
import { CHECK_FIELDS, refusalMessage } from "@/lib/actions/refusal";
import { failed, fieldErrorsOf, formValues, type ActionState } from "@/lib/action-state";
import { readForm } from "@/lib/actions/read-form";
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
import { formatMoney, formatMoneyChange } from "@/lib/format";
import type { Quote } from "@/lib/pricing";
import { fail } from "@/lib/result";

/** The picker sends a slot as "startsAt|endsAt": read as the two fields the booking schemas parse. */
const SLOT_FIELDS = {
  startsAt: (form: FormData) => String(form.get("slot") ?? "").split("|")[0] || undefined,
  endsAt: (form: FormData) => String(form.get("slot") ?? "").split("|")[1] || undefined,
} as const;
const CHOOSE_A_TIME = { slot: ["Choose a time."] };

const TAKEN = "Someone just took this time. Pick another slot: the list below is up to date.";

/**
 * The answer to a time taken meanwhile. TAKEN promises an up-to-date list, so the page is rendered again with this
 * answer (refresh): the taken time leaves the list. Nothing stays chosen: the person picks again from the fresh list.
 */
function takenState(form: FormData, fieldErrors?: Record<string, string[]>) {
  const state: ActionState = failed(form, TAKEN, fieldErrors);
  delete state.values?.slot;
  return { ...state, refresh: true };
}

/**
 * Holds the chosen slot for the policy's minutes and opens the quote to confirm. Its input is checked in steps
 * (a time, then a walk-in's name and email, then the booking), each with its own words, so the use case's side does
 * the parsing and answers `invalid` with them.
 */
export const holdSlotAction = memberAction("bookings.create", {
  fields: {
    ...SLOT_FIELDS,
    roomId: "text",
    addOnIds: "list",
    notes: "string",
    creatorId: "optional",
    newCreatorEmail: "text",
    newCreatorName: "text",
  },
  run: async ({ db, gate, input, now }) => {
    if (!input.startsAt) return fail("invalid", { message: "Choose a time first.", fieldErrors: CHOOSE_A_TIME });
    // "Someone new": a walk-in who is not a member yet, booked for by address (lib/bookings/walk-in.ts).
    let newCreator: NewCreator | undefined;
    if (input.creatorId === NEW_CREATOR) {
      const person = newCreatorSchema.safeParse({ email: input.newCreatorEmail, name: input.newCreatorName });
      if (!person.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of person.error.issues)
          (fieldErrors[issue.path[0] === "email" ? "newCreatorEmail" : "newCreatorName"] ??= []).push(issue.message);
        return fail("invalid", { message: "Enter the new creator's email and name.", fieldErrors });
      }
      newCreator = person.data;
    }
    const parsed = createBookingSchema.safeParse({
      roomId: input.roomId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      addOnIds: input.addOnIds,
      notes: input.notes,
      creatorId: newCreator ? undefined : input.creatorId,
      newCreator,
      hold: true,
    });
    if (!parsed.success) return fail("invalid", { message: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) });
    const result = await createBooking(db, parsed.data, gate, now);
    // A taken time can be waited for: the picker offers to join its waitlist (joinWaitlistAction).
    if (!result.ok && result.error === "slot_taken")
      return { ...result, waitlist: `${parsed.data.startsAt.toISOString()}|${parsed.data.endsAt.toISOString()}` };
    return result;
  },
  refused: (f, { form }) => {
    if (f.error !== "slot_taken") {
      const message = refusalMessage(f, {
        fields: "This booking is not possible.",
        fallback: "This booking is not possible.",
      });
      return failed(form, message, f.fieldErrors);
    }
    return { ...takenState(form, f.fieldErrors), data: { waitlist: (f as typeof f & { waitlist: string }).waitlist } };
  },
  done: (booking, { gate }) => ({ redirect: `/w/${gate.workspaceSlug}/bookings/${booking.id}` }),
});

/**
 * Moves an existing booking to the chosen slot (atomically; if the slot is gone nothing changes). The first press
 * only prices the move (a dry run): the new price and the difference are shown, and only a press that carries
 * back that slot and that price moves the booking. If the price changed meanwhile the new one is shown instead.
 */
export const rescheduleSlotAction = memberAction("bookings.create", {
  fields: SLOT_FIELDS,
  schema: rescheduleBookingSchema,
  invalid: (_, form) => failed(form, "Choose a time first.", CHOOSE_A_TIME),
  run: ({ db, gate, input, form, now }) => {
    const sent = readForm(form, { bookingId: "string", slot: "text", confirmSlot: "text", confirmTotal: "text" });
    const seen = Number(sent.confirmTotal ?? null);
    const confirmed = sent.confirmSlot === sent.slot && Number.isSafeInteger(seen);
    return rescheduleBooking(
      db,
      gate,
      sent.bookingId,
      input,
      now,
      confirmed ? { expectedTotalCents: seen } : { dryRun: true },
    );
  },
  refused: (f, { form }) =>
    f.error === "slot_taken" ? takenState(form) : failed(form, f.message ?? "This change is not possible."),
  done: (moved, { gate, form }) => {
    const sent = readForm(form, { bookingId: "string", slot: "string", confirmSlot: "text", confirmTotal: "text" });
    if (moved.moved) return { redirect: `/w/${gate.workspaceSlug}/bookings/${sent.bookingId}?changed=1` };
    const confirmed = sent.confirmSlot === sent.slot && Number.isSafeInteger(Number(sent.confirmTotal ?? null));
    const { currency, totalCents } = moved.quote as Quote;
    const change = formatMoneyChange(moved.differenceCents, currency);
    const price = `${formatMoney(totalCents, currency)} (now ${formatMoney(moved.previousTotalCents, currency)}: ${moved.differenceCents === 0 ? "the same price" : change})`;
    const message = confirmed
      ? `The price of this time changed since you looked: it now costs ${price}. Nothing was moved: confirm the move at this price, or pick another time.`
      : `At this time the booking costs ${price}. Nothing is charged now: the session is charged at its new price at check-out${moved.differenceCents === 0 ? "" : ", and a late-cancellation or no-show fee is a share of it"}. Press Confirm the move to move it.`;
    const data = {
      confirmSlot: sent.slot,
      confirmTotal: String(totalCents),
      newPrice: formatMoney(totalCents, currency),
      oldPrice: formatMoney(moved.previousTotalCents, currency),
      change,
    };
    return { status: confirmed ? "error" : "ok", message, values: formValues(form), data };
  },
});

/** Joins the waitlist for a taken time (from the week's taken slots, or one just lost in a race); if it frees up it is held for the creator. */
export const joinWaitlistAction = memberAction("bookings.create", {
  fields: { ...SLOT_FIELDS, roomId: "text", creatorId: "optional" },
  schema: waitlistJoinSchema,
  invalid: (_, form) => failed(form, "Choose the time to wait for.", CHOOSE_A_TIME),
  run: ({ db, gate, input, now }) => joinWaitlist(db, gate, input, now),
  refused: {
    slot_free: "This time is free again: pick it above and hold it.",
    not_found: "This room does not exist, or is not open to you.",
    forbidden: "You do not work in this room's studio.",
    fields: "You cannot wait for this time.",
    fallback: "You cannot wait for this time.",
  },
  done: (entry, { gate }) => {
    const again = entry.created ? "You are on the waitlist." : "You were already on the waitlist.";
    return {
      message: `${again} If this time frees up it is held for you, and you get an email. See it under Bookings.`,
      revalidate: [`/w/${gate.workspaceSlug}/bookings`],
      refresh: true, // the week shows the time as waited for
    };
  },
});
