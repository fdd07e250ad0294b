import { and, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { storageReservations, storageUnits, studios } from "@/db/schema";
import { actsForSelfOnly, can, canOperateStudio, ownsAsCreator, type Actor } from "../auth/permissions";
import { fail, ok } from "../result";

/** A unit of the actor's workspace with its studio (the unit locked with `lock`), or null. */
export async function unitWithStudio(tx: DbOrTx, actor: Actor, unitId: string, lock = false) {
  const q = tx
    .select({ unit: storageUnits, studio: studios })
    .from(storageUnits)
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .where(and(eq(storageUnits.id, unitId), eq(storageUnits.workspaceId, actor.workspaceId)));
  const [row] = lock ? await q.for("update", { of: storageUnits }) : await q;
  return row ?? null;
}

/** A reservation the actor may act on, locked: its own for a creator, its studios' for staff, any for managers. */
export async function lockReservation(tx: Tx, actor: Actor, reservationId: string) {
  const [row] = await tx
    .select({ reservation: storageReservations, unit: storageUnits, studio: studios })
    .from(storageReservations)
    .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .where(and(eq(storageReservations.id, reservationId), eq(storageReservations.workspaceId, actor.workspaceId)))
    .for("update", { of: storageReservations });
  if (!row) return fail("not_found" as const);
  const own = ownsAsCreator(actor, row.reservation);
  if (actsForSelfOnly(actor) && !own) return fail("not_found" as const);
  // A role with no storage at all (a brand) is not told that the reservation exists.
  if (!own && (!can(actor, "storage.board") || !canOperateStudio(actor, row.studio.id)))
    return fail(can(actor, "storage.use") ? ("forbidden" as const) : ("not_found" as const), {
      message: "You do not work in this studio.",
    });
  return ok(row);
}
