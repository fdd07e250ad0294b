import { and, eq, inArray, lt, gt } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { auditLog, bookingAddOns, bookings, memberships, users, workspaces } from "@/db/schema";
import { pgErrorCode } from "@/db/errors";
import { checkSlot, type SlotRule } from "../availability";
import { actsForSelfOnly, canBeBookedFor, canBookInStudio, canOperateStudio, type Actor } from "../auth/permissions";
import { billingGate, type BillingGateError } from "../billing/booking-gate";
import { getPolicies } from "../policies/policies";
import { quotePrice, taxSettingsOf, type AddOnPrice, type TaxSettings } from "../pricing";
import { fail, ok, type Fail, type Result } from "../result";
import { newBookingCode } from "./booking-code";
import { enqueueBookingEmail } from "./emails";
import { loadAddOns, loadRoomContext, OCCUPYING, type RoomContext } from "./room-context";
import type { CreateBookingInput } from "./schemas";
import { ensureWalkInCreator } from "./walk-in";
import { DAY_MS } from "@/kernel/time";
import { blockedUntil as turnoverEnd } from "../availability";
import { holdExpiresAt } from "./rules";

export type BookingError =
  "not_found" | "forbidden" | "invalid" | "rule" | "room_inactive" | "slot_taken" | BillingGateError;
export type BookingFail = Fail<BookingError> & { rule?: SlotRule; conflict?: { startsAt: string; endsAt: string } };

/** Who the booking is for: a creator books for themselves; staff, managers and owners for a creator of the workspace. */
export async function resolveCreator(
  tx: Tx,
  actor: Actor,
  creatorId: string | undefined,
): Promise<Result<string, BookingError>> {
  if (actsForSelfOnly(actor)) {
    if (creatorId && creatorId !== actor.userId)
      return fail("forbidden", { message: "Creators book only for themselves." });
    return ok(actor.userId);
  }
  if (!creatorId)
    return fail("invalid", {
      message: "Choose the creator to book for.",
      fieldErrors: { creatorId: ["Choose the creator to book for."] },
    });
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, creatorId)));
  if (!canBeBookedFor(m?.role))
    return fail("invalid", { fieldErrors: { creatorId: ["This person is not a creator of this workspace."] } });
  return ok(creatorId);
}

/** The booking that holds the time a new one collided with: the conflict answer names the taken range. */
export async function findConflict(tx: Tx, roomId: string, start: Date, blockedUntil: Date) {
  const [hit] = await tx
    .select({ startsAt: bookings.startsAt, blockedUntil: bookings.blockedUntil })
    .from(bookings)
    .where(
      and(
        eq(bookings.roomId, roomId),
        inArray(bookings.status, [...OCCUPYING]),
        lt(bookings.startsAt, blockedUntil),
        gt(bookings.blockedUntil, start),
      ),
    )
    .limit(1);
  return hit ? { startsAt: hit.startsAt.toISOString(), endsAt: hit.blockedUntil.toISOString() } : undefined;
}

export function isExclusionViolation(err: unknown) {
  return pgErrorCode(err) === "23P01";
}

/** Checks every rule of the room for [start, end) with the studio's hours, closures, policies and busy times. */
/**
 * The booking policy as it binds this actor in this studio: the minimum notice is for creators booking ahead, not
 * for the studio's own staff booking a walk-in for someone standing at the desk (they may book from now on).
 */
export function policiesFor<P extends { minNoticeMinutes: number }>(
  actor: Pick<Actor, "role" | "studioIds">,
  studioId: string,
  policies: P,
): P {
  return canOperateStudio(actor, studioId) ? { ...policies, minNoticeMinutes: 0 } : policies;
}

export function checkRules(
  ctx: RoomContext,
  policies: { minNoticeMinutes: number; bookingWindowDays: number },
  start: Date,
  end: Date,
  now: Date,
) {
  return checkSlot({
    timeZone: ctx.studio.timeZone,
    openingHours: ctx.studio.openingHours,
    closures: ctx.closures,
    room: ctx.room,
    policy: policies,
    busy: ctx.busy,
    now,
    start,
    end,
  });
}

/**
 * Books a room: one transaction that locks the room row, expires stale holds on it, re-checks every rule,
 * prices the booking (the quote is stored as it was), inserts it and writes the confirmation email to the
 * outbox. The exclusion constraint is the last guard: its violation is answered as `slot_taken` with the range.
 */
export async function createBooking(
  db: Db,
  input: CreateBookingInput,
  actor: Actor,
  now: Date,
): Promise<Result<typeof bookings.$inferSelect, BookingError> | BookingFail> {
  try {
    return await db.transaction(async (tx) => {
      const result = await createBookingIn(tx, input, actor, now);
      // A walk-in's new account, membership and welcome email exist only with the booking made for them.
      if (!result.ok && input.newCreator) throw new Refused(result);
      return result;
    });
  } catch (err) {
    if (err instanceof Refused) return err.result;
    throw err;
  }
}

/** Thrown to roll a transaction back while answering its refusal. */
class Refused {
  constructor(readonly result: Fail<BookingError> | BookingFail) {}
}

async function createBookingIn(
  tx: Tx,
  input: CreateBookingInput,
  actor: Actor,
  now: Date,
): Promise<Result<typeof bookings.$inferSelect, BookingError> | BookingFail> {
  const ctx = await loadRoomContext(tx, {
    workspaceId: actor.workspaceId,
    roomId: input.roomId,
    from: new Date(input.startsAt.getTime() - DAY_MS),
    to: new Date(input.endsAt.getTime() + DAY_MS),
    lock: true,
    expireHoldsAt: now,
  });
  if (!ctx) return fail("not_found", { message: "There is no such room." });
  if (!canBookInStudio(actor, ctx.studio.id)) {
    return fail("forbidden", { message: "You do not work in this room's studio." });
  }
  if (!ctx.room.active) return fail("room_inactive", { message: "This room is not open for booking." });
  const creator = input.newCreator
    ? await ensureWalkInCreator(tx, actor, input.newCreator, now)
    : await resolveCreator(tx, actor, input.creatorId);
  if (!creator.ok) return creator;

  const policies = await getPolicies(tx, actor.workspaceId);
  const unpaid = await billingGate(tx, {
    workspaceId: actor.workspaceId,
    creatorId: creator.value,
    policies,
    forSelf: creator.value === actor.userId,
  });
  if (unpaid) return unpaid;
  const check = checkRules(ctx, policiesFor(actor, ctx.studio.id, policies), input.startsAt, input.endsAt, now);
  if (!check.ok) {
    if (check.rule === "overlap") {
      const blockedUntil = turnoverEnd(input.endsAt, ctx.room.bufferMinutes);
      return fail("slot_taken", {
        message: check.message,
        conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil),
      }) as BookingFail;
    }
    return fail("rule", { rule: check.rule, message: check.message }) as BookingFail;
  }
  const chosen = await loadAddOns(tx, { workspaceId: actor.workspaceId, studioId: ctx.studio.id, ids: input.addOnIds });
  if (!chosen) return fail("invalid", { fieldErrors: { addOnIds: ["Choose add-ons offered by this studio."] } });

  const quote = await quoteFor(tx, ctx, input.startsAt, input.endsAt, chosen);
  const blockedUntil = turnoverEnd(input.endsAt, ctx.room.bufferMinutes);
  const status = input.hold ? "held" : "confirmed";
  let booking: typeof bookings.$inferSelect;
  try {
    // A savepoint: a collision aborts only the insert, so the conflict can still be looked up and reported.
    booking = await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(bookings)
        .values({
          workspaceId: actor.workspaceId,
          roomId: ctx.room.id,
          creatorId: creator.value,
          code: newBookingCode(),
          status,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          blockedUntil,
          holdExpiresAt: input.hold ? holdExpiresAt(now, policies.holdMinutes) : null,
          quote,
          notes: input.notes,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return row;
    });
  } catch (err) {
    if (!isExclusionViolation(err)) throw err;
    return fail("slot_taken", {
      message: "Someone else just booked this time.",
      conflict: await findConflict(tx, ctx.room.id, input.startsAt, blockedUntil),
    }) as BookingFail;
  }
  if (chosen.length > 0) {
    // The quote lists add-on lines in the order the add-ons were given.
    const addOnLines = quote.lines.filter((l) => l.kind === "add_on");
    await tx.insert(bookingAddOns).values(
      chosen.map((a, i) => ({
        workspaceId: actor.workspaceId,
        bookingId: booking.id,
        addOnId: a.id,
        amountCents: addOnLines[i]?.amountCents ?? 0,
      })),
    );
  }
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: `booking.${status}`,
    subjectType: "booking",
    subjectId: booking.id,
  });
  if (status === "confirmed") await sendBookingEmail(tx, booking, ctx, "confirmed");
  return ok(booking);
}

/** The price of [start, end) in a room with these add-ons, in its studio's currency and with its tax (or the `tax` given). */
export async function quoteFor(
  tx: DbOrTx,
  ctx: RoomContext,
  start: Date,
  end: Date,
  chosen: AddOnPrice[],
  tax: TaxSettings | null = taxSettingsOf(ctx.studio),
) {
  return quotePrice({
    timeZone: ctx.studio.timeZone,
    start,
    end,
    roomName: ctx.room.name,
    hourlyRateCents: ctx.room.hourlyRateCents,
    currency: ctx.studio.currency,
    peakRules: ctx.peakRules,
    addOns: chosen,
    tax,
  });
}

export async function workspaceCurrency(tx: DbOrTx, workspaceId: string) {
  const [w] = await tx.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.currency ?? "USD";
}

/** The confirmation / change / cancellation email with its .ics, to the booking's creator. */
export async function sendBookingEmail(
  tx: Tx,
  booking: typeof bookings.$inferSelect,
  ctx: Pick<RoomContext, "room" | "studio">,
  kind: "confirmed" | "changed" | "cancelled",
  extra?: string[],
) {
  const [creator] = await tx.select({ email: users.email }).from(users).where(eq(users.id, booking.creatorId));
  await enqueueBookingEmail(tx, {
    kind,
    to: creator.email,
    workspaceId: booking.workspaceId,
    timeZone: ctx.studio.timeZone,
    extra,
    booking: {
      id: booking.id,
      roomId: booking.roomId,
      code: booking.code,
      status: booking.status,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      roomName: ctx.room.name,
      studioName: ctx.studio.name,
      studioAddress: ctx.studio.address,
      updatedAt: booking.updatedAt,
    },
  });
}
