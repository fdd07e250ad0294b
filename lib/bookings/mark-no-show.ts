import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { Db } from "@/db/client";
import { type Actor } from "../auth/permissions";
import { getPolicies } from "../policies/policies";
import { fail, ok, type Result } from "../result";
import { roomOccupancy } from "./room-occupancy";
import { noShowDueAt } from "./rules";
import { lockRoomOfBooking } from "./waitlist-offers";
import { Booking, OperateError, lockForFloor, applyNoShow } from "./floor-access";
import { minutesAfter } from "@/kernel/time";

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
      const freed = due > minutesAfter(b.startsAt, noShowGraceMinutes);
      return fail("too_early", {
        message: freed
          ? `The session before this one left the room at ${format(room.freedAt!, "HH:mm", { in: tz(found.value.studio.timeZone) })}: the creator can be marked a no-show ${noShowGraceMinutes} minutes after that.`
          : `A creator can be marked a no-show ${noShowGraceMinutes} minutes after the start.`,
      });
    }
    return ok(await applyNoShow(tx, found.value, actor.userId, now, reason || "Marked by staff"));
  });
}
