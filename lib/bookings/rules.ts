import { overtimeCharges } from "../billing/session-charges";
import type { Policies } from "../policies/policies";
import { MINUTE_MS, minutesAfter } from "@/kernel/time";

/**
 * The floor's rules about time in a room, pure (no database): the booking page, the run sheet and the no-show
 * sweep decide with the same functions.
 */

/** The statuses in which a booking occupies its room (and its turnover): the one home of the list (the database's exclusion constraint says the same, db/migrations/0001). */
export const OCCUPYING = ["held", "confirmed", "checked_in"] as const;

/** Whether a booking in this status holds its room. */
export function occupiesRoom(status: string): boolean {
  return (OCCUPYING as readonly string[]).includes(status);
}

/** When a hold made now runs out: the workspace's hold minutes later. */
export function holdExpiresAt(now: Date, holdMinutes: number): Date {
  return minutesAfter(now, holdMinutes);
}

/** Whether a held booking's hold has run out by `now` (a hold without an end never counts as live). */
export function holdLapsed(b: { holdExpiresAt: Date | null }, now: Date): boolean {
  return !b.holdExpiresAt || b.holdExpiresAt <= now;
}

/** What overtime costs in a room: the room's rate and the workspace's overtime policies, in the booking's currency. */
export type OvertimeTerms = { hourlyRateCents: number; ratePercent: number; graceMinutes: number; currency: string };

export const overtimeTerms = (
  room: { hourlyRateCents: number },
  policies: Pick<Policies, "overtimeRatePercent" | "overtimeGraceMinutes">,
  currency: string,
): OvertimeTerms => ({
  hourlyRateCents: room.hourlyRateCents,
  ratePercent: policies.overtimeRatePercent,
  graceMinutes: policies.overtimeGraceMinutes,
  currency,
});

export type Overrun = { minutes: number; blocks: number; overtimeCents: number; currency: string };

/**
 * A session still checked in after its booked end is overrunning: by how many whole minutes, and the overtime a
 * check-out now would charge (worked out by the check-out's own rule, so what is flagged is what is charged).
 * Null for any other session, and within the first minute after the end.
 */
export function overrunOf(
  b: { id: string; code: string; status: string; endsAt: Date },
  terms: OvertimeTerms,
  now: Date,
): Overrun | null {
  const minutes = Math.floor((now.getTime() - b.endsAt.getTime()) / MINUTE_MS);
  if (b.status !== "checked_in" || minutes < 1) return null;
  const blocks = overtimeCharges({ bookingId: b.id, code: b.code, endsAt: b.endsAt, endedAt: now, ...terms });
  return {
    minutes,
    blocks: blocks.length,
    overtimeCents: blocks.reduce((n, c) => n + c.amountCents, 0),
    currency: terms.currency,
  };
}

/** What came before a session in its room: a session still checked in (occupying it), and when the last one that ran into this session's time was checked out. */
export type RoomBefore = {
  occupiedBy: { id: string; code: string; endsAt: Date; creatorName: string } | null;
  freedAt: Date | null;
};

/**
 * When a confirmed session nobody checked in to becomes a no-show: the grace period after its start, or after the
 * moment an earlier session that overran into it was checked out (the creator could not get in before). Null
 * while an earlier session is still checked in: nobody is a no-show for a room they could not enter.
 */
export function noShowDueAt(b: { startsAt: Date }, graceMinutes: number, room: RoomBefore): Date | null {
  if (room.occupiedBy) return null;
  const from = room.freedAt && room.freedAt > b.startsAt ? room.freedAt : b.startsAt;
  return new Date(from.getTime() + graceMinutes * MINUTE_MS);
}

/** Whether a booking can be checked in at `now`: from the policy's minutes before its start until its end. */
export function checkInOpen(b: { startsAt: Date; endsAt: Date }, checkInOpensMinutes: number, now: Date): boolean {
  return now.getTime() >= b.startsAt.getTime() - checkInOpensMinutes * MINUTE_MS && now < b.endsAt;
}
