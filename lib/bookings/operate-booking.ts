import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, bookingAddOns, bookings, charges, rooms, studios } from "@/db/schema";
import { can, canOperateStudio, ownsAsCreator, type Actor } from "../auth/permissions";
import {
  feeWithTax,
  noShowCharge,
  overtimeCharges,
  sessionChargesWithTax,
  type ChargeDraft,
} from "../billing/session-charges";
import { writeChargeRows } from "../billing/write-charges";
import { logger } from "../logger";
import { getPolicies } from "../policies/policies";
import { localDate } from "../studios/local-time";
import { taxSettingsOfQuote, type Quote } from "../pricing";
import { fail, ok, type Result } from "../result";
import { isExclusionViolation, quoteFor } from "./create-booking";
import { loadAddOns, loadRoomContext } from "./room-context";
import { roomOccupancy } from "./room-occupancy";
import { noShowDueAt } from "./rules";
import { findBooking, type FoundBooking } from "./find-booking";
import { lockRoomOfBooking, offerFreedSlot } from "./waitlist-offers";
import { compactCode } from "@/kernel/ids";
import { daysAfter } from "@/kernel/time";
import { blockedUntil as turnoverEnd } from "../availability";

type Booking = typeof bookings.$inferSelect;
export type OperateError =
  "not_found" | "forbidden" | "wrong_status" | "too_early" | "wrong_studio" | "wrong_day" | "invalid" | "slot_taken";

/** Finds and locks the booking for a floor action, checking the actor runs its studio. */
async function lockForFloor(
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

async function writeCharges(tx: Tx, actorUserId: string | null, b: Booking, drafts: ChargeDraft[], now: Date) {
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

/** The creator has arrived: a confirmed booking becomes checked in, from the policy's minutes before its start to its end. */
export async function checkInBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
): Promise<Result<Booking, OperateError>> {
  return db.transaction(async (tx) => {
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    return checkInLocked(tx, actor, found.value, now);
  });
}

/** Whether a booking can be checked in at `now`: from the policy's minutes before its start until its end. */
export function checkInOpen(b: { startsAt: Date; endsAt: Date }, checkInOpensMinutes: number, now: Date): boolean {
  return now.getTime() >= b.startsAt.getTime() - checkInOpensMinutes * 60_000 && now < b.endsAt;
}

async function checkInLocked(
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

/**
 * Check-in at the desk by the booking's code (scanned from its QR or typed; case, spaces and dashes do not
 * matter). A code of another studio or another day says so, with where and when the booking is.
 */
export async function checkInByCode(
  db: Db,
  actor: Actor,
  input: { studioId: string; code: string },
  now: Date,
): Promise<Result<Booking, OperateError>> {
  const compact = compactCode(input.code);
  if (compact.length !== 6)
    return fail("not_found", { message: `No booking has the code “${input.code.trim().slice(0, 40)}”.` });
  const code = `${compact.slice(0, 3)}-${compact.slice(3)}`;
  return db.transaction(async (tx) => {
    const [hit] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.workspaceId, actor.workspaceId), eq(bookings.code, code)));
    if (!hit) return fail("not_found", { message: `No booking has the code ${code}.` });
    const found = await lockForFloor(tx, actor, hit.id);
    if (!found.ok)
      return found.error === "not_found" ? fail("not_found", { message: `No booking has the code ${code}.` }) : found;
    const { booking: b, studio, room } = found.value;
    if (studio.id !== input.studioId)
      return fail("wrong_studio", { message: `Booking ${code} is at ${studio.name} (${room.name}), not here.` });
    // "Another day" only for a booking that cannot be checked in now: one that starts just after midnight (or
    // began before it) is tonight's, whatever its date says.
    const { checkInOpensMinutes } = await getPolicies(tx, b.workspaceId);
    const otherDay = localDate(b.startsAt, studio.timeZone) !== localDate(now, studio.timeZone);
    if (otherDay && b.status === "confirmed" && !checkInOpen(b, checkInOpensMinutes, now))
      return fail("wrong_day", {
        message: `Booking ${code} is on ${format(b.startsAt, "EEE d MMM yyyy, HH:mm", { in: tz(studio.timeZone) })}, not today.`,
      });
    return checkInLocked(tx, actor, found.value, now);
  });
}

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
    if (endedAt.getTime() > now.getTime() + 60_000)
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

/** The no-show itself (by hand or by the sweep): the fee by policy, and the rest of the slot freed for walk-ins and the waitlist. */
async function applyNoShow(tx: Tx, found: FoundBooking, actorUserId: string | null, now: Date, reason: string) {
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

/** Staff mark a no-show by hand, after the policy's grace period. */
export async function markNoShow(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
  reason = "",
): Promise<Result<{ booking: Booking; feeCents: number }, OperateError>> {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    const found = await lockForFloor(tx, actor, bookingId);
    if (!found.ok) return found;
    const b = found.value.booking;
    if (b.status === "no_show") return ok({ booking: b, feeCents: 0 });
    if (b.status !== "confirmed")
      return fail("wrong_status", { message: `A ${b.status.replace("_", " ")} booking cannot be marked a no-show.` });
    const { noShowGraceMinutes } = await getPolicies(tx, b.workspaceId);
    const room = await roomOccupancy(tx, b);
    const due = noShowDueAt(b, noShowGraceMinutes, room);
    if (room.occupiedBy)
      return fail("too_early", {
        message: `${room.occupiedBy.creatorName}'s session (${room.occupiedBy.code}) is still checked in to this room: check that creator out first. Nobody is a no-show for a room they could not enter.`,
      });
    if (due && now < due) {
      const freed = due.getTime() > b.startsAt.getTime() + noShowGraceMinutes * 60_000;
      return fail("too_early", {
        message: freed
          ? `The session before this one left the room at ${format(room.freedAt!, "HH:mm", { in: tz(found.value.studio.timeZone) })}: the creator can be marked a no-show ${noShowGraceMinutes} minutes after that.`
          : `A creator can be marked a no-show ${noShowGraceMinutes} minutes after the start.`,
      });
    }
    return ok(await applyNoShow(tx, found.value, actor.userId, now, reason || "Marked by staff"));
  });
}

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

/**
 * The no-show sweep (job loop): every confirmed booking nobody checked in to by its start plus the workspace's
 * grace period becomes a no-show, with its fee. Never while an earlier session is still checked in to its room
 * (an overrun: the creator could not get in), and then only the grace period after that session was checked out
 * (noShowDueAt). Idempotent: each booking is re-read under its room's and its own lock, and only a confirmed one
 * changes, so two sweeps (or two instances) never mark or charge twice. `workspaceId` limits a pass.
 */
export async function sweepNoShows(db: Db, now: Date, opts: { workspaceId?: string } = {}) {
  const candidates = await db
    .select({ id: bookings.id, workspaceId: bookings.workspaceId, startsAt: bookings.startsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.status, "confirmed"),
        lte(bookings.startsAt, now),
        sql`${bookings.endsAt} > ${daysAfter(now, -7).toISOString()}::timestamptz`,
        opts.workspaceId ? eq(bookings.workspaceId, opts.workspaceId) : undefined,
      ),
    )
    .limit(500);
  let marked = 0;
  const policies = new Map<string, number>();
  for (const c of candidates) {
    if (!policies.has(c.workspaceId))
      policies.set(c.workspaceId, (await getPolicies(db, c.workspaceId)).noShowGraceMinutes);
    if (now.getTime() < c.startsAt.getTime() + policies.get(c.workspaceId)! * 60_000) continue;
    // One booking that cannot be swept (a stored quote that cannot be priced) is logged and left for the next
    // pass; it must not stop the others' no-shows, nor the jobs after this one.
    const done = await sweepOne(db, c.id, now).catch((err: unknown) => {
      logger.error({ err, bookingId: c.id }, "a booking could not be swept as a no-show; the others were");
      return false;
    });
    if (done) marked++;
  }
  return marked;
}

function sweepOne(db: Db, bookingId: string, now: Date) {
  return db.transaction(async (tx) => {
    await lockRoomOfBooking(tx, bookingId);
    // The job acts for no one: the booking, its room and studio are read directly (still confirmed, under lock).
    const [found] = await tx
      .select({ booking: bookings, room: rooms, studio: studios })
      .from(bookings)
      .innerJoin(rooms, eq(rooms.id, bookings.roomId))
      .innerJoin(studios, eq(studios.id, rooms.studioId))
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "confirmed")))
      .for("update", { of: bookings });
    if (!found) return false;
    // Under the room's lock, so a check-out of the overrun before it and this decision never interleave.
    const { noShowGraceMinutes } = await getPolicies(tx, found.booking.workspaceId);
    const due = noShowDueAt(found.booking, noShowGraceMinutes, await roomOccupancy(tx, found.booking));
    if (!due || now < due) return false;
    await applyNoShow(tx, found, null, now, "Nobody checked in (swept)");
    return true;
  });
}

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
    if (newEnd.getTime() - b.startsAt.getTime() > room.maxMinutes * 60_000)
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
