import { localDate } from "../studios/local-time";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, storageReservations } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import type { StorageError } from "./rules";
import { lockReservation } from "./access";

type Reservation = typeof storageReservations.$inferSelect;

/** Cancels a reservation before its first night, while nothing is stored in it. */
export async function cancelReservation(
  db: Db,
  actor: Actor,
  reservationId: string,
  now: Date,
): Promise<Result<Reservation, StorageError>> {
  return db.transaction(async (tx) => {
    const found = await lockReservation(tx, actor, reservationId);
    if (!found.ok) return found;
    const { reservation: r, studio } = found.value;
    if (r.status === "cancelled") return ok(r);
    if (r.status !== "reserved")
      return fail("wrong_status", { message: "Goods are in this unit: check them out instead." });
    if (r.firstNight <= localDate(now, studio.timeZone))
      return fail("wrong_status", { message: "The first night has begun; it can no longer be cancelled." });
    const [row] = await tx
      .update(storageReservations)
      .set({ status: "cancelled", cancelledAt: now })
      .where(eq(storageReservations.id, r.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: r.workspaceId,
      actorUserId: actor.userId,
      action: "storage.cancelled",
      subjectType: "storage_reservation",
      subjectId: r.id,
    });
    return ok(row);
  });
}
