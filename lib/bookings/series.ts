import { and, asc, eq, gt, gte, inArray, type SQL } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { auditLog, bookings, bookingSeries, rooms, studios } from "@/db/schema";
import { bookingScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { getPolicies } from "../policies/policies";
import { cancellationFee, type Quote } from "../pricing";
import { fail, ok, type Fail } from "../result";
import { findConflict, isExclusionViolation, type BookingError } from "./create-booking";
import { newBookingCode } from "./booking-code";
import { cancelBooking } from "./lifecycle";
import { nested } from "./nested";
import { OCCUPYING } from "./room-context";
import type { SeriesInput } from "./schemas";
import { billingGate } from "../billing/booking-gate";
import { sendSeriesEmail } from "./series-email";
import { planSeries, type Occurrence, type SeriesPattern } from "./series-plan";
import { blockedUntil as turnoverEnd } from "../availability";
import { isUuid } from "@/kernel/ids";

type Booking = typeof bookings.$inferSelect;
export type SeriesMode = "free_only" | "all_or_nothing";
export type SeriesError = BookingError | "series_conflict";
export type SeriesFail = Fail<SeriesError> & { occurrences?: Occurrence[]; timeZone?: string };

/** Every date of a weekly series, checked (nothing is written): which are free and why the others are not. */
export async function previewSeries(db: Db, actor: Actor, input: SeriesInput, now: Date) {
  return db.transaction(async (tx) => {
    const plan = await planSeries(tx, actor, input, now, { lock: false });
    return plan.ok
      ? ok({
          occurrences: plan.value.occurrences,
          timeZone: plan.value.ctx.studio.timeZone,
          currency: plan.value.currency,
          totalCents: plan.value.totalCents,
        })
      : plan;
  });
}

/** Thrown inside the series savepoint to roll back everything written so far; caught right outside it. */
class SeriesAborted extends Error {
  constructor(readonly occurrences: Occurrence[]) {
    super("series aborted");
  }
}

/**
 * Books a weekly series in one transaction, the room row locked: the series row, then one confirmed booking per
 * free date, each insert in its own savepoint so that a date lost to a race is reported instead of failing the
 * lot. `free_only` books what is free; `all_or_nothing` books nothing unless every date can be booked (a race
 * included). One email lists the booked dates, with a calendar invite for each.
 */
export async function bookSeries(db: Db, actor: Actor, input: SeriesInput, opts: { mode: SeriesMode }, now: Date) {
  return db.transaction(async (tx) => {
    const plan = await planSeries(tx, actor, input, now, { lock: true });
    if (!plan.ok) return plan as SeriesFail;
    const { ctx, creatorId, occurrences } = plan.value;
    const unpaid = await billingGate(tx, {
      workspaceId: actor.workspaceId,
      creatorId,
      policies: await getPolicies(tx, actor.workspaceId),
      forSelf: creatorId === actor.userId,
    });
    if (unpaid) return unpaid as SeriesFail;
    const free = occurrences.filter((o) => o.ok).length;
    if (free === 0 || (opts.mode === "all_or_nothing" && free < occurrences.length)) {
      const message =
        free === 0 ? "None of these dates can be booked." : "Some of these dates cannot be booked, so none were.";
      return fail("series_conflict", { message, occurrences, timeZone: ctx.studio.timeZone }) as SeriesFail;
    }
    try {
      return await tx.transaction(async (sp) => {
        const pattern: SeriesPattern = {
          weekdays: input.weekdays,
          startTime: input.startTime,
          durationMinutes: input.durationMinutes,
          weeks: input.weeks,
          firstDate: input.firstDate,
        };
        const [series] = await sp
          .insert(bookingSeries)
          .values({ workspaceId: actor.workspaceId, roomId: ctx.room.id, creatorId, pattern, createdAt: now })
          .returning();
        const report = [...occurrences];
        const booked: Booking[] = [];
        for (const [i, o] of occurrences.entries()) {
          if (!o.ok) continue;
          const quote = o.quote;
          const blockedUntil = turnoverEnd(o.endsAt, ctx.room.bufferMinutes);
          try {
            const [row] = await sp.transaction((one) =>
              one
                .insert(bookings)
                .values({
                  workspaceId: actor.workspaceId,
                  roomId: ctx.room.id,
                  creatorId,
                  seriesId: series.id,
                  code: newBookingCode(),
                  status: "confirmed",
                  startsAt: o.startsAt,
                  endsAt: o.endsAt,
                  blockedUntil,
                  quote,
                  notes: input.notes,
                  createdBy: actor.userId,
                  createdAt: now,
                  updatedAt: now,
                })
                .returning(),
            );
            booked.push(row);
          } catch (err) {
            if (!isExclusionViolation(err)) throw err;
            report[i] = {
              date: o.date,
              startsAt: o.startsAt,
              endsAt: o.endsAt,
              ok: false,
              error: "slot_taken",
              rule: "overlap",
              message: "Someone else just booked this time.",
              conflict: await findConflict(sp, ctx.room.id, o.startsAt, blockedUntil),
            };
            if (opts.mode === "all_or_nothing") throw new SeriesAborted(report);
          }
        }
        if (booked.length === 0) throw new SeriesAborted(report);
        await sp.insert(auditLog).values({
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          action: "booking_series.booked",
          subjectType: "booking_series",
          subjectId: series.id,
          data: { booked: booked.length, skipped: report.length - booked.length },
        });
        await sendSeriesEmail(sp, {
          creatorId,
          workspaceId: actor.workspaceId,
          room: ctx.room,
          studio: ctx.studio,
          booked,
          skipped: report.filter((o) => !o.ok),
        });
        return ok({ series, bookings: booked, occurrences: report });
      });
    } catch (err) {
      if (!(err instanceof SeriesAborted)) throw err;
      return fail("series_conflict", {
        message: "Some of these dates were just taken, so none were booked.",
        occurrences: err.occurrences,
        timeZone: ctx.studio.timeZone,
      }) as SeriesFail;
    }
  });
}

/** Which series an actor may see: like bookings (`bookingScope`: creators their own, staff their studios', …). */
function visibleSeries(actor: Actor): SQL {
  return scopeWhere(actor, bookingScope(actor), {
    workspace: bookingSeries.workspaceId,
    studio: studios.id,
    creator: bookingSeries.creatorId,
  });
}

/** A series the actor may see, with its room and studio, and its bookings that have not started; else null (404). */
export async function findSeries(db: DbOrTx, actor: Actor, seriesId: string, now: Date) {
  if (!isUuid(seriesId)) return null;
  const [row] = await db
    .select({ series: bookingSeries, room: rooms, studio: studios })
    .from(bookingSeries)
    .innerJoin(rooms, eq(rooms.id, bookingSeries.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(and(eq(bookingSeries.id, seriesId), visibleSeries(actor)));
  if (!row) return null;
  const upcoming = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      quote: bookings.quote,
    })
    .from(bookings)
    .where(and(eq(bookings.seriesId, seriesId), inArray(bookings.status, [...OCCUPYING]), gt(bookings.startsAt, now)))
    .orderBy(asc(bookings.startsAt));
  return { ...row, pattern: row.series.pattern as SeriesPattern, upcoming };
}

/** What cancelling every date still ahead would cost now: each date's fee by the policy (holds are free). */
export async function previewSeriesCancellation(db: Db, actor: Actor, seriesId: string, now: Date) {
  const found = await findSeries(db, actor, seriesId, now);
  if (!found) return null;
  const policies = await getPolicies(db, actor.workspaceId);
  let feeCents = 0;
  for (const b of found.upcoming) {
    if (b.status !== "confirmed") continue;
    feeCents += cancellationFee({
      quote: b.quote as Quote,
      start: b.startsAt,
      now,
      freeCancellationHours: policies.freeCancellationHours,
      lateCancelFeePercent: policies.lateCancelFeePercent,
    }).feeCents;
  }
  return { ...found, feeCents, freeCancellationHours: policies.freeCancellationHours };
}

export type CancelSeriesResult = { cancelled: Booking[]; feeCents: number; currency: string | null };

/**
 * Cancels one date of a series (`this`, the booking named) or every date still ahead (`future`; with a booking,
 * that date and the ones after it). Each date goes through cancelBooking, so each pays the fee the policy sets
 * for it, gets its cancellation email (which removes it from the calendar) and frees its time for the waitlist;
 * `future` does all of it in one transaction with the room row locked.
 */
export async function cancelSeries(
  db: Db,
  actor: Actor,
  seriesId: string,
  opts: { from: "this" | "future"; bookingId?: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const found = await findSeries(tx, actor, seriesId, now);
    if (!found) return fail("not_found", { message: "There is no such series." });
    await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, found.room.id)).for("update");
    let from = now;
    if (opts.bookingId) {
      const [one] = await tx
        .select({ startsAt: bookings.startsAt })
        .from(bookings)
        .where(and(eq(bookings.id, opts.bookingId), eq(bookings.seriesId, seriesId)));
      if (!one) return fail("not_found", { message: "That booking is not part of this series." });
      from = one.startsAt;
    } else if (opts.from === "this") {
      return fail("invalid", { fieldErrors: { bookingId: ["Choose the date to cancel."] } });
    }
    const ids = opts.from === "this" ? [opts.bookingId!] : await futureIds(tx, seriesId, from, now);
    if (ids.length === 0) return fail("not_cancellable", { message: "No date of this series is left to cancel." });
    const out: CancelSeriesResult = { cancelled: [], feeCents: 0, currency: null };
    for (const id of ids) {
      const r = await cancelBooking(nested(tx), actor, id, now, opts.from === "this" ? "" : "series cancelled");
      if (!r.ok) {
        if (opts.from === "this") return r;
        // Every id was read under the room lock as held or confirmed and visible: a refusal here is a bug.
        throw new Error(`cancelling booking ${id} of series ${seriesId} failed: ${r.error}`);
      }
      out.cancelled.push(r.value.booking);
      out.feeCents += r.value.feeCents;
      out.currency ??= r.value.currency;
    }
    return ok(out);
  });
}

async function futureIds(tx: Tx, seriesId: string, from: Date, now: Date) {
  const rows = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.seriesId, seriesId),
        inArray(bookings.status, ["held", "confirmed"]),
        gte(bookings.startsAt, from),
        gt(bookings.startsAt, now),
      ),
    )
    .orderBy(asc(bookings.startsAt));
  return rows.map((r) => r.id);
}
