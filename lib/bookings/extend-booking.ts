import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, bookingAddOns, bookings } from "@/db/schema";
import { type Actor } from "../auth/permissions";
import { taxSettingsOfQuote, type Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { isExclusionViolation, quoteFor } from "./create-booking";
import { loadAddOns, loadRoomContext } from "./room-context";
import { lockRoomOfBooking } from "./waitlist-offers";
import { blockedUntil as turnoverEnd } from "../availability";
import { Booking, OperateError, lockForFloor } from "./floor-access";
import { MINUTE_MS } from "@/kernel/time";

/** Thrown inside the savepoint of a dry run, to roll the extension back once it has been checked. */
class ExtensionChecked extends Error {
  constructor(readonly row: Booking) {
    super("extension checked");
  }
}

/**
 * Extends a live session when the room is free after it: the new end is checked like any booking (the exclusion
 * constraint is the last guard) and the stored quote is priced again for the longer time. With `dryRun` the same
 * checks run, the update included, and are rolled back: the desk sees what the extension would cost first.
 */
export async function extendBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  newEnd: Date,
  now: Date,
  opts: { dryRun?: boolean } = {},
): Promise<Result<Booking & { addedCents: number }, OperateError>> {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const { booking: b, room } = found.value;
    if (b.status !== "checked_in")
      return fail("wrong_status", { message: "Only a session in progress can be extended." });
    if (newEnd <= b.endsAt) return fail("invalid", { fieldErrors: { endsAt: ["Choose a later end"] } });
    if (newEnd.getTime() - b.startsAt.getTime() > room.maxMinutes * MINUTE_MS)
      return fail("invalid", {
        fieldErrors: { endsAt: [`This room is booked for at most ${room.maxMinutes / 60} hours at a time`] },
      });
    if (newEnd <= now) return fail("invalid", { fieldErrors: { endsAt: ["The new end has already passed"] } });
    // Priced again with the same add-ons (the add-ons' current prices; time-based ones cover the longer session).
    const ctx = await loadRoomContext(tx, {
      workspaceId: b.workspaceId,
      roomId: room.id,
      from: b.startsAt,
      to: newEnd,
      excludeBookingId: b.id,
    });
    if (!ctx) return fail("not_found");
    const ids = (
      await tx.select({ id: bookingAddOns.addOnId }).from(bookingAddOns).where(eq(bookingAddOns.bookingId, b.id))
    ).map((a) => a.id);
    const chosen = (await loadAddOns(tx, { workspaceId: b.workspaceId, studioId: found.value.studio.id, ids })) ?? [];
    // The session keeps the tax it was booked with (none for a booking quoted before taxes existed).
    const booked = (b.quote as Quote).tax;
    const quote = await quoteFor(tx, ctx, b.startsAt, newEnd, chosen, taxSettingsOfQuote(booked));
    const addedCents = quote.totalCents - (b.quote as { totalCents: number }).totalCents;
    let row: Booking;
    try {
      [row] = await tx.transaction(async (sp) => {
        const written = await sp
          .update(bookings)
          .set({ endsAt: newEnd, blockedUntil: turnoverEnd(newEnd, room.bufferMinutes), quote, updatedAt: now })
          .where(eq(bookings.id, b.id))
          .returning();
        if (opts.dryRun) throw new ExtensionChecked(written[0]);
        return written;
      });
    } catch (err) {
      if (err instanceof ExtensionChecked) return ok({ ...err.row, addedCents });
      if (!isExclusionViolation(err)) throw err;
      return fail("slot_taken", {
        message: "The room is booked right after this session: it cannot be extended that far.",
      });
    }
    await tx.insert(auditLog).values({
      workspaceId: b.workspaceId,
      actorUserId: actor.userId,
      action: "booking.extended",
      subjectType: "booking",
      subjectId: b.id,
      data: { from: b.endsAt.toISOString(), to: newEnd.toISOString() },
    });
    return ok({ ...row, addedCents });
  });
}
