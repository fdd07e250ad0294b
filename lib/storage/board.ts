import { localDate } from "../studios/local-time";
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { storageReservations, storageUnits, studios, users } from "@/db/schema";
import { can, canOperateStudio, storageReservationScope, type Actor } from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { nightsBetween } from "./rules";
import { addNights } from "./nights";

/** The storage board: units × nights from `from` for `days`, with who is in each and which are overdue. */
export async function storageBoard(db: DbOrTx, actor: Actor, studioId: string, from: string, days: number, now: Date) {
  if (!can(actor, "storage.board") || !canOperateStudio(actor, studioId)) return null;
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
  if (!studio) return null;
  const nights = nightsBetween(from, addNights(from, days - 1));
  const units = await db
    .select()
    .from(storageUnits)
    .where(eq(storageUnits.studioId, studioId))
    .orderBy(asc(storageUnits.code));
  const today = localDate(now, studio.timeZone);
  const reservations = units.length
    ? await db
        .select({ reservation: storageReservations, creatorName: users.name, creatorEmail: users.email })
        .from(storageReservations)
        .innerJoin(users, eq(users.id, storageReservations.creatorId))
        .where(
          and(
            inArray(
              storageReservations.unitId,
              units.map((u) => u.id),
            ),
            inArray(storageReservations.status, ["reserved", "active", "ended"]),
            lte(storageReservations.firstNight, nights.at(-1)!),
            sql`(${storageReservations.lastNight} >= ${from} or ${storageReservations.status} = 'active')`,
          ),
        )
    : [];
  return {
    studio,
    nights,
    today,
    units: units.map((u) => ({
      unit: u,
      reservations: reservations
        .filter((r) => r.reservation.unitId === u.id)
        .map((r) => ({ ...r, overdue: r.reservation.status === "active" && r.reservation.lastNight < today })),
    })),
  };
}

/** The reservations an actor sees (`storageReservationScope`: a creator theirs, staff their studios'), newest first. */
export async function listReservations(db: DbOrTx, actor: Actor, opts: { from?: string } = {}) {
  const scope = scopeWhere(actor, storageReservationScope(actor), {
    workspace: storageReservations.workspaceId,
    studio: storageUnits.studioId,
    creator: storageReservations.creatorId,
  });
  return db
    .select({
      reservation: storageReservations,
      unit: storageUnits,
      studioName: studios.name,
      timeZone: studios.timeZone,
      currency: studios.currency,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(storageReservations)
    .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .innerJoin(users, eq(users.id, storageReservations.creatorId))
    .where(and(scope, opts.from ? gte(storageReservations.lastNight, opts.from) : undefined))
    .orderBy(sql`${storageReservations.firstNight} desc`)
    .limit(200);
}
