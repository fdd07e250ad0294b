"use server";
import { memberAction } from "@/app/_lib/actions";
import type { Member } from "@/lib/auth/member";
import { cancelBooking, confirmBooking } from "@/lib/bookings/lifecycle";
import { checkOutBooking } from "@/lib/bookings/check-out-booking";
import { cancelSeries } from "@/lib/bookings/series";
import { withdrawWaitlist } from "@/lib/bookings/waitlist";
import { formatMoney } from "@/lib/format";
import type { Quote } from "@/lib/pricing";
import { fail, ok } from "@/lib/result";
import { floorOperation } from "./floor-operation";
import { actsForSelfOnly } from "@/lib/auth/permissions";

/** Every booking page (the list, each booking, its layout) shows the change. */
const bookingsChanged = (gate: Member) => [{ path: `/w/${gate.workspaceSlug}/bookings`, type: "layout" as const }];
const NOT_YOURS = "That booking does not exist, or is not yours.";

export const confirmBookingAction = memberAction("bookings.create", {
  fields: { bookingId: "string" },
  run: ({ db, gate, input, now }) => confirmBooking(db, gate, input.bookingId, now),
  refused: {
    not_found: NOT_YOURS,
    fields: "This booking cannot be confirmed.",
    fallback: "This booking cannot be confirmed.",
  },
  done: (booking, { gate }) => ({
    message: `Booked. Your code is ${booking.code}; a confirmation email with a calendar invite is on its way.`,
    revalidate: bookingsChanged(gate),
  }),
});

export const cancelBookingAction = memberAction("bookings.cancel", {
  fields: { bookingId: "string", reason: "string" },
  run: ({ db, gate, input, now }) => cancelBooking(db, gate, input.bookingId, now, input.reason.slice(0, 500)),
  refused: {
    not_found: NOT_YOURS,
    fields: "This booking cannot be cancelled.",
    fallback: "This booking cannot be cancelled.",
  },
  done: ({ feeCents, currency }, { gate }) => ({
    message: `Booking cancelled.${feeCents > 0 ? ` A late-cancellation fee of ${formatMoney(feeCents, currency)} was charged.` : " No fee was charged."}`,
    revalidate: bookingsChanged(gate),
  }),
});

/** Cancels every date of a weekly series that is still ahead; each pays the fee the policy sets for it. */
export const cancelSeriesAction = memberAction("bookings.create", {
  fields: { seriesId: "string" },
  run: ({ db, gate, input, now }) => cancelSeries(db, gate, input.seriesId, { from: "future" }, now),
  refused: {
    not_found: "That series does not exist, or is not yours.",
    fields: "This series cannot be cancelled.",
    fallback: "This series cannot be cancelled.",
  },
  done: ({ cancelled, feeCents, currency }, { gate }) => {
    const fee =
      feeCents > 0 && currency
        ? ` Late-cancellation fees: ${formatMoney(feeCents, currency)}.`
        : " No fee was charged.";
    return {
      message: `Cancelled ${cancelled.length} ${cancelled.length === 1 ? "date" : "dates"} of the series.${fee}`,
      revalidate: bookingsChanged(gate),
    };
  },
});

/** Leaves the waitlist; a hold it was offered is released to the next in line. */
export const withdrawWaitlistAction = memberAction("bookings.create", {
  fields: { entryId: "string" },
  run: ({ db, gate, input, now }) => withdrawWaitlist(db, gate, input.entryId, now),
  refused: {
    not_found: "That waitlist entry does not exist, or is not yours.",
    fields: "This entry cannot be withdrawn.",
    fallback: "This entry cannot be withdrawn.",
  },
  done: (_, { gate }) => ({ message: "You left the waitlist for this time.", revalidate: bookingsChanged(gate) }),
});

/**
 * A floor action on a booking by the studio's staff: check in, check out at the actual end (completes and charges
 * it, overtime included), extend a session in progress, mark a no-show (with a reason) or undo one the same day.
 * The form names the operation; floor-operation.ts reads its fields and words its answer.
 */
export const operateBookingAction = memberAction("bookings.operate", {
  run: async ({ db, gate, form, now }) => ok(await floorOperation(db, gate, form, now)),
  done: (state, { gate }) =>
    state.status === "ok"
      ? {
          ...state,
          revalidate: [...bookingsChanged(gate), `/w/${gate.workspaceSlug}/run-sheet`],
        }
      : state,
});

/** A creator ends their own session in progress (checked out now); staff use the Front desk for an earlier end time. */
export const checkOutOwnSessionAction = memberAction("bookings.view", {
  fields: { bookingId: "string" },
  run: ({ db, gate, input, now }) =>
    !actsForSelfOnly(gate)
      ? Promise.resolve(fail("forbidden", { message: "Staff check sessions out at the Front desk." }))
      : checkOutBooking(db, gate, input.bookingId, now),
  refused: {
    not_found: NOT_YOURS,
    fields: "This session cannot be checked out.",
    fallback: "This session cannot be checked out.",
  },
  done: ({ booking, overtimeCents, chargedCents }, { gate }) => {
    const currency = (booking.quote as Quote).currency;
    const overtime = overtimeCents > 0 ? `, including ${formatMoney(overtimeCents, currency)} of overtime` : "";
    return {
      message: `Checked out. ${formatMoney(chargedCents, currency)} will be charged${overtime}.`,
      revalidate: bookingsChanged(gate),
    };
  },
});
