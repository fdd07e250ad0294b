import type { Db } from "@/db/client";
import { type Actor } from "../auth/permissions";
import { type Result } from "../result";
import { Booking, OperateError, lockForFloor, checkInLocked } from "./floor-access";

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
