import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, bookings } from "@/db/schema";
import { type Actor } from "../auth/permissions";
import { overtimeCharges, sessionChargesWithTax } from "../billing/session-charges";
import { getPolicies } from "../policies/policies";
import { type Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { lockRoomOfBooking } from "./waitlist-offers";
import { Booking, OperateError, lockForFloor, writeCharges } from "./floor-access";
import { minutesAfter } from "@/kernel/time";

/**
 * Checks the creator out (staff, or the creator themselves) at the actual end time (now, or a time staff enter):
 * the session is completed; its room time and add-ons go to the ledger from the quote stored at booking, and
 * overtime past the end and its grace, per started 15 minutes at the policy's rate. One transaction under the
 * booking's lock: two staff checking out at once produce one set of charges.
 */
export async function checkOutBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
  input: { endedAt?: Date } = {},
): Promise<Result<{ booking: Booking; chargedCents: number; overtimeCents: number }, OperateError>> {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    const found = await lockForFloor(tx, actor, bookingId, { creatorMay: true });
    if (!found.ok) return found;
    const b = found.value.booking;
    if (b.status === "completed") return ok({ booking: b, chargedCents: 0, overtimeCents: 0 });
    if (b.status !== "checked_in")
      return fail("wrong_status", {
        message:
          b.status === "confirmed"
            ? "Check the creator in first."
            : `A ${b.status.replace("_", " ")} booking cannot be checked out.`,
      });
    const endedAt = input.endedAt ?? now;
    if (endedAt > minutesAfter(now, 1))
      return fail("invalid", { fieldErrors: { endedAt: ["The end cannot be in the future"] } });
    if (endedAt < (b.checkedInAt ?? b.startsAt))
      return fail("invalid", { fieldErrors: { endedAt: ["The end cannot be before the check-in"] } });
    const policies = await getPolicies(tx, b.workspaceId);
    const [row] = await tx
      .update(bookings)
      .set({ status: "completed", checkedOutAt: endedAt, updatedAt: now })
      .where(eq(bookings.id, b.id))
      .returning();
    const quote = b.quote as Quote;
    const overtime = overtimeCharges({
      bookingId: b.id,
      code: b.code,
      endsAt: b.endsAt,
      endedAt,
      hourlyRateCents: found.value.room.hourlyRateCents,
      ratePercent: policies.overtimeRatePercent,
      graceMinutes: policies.overtimeGraceMinutes,
      currency: quote.currency,
    });
    // The quote's tax (the studio's when it was booked) on the lines and the overtime, as one line.
    const drafts = sessionChargesWithTax({ id: b.id, code: b.code, quote }, overtime);
    await writeCharges(tx, actor.userId, b, drafts, now);
    const chargedCents = drafts.reduce((s, d) => s + d.amountCents, 0);
    const overtimeCents = overtime.reduce((s, d) => s + d.amountCents, 0);
    await tx.insert(auditLog).values({
      workspaceId: b.workspaceId,
      actorUserId: actor.userId,
      action: "booking.completed",
      subjectType: "booking",
      subjectId: b.id,
      data: { chargedCents, overtimeBlocks: overtime.length, endedAt: endedAt.toISOString() },
    });
    return ok({ booking: row, chargedCents, overtimeCents });
  });
}
