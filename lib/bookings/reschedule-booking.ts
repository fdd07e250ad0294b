import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addOns, auditLog, bookingAddOns, bookings } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { getPolicies } from "../policies/policies";
import { fail, ok } from "../result";
import { checkRules, policiesFor, findConflict, isExclusionViolation, quoteFor, sendBookingEmail, type BookingFail } from "./create-booking";
import { findBooking } from "./find-booking";
import { loadRoomContext } from "./room-context";
import { studioTimeRange } from "./emails";
import { lockRoomOfBooking, offerFreedSlot } from "./waitlist-offers";

const DAY = 86_400_000;

/**
 * Moves a booking to a new time in the same room, atomically: the new slot is checked and taken in the same
 * transaction that frees the old one (one UPDATE of the row, so the exclusion constraint sees both at once).
 * If the new time is not available the booking stays exactly as it was.
 */
export async function rescheduleBooking(db: Db, actor: Actor, bookingId: string, input: { startsAt: Date; endsAt: Date }, now: Date) {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId); // waitlist: the room before the booking, like createBooking
    const found = await findBooking(tx, actor, bookingId, { lock: true });
    if (!found) return fail("not_found") as BookingFail;
    const before = found.booking;
    if (before.status !== "held" && before.status !== "confirmed") {
      return fail("rule", { message: `A ${before.status.replace("_", " ")} booking cannot be rescheduled.` }) as BookingFail;
    }
    const ctx = await loadRoomContext(tx, {
      workspaceId: actor.workspaceId,
      roomId: before.roomId,
      from: new Date(input.startsAt.getTime() - DAY),
      to: new Date(input.endsAt.getTime() + DAY),
      lock: true,
      expireHoldsAt: now,
      excludeBookingId: before.id,
    });
    if (!ctx) return fail("not_found") as BookingFail;
    const policies = await getPolicies(tx, actor.workspaceId);
    const check = checkRules(ctx, policiesFor(actor, ctx.studio.id, policies), input.startsAt, input.endsAt, now);
    const blockedUntil = new Date(input.endsAt.getTime() + ctx.room.bufferMinutes * 60_000);
    if (!check.ok) {
      if (check.rule === "overlap") {
        return fail("slot_taken", { message: check.message, conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil) }) as BookingFail;
      }
      return fail("rule", { rule: check.rule, message: check.message }) as BookingFail;
    }
    const chosen = await tx
      .select({ id: addOns.id, name: addOns.name, pricing: addOns.pricing, priceCents: addOns.priceCents })
      .from(bookingAddOns)
      .innerJoin(addOns, eq(addOns.id, bookingAddOns.addOnId))
      .where(eq(bookingAddOns.bookingId, before.id));
    const quote = await quoteFor(tx, ctx, input.startsAt, input.endsAt, chosen);
    let row: typeof bookings.$inferSelect;
    try {
      row = await tx.transaction(async (sp) => {
        const [updated] = await sp
          .update(bookings)
          .set({ startsAt: input.startsAt, endsAt: input.endsAt, blockedUntil, quote, updatedAt: now })
          .where(eq(bookings.id, before.id))
          .returning();
        return updated;
      });
    } catch (err) {
      if (!isExclusionViolation(err)) throw err;
      return fail("slot_taken", { message: "Someone else just booked this time.", conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil) }) as BookingFail;
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
      await sendBookingEmail(tx, row, ctx, "changed", [`Was: ${studioTimeRange(before.startsAt, before.endsAt, ctx.studio.timeZone)}`]);
    }
    return ok(row);
  });
}
