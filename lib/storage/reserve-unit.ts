import { localDate } from "../studios/local-time";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, memberships, storageReservations } from "@/db/schema";
import { actsForSelfOnly, can, canBeBookedFor, canOperateStudio, type Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { isExclusionViolation } from "../bookings/create-booking";
import type { ReserveUnitInput } from "./schemas";
import type { StorageError } from "./rules";
import { unitWithStudio } from "./access";

type Reservation = typeof storageReservations.$inferSelect;

/**
 * Reserves a unit for a range of nights: a creator for themselves, staff (their studios), managers and owners for a
 * creator. The exclusion constraint makes two reservations of one unit for one night impossible; goods still in a
 * unit after their reservation ended (an overrun) also keep it from being reserved again until they are collected.
 */
export async function reserveUnit(
  db: Db,
  actor: Actor,
  input: ReserveUnitInput,
  now: Date,
): Promise<Result<Reservation & { currency: string }, StorageError>> {
  if (!can(actor, "storage.use")) return fail("forbidden", { message: "Your role cannot reserve storage." });
  return db.transaction(async (tx) => {
    const found = await unitWithStudio(tx, actor, input.unitId, true);
    if (!found || !found.unit.active) return fail("not_found", { message: "There is no such storage unit." });
    const { unit, studio } = found;
    let creatorId = actor.userId;
    if (!actsForSelfOnly(actor)) {
      if (!canOperateStudio(actor, studio.id)) return fail("forbidden", { message: "You do not work in this studio." });
      if (!input.creatorId) return fail("invalid", { fieldErrors: { creatorId: ["Choose the creator it is for"] } });
      const [m] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, input.creatorId)));
      if (!canBeBookedFor(m?.role))
        return fail("invalid", { fieldErrors: { creatorId: ["Choose a creator of this workspace"] } });
      creatorId = input.creatorId;
    } else if (input.creatorId && input.creatorId !== actor.userId) {
      return fail("forbidden", { message: "Creators reserve only for themselves." });
    }
    const today = localDate(now, studio.timeZone);
    if (input.firstNight < today)
      return fail("invalid", { fieldErrors: { firstNight: ["The first night has already passed"] } });
    const [overrun] = await tx
      .select({ id: storageReservations.id })
      .from(storageReservations)
      .where(
        and(
          eq(storageReservations.unitId, unit.id),
          eq(storageReservations.status, "active"),
          sql`${storageReservations.lastNight} < ${input.firstNight}`,
          sql`${storageReservations.lastNight} < ${today}`,
        ),
      );
    if (overrun) return fail("taken", { message: `Unit ${unit.code} still holds goods from an earlier reservation.` });
    try {
      const [row] = await tx.transaction((sp) =>
        sp
          .insert(storageReservations)
          .values({
            workspaceId: actor.workspaceId,
            unitId: unit.id,
            creatorId,
            firstNight: input.firstNight,
            lastNight: input.lastNight,
            nightlyRateCents: unit.nightlyRateCents,
            createdBy: actor.userId,
            createdAt: now,
          })
          .returning(),
      );
      await tx.insert(auditLog).values({
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "storage.reserved",
        subjectType: "storage_reservation",
        subjectId: row.id,
        data: { unit: unit.code, firstNight: input.firstNight, lastNight: input.lastNight },
      });
      return ok({ ...row, currency: found.studio.currency });
    } catch (err) {
      if (!isExclusionViolation(err)) throw err;
      return fail("taken", { message: `Unit ${unit.code} is already reserved for some of these nights.` });
    }
  });
}
