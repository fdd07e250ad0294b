import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, bookings, charges } from "@/db/schema";
import { can, canOperateStudio, type Actor } from "../auth/permissions";
import { noShowCharge, sessionCharges, type ChargeDraft } from "../billing/session-charges";
import { getPolicies } from "../policies/policies";
import type { Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { findBooking, type FoundBooking } from "./find-booking";

type Booking = typeof bookings.$inferSelect;
export type OperateError = "not_found" | "forbidden" | "wrong_status" | "too_early";

/** Check-in opens this long before the start, so a creator who arrives early can set up. */
export const CHECK_IN_OPENS_MINUTES = 60;
/** A creator who has not checked in this long after the start can be marked a no-show. */
export const NO_SHOW_GRACE_MINUTES = 15;

/** Finds and locks the booking for a floor action, checking the actor runs its studio. */
async function lockForFloor(tx: Tx, actor: Actor, bookingId: string): Promise<Result<FoundBooking, "not_found" | "forbidden">> {
  const found = await findBooking(tx, actor, bookingId, { lock: true });
  if (!found) return fail("not_found");
  if (!can(actor, "bookings.operate") || !canOperateStudio(actor, found.studio.id)) return fail("forbidden", { message: "Only the studio's staff can do this." });
  return ok(found);
}

async function writeCharges(tx: Tx, actor: Actor, b: Booking, drafts: ChargeDraft[], now: Date) {
  if (drafts.length === 0) return;
  // Keyed by cause: a second completion (a retry, a double click) adds nothing.
  await tx
    .insert(charges)
    .values(drafts.map((d) => ({ ...d, workspaceId: b.workspaceId, creatorId: b.creatorId, bookingId: b.id, createdBy: actor.userId, createdAt: now })))
    .onConflictDoNothing();
}

/** The creator has arrived: a confirmed booking becomes checked in, from an hour before its start to its end. */
export async function checkInBooking(db: Db, actor: Actor, bookingId: string, now: Date): Promise<Result<Booking, OperateError>> {
  return db.transaction(async (tx) => {
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const b = found.value.booking;
    if (b.status === "checked_in") return ok(b);
    if (b.status !== "confirmed") return fail("wrong_status", { message: `A ${b.status.replace("_", " ")} booking cannot be checked in.` });
    if (now.getTime() < b.startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000) return fail("too_early", { message: `Check-in opens ${CHECK_IN_OPENS_MINUTES} minutes before the start.` });
    if (now >= b.endsAt) return fail("wrong_status", { message: "This session has already ended; mark it a no-show instead." });
    const [row] = await tx.update(bookings).set({ status: "checked_in", checkedInAt: now, updatedAt: now }).where(eq(bookings.id, b.id)).returning();
    await tx.insert(auditLog).values({ workspaceId: b.workspaceId, actorUserId: actor.userId, action: "booking.checked_in", subjectType: "booking", subjectId: b.id });
    return ok(row);
  });
}

/**
 * Checks the creator out: the session is completed and its room time and add-ons are written to the ledger, in
 * the same transaction, from the quote stored at booking.
 */
export async function checkOutBooking(db: Db, actor: Actor, bookingId: string, now: Date): Promise<Result<{ booking: Booking; chargedCents: number }, OperateError>> {
  return db.transaction(async (tx) => {
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const b = found.value.booking;
    if (b.status === "completed") return ok({ booking: b, chargedCents: 0 });
    if (b.status !== "checked_in") return fail("wrong_status", { message: b.status === "confirmed" ? "Check the creator in first." : `A ${b.status.replace("_", " ")} booking cannot be checked out.` });
    const [row] = await tx.update(bookings).set({ status: "completed", checkedOutAt: now, updatedAt: now }).where(eq(bookings.id, b.id)).returning();
    const drafts = sessionCharges({ id: b.id, code: b.code, quote: b.quote as Quote });
    await writeCharges(tx, actor, b, drafts, now);
    const chargedCents = drafts.reduce((s, d) => s + d.amountCents, 0);
    await tx.insert(auditLog).values({ workspaceId: b.workspaceId, actorUserId: actor.userId, action: "booking.completed", subjectType: "booking", subjectId: b.id, data: { chargedCents } });
    return ok({ booking: row, chargedCents });
  });
}

/** The creator did not come: the booking becomes a no-show and the policy's fee goes to the ledger. */
export async function markNoShow(db: Db, actor: Actor, bookingId: string, now: Date): Promise<Result<{ booking: Booking; feeCents: number }, OperateError>> {
  return db.transaction(async (tx) => {
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const b = found.value.booking;
    if (b.status === "no_show") return ok({ booking: b, feeCents: 0 });
    if (b.status !== "confirmed") return fail("wrong_status", { message: `A ${b.status.replace("_", " ")} booking cannot be marked a no-show.` });
    if (now.getTime() < b.startsAt.getTime() + NO_SHOW_GRACE_MINUTES * 60_000) return fail("too_early", { message: `A creator can be marked a no-show ${NO_SHOW_GRACE_MINUTES} minutes after the start.` });
    const policies = await getPolicies(tx, b.workspaceId);
    const [row] = await tx.update(bookings).set({ status: "no_show", updatedAt: now }).where(eq(bookings.id, b.id)).returning();
    const fee = noShowCharge({ id: b.id, code: b.code, quote: b.quote as Quote }, policies.noShowFeePercent, found.value.room.name);
    await writeCharges(tx, actor, b, fee ? [fee] : [], now);
    await tx.insert(auditLog).values({ workspaceId: b.workspaceId, actorUserId: actor.userId, action: "booking.no_show", subjectType: "booking", subjectId: b.id, data: { feeCents: fee?.amountCents ?? 0 } });
    return ok({ booking: row, feeCents: fee?.amountCents ?? 0 });
  });
}
