import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, bookings } from "@/db/schema";
import { can, canOperateStudio, ownsAsCreator, type Actor } from "../auth/permissions";
import { feeWithTax, noShowCharge, type ChargeDraft } from "../billing/session-charges";
import { writeChargeRows } from "../billing/write-charges";
import { getPolicies } from "../policies/policies";
import { type Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { findBooking, type FoundBooking } from "./find-booking";
import { offerFreedSlot } from "./waitlist-offers";
import { checkInOpen } from "./rules";

export type Booking = typeof bookings.$inferSelect;

export type OperateError =
  "not_found" | "forbidden" | "wrong_status" | "too_early" | "wrong_studio" | "wrong_day" | "invalid" | "slot_taken";

/** Finds and locks the booking for a floor action, checking the actor runs its studio. */
export async function lockForFloor(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  opts: { creatorMay?: boolean } = {},
): Promise<Result<FoundBooking, "not_found" | "forbidden">> {
  const found = await findBooking(tx, actor, bookingId, { lock: true });
  if (!found) return fail("not_found");
  const own = opts.creatorMay && ownsAsCreator(actor, found.booking);
  if (!own && (!can(actor, "bookings.operate") || !canOperateStudio(actor, found.studio.id)))
    return fail("forbidden", { message: "Only the studio's staff can do this." });
  return ok(found);
}

export async function writeCharges(tx: Tx, actorUserId: string | null, b: Booking, drafts: ChargeDraft[], now: Date) {
  // Keyed by cause: a second completion (a retry, a double click, two staff at once) adds nothing.
  await writeChargeRows(
    tx,
    drafts.map((d) => ({
      ...d,
      workspaceId: b.workspaceId,
      creatorId: b.creatorId,
      bookingId: b.id,
      createdBy: actorUserId,
      createdAt: now,
    })),
  );
}

export async function checkInLocked(
  tx: Tx,
  actor: Actor,
  found: FoundBooking,
  now: Date,
): Promise<Result<Booking, OperateError>> {
  const b = found.booking;
  if (b.status === "checked_in") return ok(b);
  if (b.status !== "confirmed")
    return fail("wrong_status", {
      message: `Booking ${b.code} is ${b.status.replace("_", " ")}: it cannot be checked in.`,
    });
  const { checkInOpensMinutes } = await getPolicies(tx, b.workspaceId);
  if (now < b.startsAt && !checkInOpen(b, checkInOpensMinutes, now))
    return fail("too_early", {
      message: `Check-in for ${b.code} opens ${checkInOpensMinutes} minutes before its start.`,
    });
  if (now >= b.endsAt)
    return fail("wrong_status", { message: `Booking ${b.code} has already ended; mark it a no-show instead.` });
  const [row] = await tx
    .update(bookings)
    .set({ status: "checked_in", checkedInAt: now, updatedAt: now })
    .where(eq(bookings.id, b.id))
    .returning();
  await tx.insert(auditLog).values({
    workspaceId: b.workspaceId,
    actorUserId: actor.userId,
    action: "booking.checked_in",
    subjectType: "booking",
    subjectId: b.id,
  });
  return ok(row);
}

/** The no-show itself (by hand or by the sweep): the fee by policy, and the rest of the slot freed for walk-ins and the waitlist. */
export async function applyNoShow(tx: Tx, found: FoundBooking, actorUserId: string | null, now: Date, reason: string) {
  const b = found.booking;
  const policies = await getPolicies(tx, b.workspaceId);
  const [row] = await tx
    .update(bookings)
    .set({ status: "no_show", updatedAt: now })
    .where(eq(bookings.id, b.id))
    .returning();
  const fee = noShowCharge(
    { id: b.id, code: b.code, quote: b.quote as Quote },
    policies.noShowFeePercent,
    found.room.name,
  );
  await writeCharges(tx, actorUserId, b, feeWithTax(fee, b.quote as Quote, b.code), now);
  if (now < b.blockedUntil)
    await offerFreedSlot(tx, { roomId: b.roomId, from: now > b.startsAt ? now : b.startsAt, to: b.blockedUntil }, now);
  await tx.insert(auditLog).values({
    workspaceId: b.workspaceId,
    actorUserId,
    action: "booking.no_show",
    subjectType: "booking",
    subjectId: b.id,
    data: { feeCents: fee?.amountCents ?? 0, reason },
  });
  return { booking: row, feeCents: fee?.amountCents ?? 0 };
}
