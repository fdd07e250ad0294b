import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, bookings, charges } from "@/db/schema";
import { type Actor } from "../auth/permissions";
import { localDate } from "../studios/local-time";
import { fail, ok, type Result } from "../result";
import { isExclusionViolation } from "./create-booking";
import { lockRoomOfBooking } from "./waitlist-offers";
import { Booking, OperateError, lockForFloor } from "./floor-access";

/**
 * Undoes a no-show the same (studio) day, with a reason: the creator came after all, so the booking is checked in
 * again if its time is still free, and a fee not yet invoiced is voided (an invoiced one is credited in Billing).
 */
export async function undoNoShow(
  db: Db,
  actor: Actor,
  bookingId: string,
  reason: string,
  now: Date,
): Promise<Result<Booking, OperateError>> {
  if (reason.trim().length < 3)
    return fail("invalid", { fieldErrors: { reason: ["Say why (at least 3 characters)"] } });
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const { booking: b, studio } = found.value;
    if (b.status !== "no_show") return fail("wrong_status", { message: "Only a no-show can be undone." });
    // The session's day is the day it starts or, for one that runs past midnight, the day it ends.
    const today = localDate(now, studio.timeZone);
    if (today !== localDate(b.startsAt, studio.timeZone) && today !== localDate(b.endsAt, studio.timeZone))
      return fail("wrong_day", { message: "A no-show can only be undone on the day of the session." });
    let row: Booking;
    try {
      // Undone because the creator did come: they are checked in (a confirmed booking past its grace would
      // simply be swept again), and staff check them out as usual.
      [row] = await tx.transaction((sp) =>
        sp
          .update(bookings)
          .set({ status: "checked_in", checkedInAt: now < b.endsAt ? now : b.startsAt, updatedAt: now })
          .where(eq(bookings.id, b.id))
          .returning(),
      );
    } catch (err) {
      if (!isExclusionViolation(err)) throw err;
      return fail("slot_taken", { message: "The room has been booked again since; the no-show stays." });
    }
    await tx
      .update(charges)
      .set({ status: "void", voidReason: `No-show undone: ${reason.trim()}`, voidedBy: actor.userId, voidedAt: now })
      .where(
        and(
          inArray(charges.idempotencyKey, [`no_show_fee:${b.id}`, `tax:no_show_fee:${b.id}`]),
          eq(charges.workspaceId, b.workspaceId),
          eq(charges.status, "pending"),
        ),
      );
    await tx.insert(auditLog).values({
      workspaceId: b.workspaceId,
      actorUserId: actor.userId,
      action: "booking.no_show_undone",
      subjectType: "booking",
      subjectId: b.id,
      data: { reason: reason.trim() },
    });
    return ok(row);
  });
}
