import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, rooms, studios, waitlistEntries } from "@/db/schema";
import { bookingScope, canBookInStudio, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { getPolicies } from "../policies/policies";
import { fail, ok } from "../result";
import { checkRules, findConflict, resolveCreator, type BookingError, type BookingFail } from "./create-booking";
import { cancelBooking } from "./lifecycle";
import { nested } from "./nested";
import { loadRoomContext } from "./room-context";
import type { WaitlistJoinInput } from "./schemas";
import { DAY_MS } from "@/kernel/time";
import { blockedUntil } from "../availability";
import { isUuid } from "@/kernel/ids";
import type { WaitlistEntryJson } from "./response-schemas";

type Entry = typeof waitlistEntries.$inferSelect;
export type WaitlistError = BookingError | "slot_free";

/**
 * Joins the waitlist for a time that is taken: refused when it is free (book it instead) or when a rule other
 * than "taken" forbids it (no wait would help). Joining the same time twice answers the existing entry. The room
 * row is locked, so positions (the order of joining, per room) never collide.
 */
export async function joinWaitlist(db: Db, actor: Actor, input: WaitlistJoinInput, now: Date) {
  return db.transaction(async (tx) => {
    const ctx = await loadRoomContext(tx, {
      workspaceId: actor.workspaceId,
      roomId: input.roomId,
      from: new Date(input.startsAt.getTime() - DAY_MS),
      to: new Date(input.endsAt.getTime() + DAY_MS),
      lock: true,
      expireHoldsAt: now,
    });
    if (!ctx) return fail("not_found", { message: "There is no such room." }) as BookingFail;
    if (!canBookInStudio(actor, ctx.studio.id))
      return fail("forbidden", { message: "You do not work in this room's studio." }) as BookingFail;
    if (!ctx.room.active)
      return fail("room_inactive", { message: "This room is not open for booking." }) as BookingFail;
    const creator = await resolveCreator(tx, actor, input.creatorId);
    if (!creator.ok) return creator as BookingFail;
    const check = checkRules(ctx, await getPolicies(tx, actor.workspaceId), input.startsAt, input.endsAt, now);
    if (check.ok) return fail("slot_free", { message: "This time is free now: book it instead of waiting." });
    if (check.rule !== "overlap") return fail("rule", { rule: check.rule, message: check.message }) as BookingFail;

    const same = and(
      eq(waitlistEntries.roomId, ctx.room.id),
      eq(waitlistEntries.creatorId, creator.value),
      eq(waitlistEntries.startsAt, input.startsAt),
      eq(waitlistEntries.endsAt, input.endsAt),
    );
    const [existing] = await tx
      .select()
      .from(waitlistEntries)
      .where(and(same, inArray(waitlistEntries.status, ["waiting", "offered"])));
    if (existing) return ok({ entry: existing, created: false });
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${waitlistEntries.position}), 0)::int` })
      .from(waitlistEntries)
      .where(eq(waitlistEntries.roomId, ctx.room.id));
    const [entry] = await tx
      .insert(waitlistEntries)
      .values({
        workspaceId: actor.workspaceId,
        roomId: ctx.room.id,
        creatorId: creator.value,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        position: last.n + 1,
        createdAt: now,
      })
      .returning();
    const conflict = await findConflict(
      tx,
      ctx.room.id,
      input.startsAt,
      blockedUntil(input.endsAt, ctx.room.bufferMinutes),
    );
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "waitlist.joined",
      subjectType: "waitlist_entry",
      subjectId: entry.id,
      data: { conflict },
    });
    return ok({ entry, created: true });
  });
}

/** Which entries an actor may see and withdraw: like bookings (`bookingScope`: creators their own, staff their studios'). */
function visibleEntries(actor: Actor): SQL {
  return scopeWhere(actor, bookingScope(actor), {
    workspace: waitlistEntries.workspaceId,
    studio: rooms.studioId,
    creator: waitlistEntries.creatorId,
  });
}

/**
 * Leaves the waitlist. An entry that was offered a hold releases that hold too (free, like any hold), which
 * offers the time to the next in line.
 */
export async function withdrawWaitlist(db: Db, actor: Actor, entryId: string, now: Date) {
  if (!isUuid(entryId)) return fail("not_found", { message: "No such waitlist entry." });
  return db.transaction(async (tx) => {
    const visible = () =>
      tx
        .select({ entry: waitlistEntries, roomId: rooms.id })
        .from(waitlistEntries)
        .innerJoin(rooms, eq(rooms.id, waitlistEntries.roomId))
        .where(and(eq(waitlistEntries.id, entryId), visibleEntries(actor)));
    const [seen] = await visible();
    if (!seen) return fail("not_found", { message: "No such waitlist entry." });
    // The room first, then the entry (read again under the lock): the order offerFreedSlot takes them in.
    await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, seen.roomId)).for("update");
    const [row] = await visible().for("update", { of: waitlistEntries });
    const e = row.entry;
    if (e.status !== "waiting" && e.status !== "offered")
      return fail("not_waiting", { message: `This entry is already ${e.status}.` });
    // Withdrawn first: releasing the hold below then offers the time to the others, not back to this entry.
    const [entry] = await tx
      .update(waitlistEntries)
      .set({ status: "withdrawn" })
      .where(eq(waitlistEntries.id, e.id))
      .returning();
    if (e.status === "offered" && e.offeredBookingId) {
      const released = await cancelBooking(nested(tx), actor, e.offeredBookingId, now, "waitlist withdrawn");
      if (!released.ok && released.error !== "not_cancellable")
        throw new Error(`releasing the offered hold of ${e.id} failed: ${released.error}`);
    }
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "waitlist.withdrawn",
      subjectType: "waitlist_entry",
      subjectId: e.id,
    });
    return ok(entry as Entry);
  });
}

/** The active entries an actor may see (waiting or offered, not yet started), soonest first, with the place in line. */
export async function listWaitlist(db: DbOrTx, actor: Actor, now: Date) {
  return db
    .select({
      id: waitlistEntries.id,
      status: waitlistEntries.status,
      startsAt: waitlistEntries.startsAt,
      endsAt: waitlistEntries.endsAt,
      creatorId: waitlistEntries.creatorId,
      offeredBookingId: waitlistEntries.offeredBookingId,
      roomId: rooms.id,
      roomName: rooms.name,
      studioName: studios.name,
      timeZone: studios.timeZone,
      // 1 + the entries still waiting for an overlapping time of the room that joined earlier.
      place: sql<number>`1 + (select count(*)::int from waitlist_entries ahead where ahead.room_id = ${waitlistEntries.roomId} and ahead.status = 'waiting' and ahead.position < ${waitlistEntries.position} and ahead.starts_at < ${waitlistEntries.endsAt} and ahead.ends_at > ${waitlistEntries.startsAt})`,
    })
    .from(waitlistEntries)
    .innerJoin(rooms, eq(rooms.id, waitlistEntries.roomId))
    .innerJoin(studios, eq(studios.id, rooms.studioId))
    .where(
      and(
        visibleEntries(actor),
        inArray(waitlistEntries.status, ["waiting", "offered"]),
        gt(waitlistEntries.endsAt, now),
      ),
    )
    .orderBy(asc(waitlistEntries.startsAt), asc(waitlistEntries.position));
}

/** A waitlist entry as the API shows it. */
export function waitlistJson(e: Entry): WaitlistEntryJson {
  return {
    id: e.id,
    roomId: e.roomId,
    creatorId: e.creatorId,
    status: e.status,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    offeredBookingId: e.offeredBookingId,
    position: e.position,
  };
}
