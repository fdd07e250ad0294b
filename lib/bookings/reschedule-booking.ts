import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addOns, auditLog, bookingAddOns, bookings } from "@/db/schema";
import type { Quote } from "../pricing";
import type { Actor } from "../auth/permissions";
import { getPolicies } from "../policies/policies";
import { fail, ok } from "../result";
import {
  checkRules,
  policiesFor,
  findConflict,
  isExclusionViolation,
  quoteFor,
  sendBookingEmail,
  type BookingFail,
} from "./create-booking";
import { findBooking } from "./find-booking";
import { loadRoomContext } from "./room-context";
import { studioTimeRange } from "./emails";
import { lockRoomOfBooking, offerFreedSlot } from "./waitlist-offers";
import { DAY_MS } from "@/kernel/time";
import { blockedUntil as turnoverEnd } from "../availability";

type Booking = typeof bookings.$inferSelect;

/** Thrown inside the savepoint of a preview, to roll the move back once it has been checked and priced. */
class MoveChecked extends Error {
  constructor(readonly row: Booking) {
    super("move checked");
  }
}

/**
 * Moves a booking to a new time in the same room, atomically: the new slot is checked and taken in the same
 * transaction that frees the old one (one UPDATE of the row, so the exclusion constraint sees both at once).
 * If the new time is not available the booking stays exactly as it was. The stored quote is priced again for the
 * new time (nothing is charged or credited now: check-out charges the quote the booking then has).
 *
 * With `dryRun` the same checks and the update run and are rolled back (`moved: false`): the new price and the
 * difference are shown before the move. With `expectedTotalCents` (the price a preview showed) the move happens
 * only at that price; if it changed meanwhile it is rolled back too, and the answer is the new preview.
 */
export async function rescheduleBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  input: { startsAt: Date; endsAt: Date },
  now: Date,
  opts: { dryRun?: boolean; expectedTotalCents?: number } = {},
) {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId); // waitlist: the room before the booking, like createBooking
    const found = await findBooking(tx, actor, bookingId, { lock: true });
    if (!found) return fail("not_found") as BookingFail;
    const before = found.booking;
    if (before.status !== "held" && before.status !== "confirmed") {
      return fail("rule", {
        message: `A ${before.status.replace("_", " ")} booking cannot be rescheduled.`,
      }) as BookingFail;
    }
    const ctx = await loadRoomContext(tx, {
      workspaceId: actor.workspaceId,
      roomId: before.roomId,
      from: new Date(input.startsAt.getTime() - DAY_MS),
      to: new Date(input.endsAt.getTime() + DAY_MS),
      lock: true,
      expireHoldsAt: now,
      excludeBookingId: before.id,
    });
    if (!ctx) return fail("not_found") as BookingFail;
    const policies = await getPolicies(tx, actor.workspaceId);
    const check = checkRules(ctx, policiesFor(actor, ctx.studio.id, policies), input.startsAt, input.endsAt, now);
    const blockedUntil = turnoverEnd(input.endsAt, ctx.room.bufferMinutes);
    if (!check.ok) {
      if (check.rule === "overlap") {
        return fail("slot_taken", {
          message: check.message,
          conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil),
        }) as BookingFail;
      }
      return fail("rule", { rule: check.rule, message: check.message }) as BookingFail;
    }
    const chosen = await tx
      .select({ id: addOns.id, name: addOns.name, pricing: addOns.pricing, priceCents: addOns.priceCents })
      .from(bookingAddOns)
      .innerJoin(addOns, eq(addOns.id, bookingAddOns.addOnId))
      .where(eq(bookingAddOns.bookingId, before.id));
    const quote = await quoteFor(tx, ctx, input.startsAt, input.endsAt, chosen);
    const previousTotalCents = (before.quote as Quote).totalCents;
    const price = { previousTotalCents, differenceCents: quote.totalCents - previousTotalCents };
    const preview =
      opts.dryRun || (opts.expectedTotalCents !== undefined && opts.expectedTotalCents !== quote.totalCents);
    let row: Booking;
    try {
      row = await tx.transaction(async (sp) => {
        const [updated] = await sp
          .update(bookings)
          .set({ startsAt: input.startsAt, endsAt: input.endsAt, blockedUntil, quote, updatedAt: now })
          .where(eq(bookings.id, before.id))
          .returning();
        if (preview) throw new MoveChecked(updated);
        return updated;
      });
    } catch (err) {
      if (err instanceof MoveChecked) return ok({ ...err.row, ...price, moved: false });
      if (!isExclusionViolation(err)) throw err;
      return fail("slot_taken", {
        message: "Someone else just booked this time.",
        conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil),
      }) as BookingFail;
    }
    await offerFreedSlot(tx, { roomId: before.roomId, from: before.startsAt, to: before.blockedUntil }, now); // waitlist
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "booking.rescheduled",
      subjectType: "booking",
      subjectId: before.id,
      data: { from: [before.startsAt, before.endsAt], to: [input.startsAt, input.endsAt] },
    });
    if (row.status === "confirmed") {
      await sendBookingEmail(tx, row, ctx, "changed", [
        `Was: ${studioTimeRange(before.startsAt, before.endsAt, ctx.studio.timeZone)}`,
      ]);
    }
    return ok({ ...row, ...price, moved: true });
  });
}
