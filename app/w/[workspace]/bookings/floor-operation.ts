import type { Db } from "@/db/client";
import { failed, formValues, type ActionState } from "@/lib/action-state";
import type { Actor } from "@/lib/auth/permissions";
import { findBooking } from "@/lib/bookings/find-booking";
import { checkInBooking } from "@/lib/bookings/check-in-booking";
import { checkOutBooking } from "@/lib/bookings/check-out-booking";
import { extendBooking } from "@/lib/bookings/extend-booking";
import { markNoShow } from "@/lib/bookings/mark-no-show";
import { undoNoShow } from "@/lib/bookings/undo-no-show";
import { formatMoney } from "@/lib/format";
import { actualEndFromClock, clockTime, laterEndFromClock } from "@/lib/operations/floor-time";
import type { Quote } from "@/lib/pricing";
import type { Fail } from "@/lib/result";
import { refusalMessage } from "@/lib/actions/refusal";

/**
 * The front desk's operations on one booking (the form names one in `op`), for operateBookingAction: each reads
 * its fields, calls its use case, and says what happened, with the money it cost. Times typed at the desk are on
 * the studio's clock; the booking's own studio decides which zone, never the browser.
 */

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

/** A use case's refusal, worded by the vocabulary's one map (lib/actions/refusal.ts). */
function refused(form: FormData, r: Fail, fallback: string): ActionState {
  const words = { not_found: "That booking does not exist.", fields: "Check the field marked below.", fallback };
  return failed(form, refusalMessage(r, words), r.fieldErrors);
}

const money = (cents: number, booking: { quote: unknown }) => formatMoney(cents, (booking.quote as Quote).currency);

/** The booking's studio clock, to read a time typed at the desk; null when the actor cannot see the booking. */
async function clockOf(db: Db, actor: Actor, bookingId: string) {
  const found = await findBooking(db, actor, bookingId);
  return found ? { timeZone: found.studio.timeZone, startsAt: found.booking.startsAt } : null;
}

async function checkIn(db: Db, actor: Actor, id: string, form: FormData, now: Date): Promise<ActionState> {
  const r = await checkInBooking(db, actor, id, now);
  if (!r.ok) return refused(form, r, "It cannot be checked in.");
  return { status: "ok", message: "Checked in." };
}

/** Check-out at the time staff typed (left as shown, the clock that kept running: now). */
async function checkOut(db: Db, actor: Actor, id: string, form: FormData, now: Date): Promise<ActionState> {
  let endedAt: Date | undefined;
  const typed = str(form, "endedAt");
  if (typed && str(form, "endedAtEdited") === "1") {
    const clock = await clockOf(db, actor, id);
    if (!clock) return failed(form, "That booking does not exist.");
    endedAt = actualEndFromClock(typed, clock.timeZone, now) ?? undefined;
    if (!endedAt)
      return failed(form, "Check the field marked below.", {
        endedAt: ["Enter the time the session ended, like 21:40"],
      });
  }
  const r = await checkOutBooking(db, actor, id, now, { endedAt });
  if (!r.ok) return refused(form, r, "It cannot be checked out.");
  const { booking, chargedCents, overtimeCents } = r.value;
  if (overtimeCents > 0) {
    const late = Math.floor(((booking.checkedOutAt ?? now).getTime() - booking.endsAt.getTime()) / 60_000);
    return {
      status: "ok",
      message: `Checked out ${late} min after the end. ${money(chargedCents, booking)} was charged to the creator, ${money(overtimeCents, booking)} of it for overtime.`,
    };
  }
  return {
    status: "ok",
    message:
      chargedCents > 0 ? `Checked out. ${money(chargedCents, booking)} was charged to the creator.` : "Checked out.",
  };
}

async function noShow(db: Db, actor: Actor, id: string, form: FormData, now: Date): Promise<ActionState> {
  const r = await markNoShow(db, actor, id, now, str(form, "reason").slice(0, 500));
  if (!r.ok) return refused(form, r, "It cannot be marked a no-show.");
  const { booking, feeCents } = r.value;
  return {
    status: "ok",
    message:
      feeCents > 0
        ? `Marked a no-show. A fee of ${money(feeCents, booking)} was charged.`
        : "Marked a no-show. No fee was charged.",
  };
}

async function undo(db: Db, actor: Actor, id: string, form: FormData, now: Date): Promise<ActionState> {
  const r = await undoNoShow(db, actor, id, str(form, "reason").slice(0, 500), now);
  if (!r.ok) return refused(form, r, "The no-show cannot be undone.");
  // The use case checks the creator in (they came after all); staff check them out as usual.
  return {
    status: "ok",
    message:
      "No-show undone, and the creator is checked in. A no-show fee not yet invoiced was voided (an invoiced one is credited from Billing).",
  };
}

/** Extends a session in progress to the time staff typed (the first time the clock shows it after the start). */
async function extend(db: Db, actor: Actor, id: string, form: FormData, now: Date): Promise<ActionState> {
  const clock = await clockOf(db, actor, id);
  if (!clock) return failed(form, "That booking does not exist.");
  const newEnd = laterEndFromClock(str(form, "endsAt"), clock.timeZone, clock.startsAt);
  if (!newEnd) return failed(form, "Check the field marked below.", { endsAt: ["Enter the new end, like 22:30"] });
  // The cost is shown before anything changes: the first press checks and prices the new end, and only a press
  // that carries that same end back (the desk saw its price) extends the session.
  const confirmed = str(form, "confirmEnd") === newEnd.toISOString();
  const r = await extendBooking(db, actor, id, newEnd, now, { dryRun: !confirmed });
  if (!r.ok) return refused(form, r, "It cannot be extended.");
  const until = clockTime(r.value.endsAt, clock.timeZone);
  const total = money((r.value.quote as Quote).totalCents, r.value);
  if (!confirmed) {
    return {
      status: "ok",
      message: `Extending to ${until} adds ${money(r.value.addedCents, r.value)}: the session would cost ${total}. Press Extend to ${until} to confirm.`,
      values: formValues(form),
      data: { confirmEnd: newEnd.toISOString(), until },
    };
  }
  return {
    status: "ok",
    message: `Extended to ${until}, adding ${money(r.value.addedCents, r.value)}. The session now costs ${total}.`,
  };
}

const OPS = { check_in: checkIn, check_out: checkOut, no_show: noShow, undo_no_show: undo, extend } as const;
export type FloorOp = keyof typeof OPS;

export async function floorOperation(db: Db, actor: Actor, form: FormData, now: Date): Promise<ActionState> {
  const op = str(form, "op");
  if (!Object.hasOwn(OPS, op)) return failed(form, "Choose what to do.");
  return OPS[op as FloorOp](db, actor, str(form, "bookingId"), form, now);
}
