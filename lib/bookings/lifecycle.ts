import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, bookings } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { feeWithTax, type ChargeDraft } from "../billing/session-charges";
import { writeChargeRows } from "../billing/write-charges";
import { formatMoney } from "../money";
import { getPolicies } from "../policies/policies";
import { cancellationFee, type Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { sendBookingEmail } from "./create-booking";
import { findBooking, type FoundBooking } from "./find-booking";
import { lockRoomOfBooking, markOfferBooked, offerFreedSlot } from "./waitlist-offers";
import { holdLapsed } from "./rules";

type Booking = typeof bookings.$inferSelect;

/** Confirms a hold before it expires; an expired hold must be booked again (its time may be taken). */
export async function confirmBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
): Promise<Result<Booking, "not_found" | "not_held" | "hold_expired">> {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId); // waitlist: the room before the booking, like createBooking
    const found = await findBooking(tx, actor, bookingId, { lock: true });
    if (!found) return fail("not_found");
    const b = found.booking;
    if (b.status === "confirmed") return ok(b); // confirming twice is harmless
    if (b.status !== "held") return fail("not_held", { message: `This booking is ${b.status}.` });
    if (holdLapsed(b, now)) {
      await tx.update(bookings).set({ status: "expired", updatedAt: now }).where(eq(bookings.id, b.id));
      await offerFreedSlot(tx, { roomId: b.roomId, from: b.startsAt, to: b.blockedUntil }, now); // waitlist
      return fail("hold_expired", { message: "The hold ran out before it was confirmed. Pick the slot again." });
    }
    const [row] = await tx
      .update(bookings)
      .set({ status: "confirmed", holdExpiresAt: null, updatedAt: now })
      .where(eq(bookings.id, b.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "booking.confirmed",
      subjectType: "booking",
      subjectId: b.id,
    });
    await markOfferBooked(tx, b.id); // waitlist
    await sendBookingEmail(tx, row, found, "confirmed");
    return ok(row);
  });
}

/** The fee a cancellation would cost now, by the workspace policy: shown before the creator confirms. */
export async function previewCancellation(db: Db, actor: Actor, bookingId: string, now: Date) {
  const found = await findBooking(db, actor, bookingId);
  if (!found) return null;
  return { found, fee: await feeFor(db, found, now) };
}

async function feeFor(db: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], found: FoundBooking, now: Date) {
  const b = found.booking;
  // Releasing a hold never costs anything: nothing was confirmed yet.
  if (b.status === "held") return { feeCents: 0, currency: (b.quote as Quote).currency, reason: "free" as const };
  const policies = await getPolicies(db, b.workspaceId);
  return cancellationFee({
    quote: b.quote as Quote,
    start: b.startsAt,
    now,
    freeCancellationHours: policies.freeCancellationHours,
    lateCancelFeePercent: policies.lateCancelFeePercent,
  });
}

/**
 * Cancels a held or confirmed booking. A late cancellation writes its fee to the ledger (pending, keyed by the
 * booking, so it can never be charged twice) in the same transaction; the creator gets the cancellation email.
 */
export async function cancelBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
  reason = "",
): Promise<Result<{ booking: Booking; feeCents: number; currency: string }, "not_found" | "not_cancellable">> {
  // Who may cancel: the permission (lib/auth/permissions), then findBooking's row scope (bookingScope).
  if (!can(actor, "bookings.cancel")) return fail("not_found");
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId); // waitlist: the room before the booking, like createBooking
    const found = await findBooking(tx, actor, bookingId, { lock: true });
    if (!found) return fail("not_found");
    const b = found.booking;
    if (b.status !== "held" && b.status !== "confirmed")
      return fail("not_cancellable", { message: `A ${b.status.replace("_", " ")} booking cannot be cancelled.` });
    const fee = await feeFor(tx, found, now);
    const [row] = await tx
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now, holdExpiresAt: null })
      .where(and(eq(bookings.id, b.id)))
      .returning();
    await offerFreedSlot(tx, { roomId: b.roomId, from: b.startsAt, to: b.blockedUntil }, now); // waitlist
    if (fee.feeCents > 0) {
      const draft: ChargeDraft = {
        kind: "late_cancel_fee",
        description: `Late cancellation of ${found.room.name}, ${b.code}`,
        quantity: 1,
        unitAmountCents: fee.feeCents,
        amountCents: fee.feeCents,
        currency: fee.currency,
        idempotencyKey: `late_cancel_fee:${b.id}`,
      };
      await writeChargeRows(
        tx,
        feeWithTax(draft, b.quote as Quote, b.code).map((d) => ({
          ...d,
          workspaceId: b.workspaceId,
          creatorId: b.creatorId,
          bookingId: b.id,
          createdBy: actor.userId,
          createdAt: now,
        })),
      );
    }
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "booking.cancelled",
      subjectType: "booking",
      subjectId: b.id,
      data: { reason, feeCents: fee.feeCents },
    });
    if (b.status === "confirmed") {
      await sendBookingEmail(
        tx,
        row,
        found,
        "cancelled",
        fee.feeCents > 0 ? [`Late-cancellation fee: ${formatMoney(fee.feeCents, fee.currency)}`] : undefined,
      );
    }
    return ok({ booking: row, feeCents: fee.feeCents, currency: fee.currency });
  });
}
