import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { bookings } from "@/db/schema";
import { type Actor } from "../auth/permissions";
import { getPolicies } from "../policies/policies";
import { localDate } from "../studios/local-time";
import { fail, type Result } from "../result";
import { compactCode } from "@/kernel/ids";
import { Booking, OperateError, lockForFloor, checkInLocked } from "./floor-access";
import { checkInOpen } from "./rules";

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
