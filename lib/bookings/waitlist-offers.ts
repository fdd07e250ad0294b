import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { bookings, memberships, rooms, users, waitlistEntries } from "@/db/schema";
import type { Interval } from "../availability";
import { canBeBookedFor, type Actor } from "../auth/permissions";
import { enqueueOfferEmail } from "./waitlist-email";
import { getPolicies } from "../policies/policies";
import { checkRules, createBooking } from "./create-booking";
import { nested } from "./nested";
import { loadRoomContext } from "./room-context";
import { DAY_MS } from "@/kernel/time";
import { turnoverMs } from "../availability";
import { isUuid } from "@/kernel/ids";

const MAX_CANDIDATES = 50;

/**
 * Locks the room of a booking (`for update`), before the booking row itself: the same order as createBooking
 * (room, then bookings), so a transaction that frees a slot and offers it to the waitlist cannot deadlock with a
 * booking of that room. Unknown ids lock nothing (the use case answers 404 after).
 */
export async function lockRoomOfBooking(tx: Tx, bookingId: string) {
  if (!isUuid(bookingId)) return;
  await tx
    .select({ id: rooms.id })
    .from(rooms)
    .innerJoin(bookings, eq(bookings.roomId, rooms.id))
    .where(eq(bookings.id, bookingId))
    .for("update", { of: rooms });
}

/** A confirmed offer: its waitlist entry is done ("booked"). */
export async function markOfferBooked(tx: Tx, bookingId: string) {
  await tx
    .update(waitlistEntries)
    .set({ status: "booked" })
    .where(and(eq(waitlistEntries.offeredBookingId, bookingId), eq(waitlistEntries.status, "offered")));
}

/**
 * Offers time that was just freed in a room to its waitlist, inside the transaction that freed it (a cancellation,
 * an expired hold, a booking moved away). First, offers whose hold has ended (released, expired) become "lapsed"
 * and confirmed ones "booked". Then the waiting entries that overlap [from, to), in the order they joined, are
 * tried: each one whose time is now bookable by every rule gets a real hold through createBooking (hold minutes
 * from the policy), becomes "offered", and its creator gets an email. An entry that is not bookable keeps waiting.
 */
export async function offerFreedSlot(tx: Tx, freed: { roomId: string; from: Date; to: Date }, now: Date) {
  const [room] = await tx
    .select({ id: rooms.id, workspaceId: rooms.workspaceId, bufferMinutes: rooms.bufferMinutes })
    .from(rooms)
    .where(eq(rooms.id, freed.roomId))
    .for("update");
  if (!room) return { lapsed: 0, offered: [] as string[] };
  const bufferMs = turnoverMs(room.bufferMinutes);
  const candidates = await tx
    .select({ entry: waitlistEntries, email: users.email, role: memberships.role })
    .from(waitlistEntries)
    .innerJoin(users, eq(users.id, waitlistEntries.creatorId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, waitlistEntries.creatorId), eq(memberships.workspaceId, waitlistEntries.workspaceId)),
    )
    .where(
      and(
        eq(waitlistEntries.roomId, room.id),
        eq(waitlistEntries.status, "waiting"),
        lt(waitlistEntries.startsAt, freed.to),
        gt(waitlistEntries.endsAt, new Date(freed.from.getTime() - bufferMs)),
        gt(waitlistEntries.startsAt, now),
      ),
    )
    .orderBy(asc(waitlistEntries.position), asc(waitlistEntries.createdAt))
    .limit(MAX_CANDIDATES);
  const from = Math.min(...candidates.map((c) => c.entry.startsAt.getTime()));
  const to = Math.max(...candidates.map((c) => c.entry.endsAt.getTime()));
  // Holds that ran out are expired first (their offers then settle as lapsed), as before any booking.
  const ctx = candidates.length
    ? await loadRoomContext(tx, {
        workspaceId: room.workspaceId,
        roomId: room.id,
        from: new Date(from - DAY_MS),
        to: new Date(to + DAY_MS),
        expireHoldsAt: now,
      })
    : null;
  const lapsed = await settleOffers(tx, room.id);
  if (!ctx || !ctx.room.active) return { lapsed, offered: [] as string[] };
  const policies = await getPolicies(tx, room.workspaceId);
  const busy: Interval[] = [...ctx.busy];
  const offered: string[] = [];
  for (const { entry, email, role } of candidates) {
    if (!canBeBookedFor(role)) {
      // No longer a creator of this workspace: nobody to hold the time for.
      await tx.update(waitlistEntries).set({ status: "lapsed" }).where(eq(waitlistEntries.id, entry.id));
      continue;
    }
    // A cheap check first, against what this loop has already offered; createBooking checks again under the lock.
    if (!checkRules({ ...ctx, busy }, policies, entry.startsAt, entry.endsAt, now).ok) continue;
    const actor: Actor = {
      userId: entry.creatorId,
      workspaceId: entry.workspaceId,
      role: "creator",
      studioIds: [],
      brandId: null,
    };
    const hold = await createBooking(
      nested(tx),
      {
        roomId: room.id,
        startsAt: entry.startsAt,
        endsAt: entry.endsAt,
        addOnIds: [],
        notes: "Offered from the waitlist.",
        hold: true,
      },
      actor,
      now,
    );
    if (!hold.ok) continue;
    busy.push({ start: hold.value.startsAt, end: hold.value.blockedUntil });
    await tx
      .update(waitlistEntries)
      .set({ status: "offered", offeredBookingId: hold.value.id })
      .where(eq(waitlistEntries.id, entry.id));
    await enqueueOfferEmail(tx, {
      to: email,
      booking: hold.value,
      room: ctx.room,
      studio: ctx.studio,
      holdMinutes: policies.holdMinutes,
    });
    offered.push(entry.id);
  }
  return { lapsed, offered };
}

/** Offers of a room whose hold is over: confirmed → "booked"; released, expired or gone → "lapsed". */
async function settleOffers(tx: Tx, roomId: string) {
  const open = await tx
    .select({ id: waitlistEntries.id, status: bookings.status })
    .from(waitlistEntries)
    .leftJoin(bookings, eq(bookings.id, waitlistEntries.offeredBookingId))
    .where(and(eq(waitlistEntries.roomId, roomId), eq(waitlistEntries.status, "offered")));
  const booked = open
    .filter((o) => o.status === "confirmed" || o.status === "checked_in" || o.status === "completed")
    .map((o) => o.id);
  const lapsed = open.filter((o) => o.status !== "held" && !booked.includes(o.id)).map((o) => o.id);
  if (booked.length)
    await tx.update(waitlistEntries).set({ status: "booked" }).where(inArray(waitlistEntries.id, booked));
  if (lapsed.length)
    await tx.update(waitlistEntries).set({ status: "lapsed" }).where(inArray(waitlistEntries.id, lapsed));
  return lapsed.length;
}
