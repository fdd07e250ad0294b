import { addDays, format } from "date-fns";
import { localDate } from "../studios/local-time";
import { and, asc, eq, gt, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import {
  auditLog,
  inventoryItems,
  memberships,
  storageLocations,
  storageReservations,
  storageUnits,
  studios,
  users,
} from "@/db/schema";
import {
  actsForSelfOnly,
  can,
  canBeBookedFor,
  canOperateStudio,
  ownsAsCreator,
  storageReservationScope,
  type Actor,
} from "../auth/permissions";
import { scopeWhere } from "../auth/permissions/scope-sql";
import { divideRoundHalfUp } from "../pricing/divide-round-half-up";
import { logger } from "../logger";
import { toMinorUnits } from "../money";
import { withTax, type ChargeDraft } from "../billing/session-charges";
import { writeChargeRows } from "../billing/write-charges";
import { getPolicies } from "../policies/policies";
import { taxSettingsOf } from "../pricing";
import { fail, ok, type Result } from "../result";
import { isExclusionViolation } from "../bookings/create-booking";
import { applyMovement, lockStockRow, stockTransaction } from "../samples/stock";
import type { ReserveUnitInput, StoreGoodsInput } from "./schemas";

type Unit = typeof storageUnits.$inferSelect;
type Reservation = typeof storageReservations.$inferSelect;
export type StorageError = "not_found" | "forbidden" | "invalid" | "taken" | "wrong_status" | "insufficient";

const nextDay = (day: string) => format(addDays(new Date(`${day}T12:00:00Z`), 1), "yyyy-MM-dd");
const nightsBetween = (first: string, last: string) => {
  const out: string[] = [];
  for (let d = first; d <= last; d = nextDay(d)) out.push(d);
  return out;
};

/** A unit of a studio, with the inventory place its goods sit in. Owners and managers set units up. */
export async function createStorageUnit(
  db: Db,
  actor: Actor,
  studioId: string,
  input: { code: string; size: string; nightlyRate: number | string },
): Promise<Result<Unit & { currency: string }, StorageError>> {
  if (!can(actor, "storage.manage"))
    return fail("forbidden", { message: "Only owners and managers set up storage units." });
  return db.transaction(async (tx) => {
    const [studio] = await tx
      .select({ id: studios.id, currency: studios.currency })
      .from(studios)
      .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
    if (!studio) return fail("not_found");
    // The rate is typed in the studio's currency, whose minor unit may not be a cent (JPY has none).
    const rate = toMinorUnits(input.nightlyRate, studio.currency);
    if (!rate.ok) return fail("invalid", { fieldErrors: { nightlyRate: [rate.message] } });
    const [loc] = await tx
      .insert(storageLocations)
      .values({ workspaceId: actor.workspaceId, studioId, code: `Unit ${input.code}`, kind: "unit" })
      .onConflictDoNothing()
      .returning();
    if (!loc)
      return fail("invalid", {
        fieldErrors: { code: [`A place called “Unit ${input.code}” already exists in this studio`] },
      });
    const [unit] = await tx
      .insert(storageUnits)
      .values({
        workspaceId: actor.workspaceId,
        studioId,
        code: input.code,
        size: input.size,
        nightlyRateCents: rate.minor,
        locationId: loc.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!unit) return fail("invalid", { fieldErrors: { code: [`Unit ${input.code} already exists in this studio`] } });
    await tx.insert(auditLog).values({
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "storage_unit.created",
      subjectType: "storage_unit",
      subjectId: unit.id,
      data: { code: input.code },
    });
    return ok({ ...unit, currency: studio.currency });
  });
}

async function unitWithStudio(tx: DbOrTx, actor: Actor, unitId: string, lock = false) {
  const q = tx
    .select({ unit: storageUnits, studio: studios })
    .from(storageUnits)
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .where(and(eq(storageUnits.id, unitId), eq(storageUnits.workspaceId, actor.workspaceId)));
  const [row] = lock ? await q.for("update", { of: storageUnits }) : await q;
  return row ?? null;
}

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

async function lockReservation(tx: Tx, actor: Actor, reservationId: string) {
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

/** Goods into the unit (the creator's own, written to the inventory ledger as "stored"), from its first night on. */
export async function storeGoods(
  db: Db,
  actor: Actor,
  reservationId: string,
  input: StoreGoodsInput,
  now: Date,
): Promise<Result<Reservation, StorageError>> {
  return stockTransaction(db, async (tx): Promise<Result<Reservation, StorageError>> => {
    const found = await lockReservation(tx, actor, reservationId);
    if (!found.ok) return found;
    const { reservation: r, unit, studio } = found.value;
    if (r.status !== "reserved" && r.status !== "active")
      return fail("wrong_status", { message: `This reservation is ${r.status}.` });
    const today = localDate(now, studio.timeZone);
    if (today < r.firstNight) return fail("wrong_status", { message: `Goods can be checked in from ${r.firstNight}.` });
    if (!unit.locationId) throw new Error(`storage unit ${unit.id} has no location`);
    for (const item of input.items) {
      const row = await lockStockRow(
        tx,
        {
          workspaceId: r.workspaceId,
          studioId: studio.id,
          shipmentItemId: null,
          locationId: unit.locationId,
          ownerBrandId: null,
          ownerCreatorId: r.creatorId,
          sku: item.sku,
          name: item.name,
        },
        now,
      );
      const stored = await applyMovement(tx, row, {
        kind: "stored",
        delta: item.quantity,
        toLocationId: unit.locationId,
        actorUserId: actor.userId,
        reason: `Stored in unit ${unit.code}`,
        now,
      });
      if (!stored.ok) return stored;
    }
    const [row] = await tx
      .update(storageReservations)
      .set({ status: "active", checkedInAt: r.checkedInAt ?? now })
      .where(eq(storageReservations.id, r.id))
      .returning();
    await tx.insert(auditLog).values({
      workspaceId: r.workspaceId,
      actorUserId: actor.userId,
      action: "storage.goods_in",
      subjectType: "storage_reservation",
      subjectId: r.id,
      data: { items: input.items },
    });
    return ok(row);
  });
}

/** Everything in the unit goes back to the creator ("collected"); the reservation ends. Nights already reserved stay owed. */
export async function collectGoods(
  db: Db,
  actor: Actor,
  reservationId: string,
  now: Date,
): Promise<Result<{ reservation: Reservation; units: number }, StorageError>> {
  return stockTransaction(
    db,
    async (tx): Promise<Result<{ reservation: Reservation; units: number }, StorageError>> => {
      const found = await lockReservation(tx, actor, reservationId);
      if (!found.ok) return found;
      const { reservation: r, unit } = found.value;
      if (r.status !== "active")
        return fail("wrong_status", {
          message: r.status === "ended" ? "The goods were already collected." : "Nothing is stored in this unit yet.",
        });
      const rows = await tx
        .select()
        .from(inventoryItems)
        .where(
          and(
            eq(inventoryItems.locationId, unit.locationId!),
            eq(inventoryItems.ownerCreatorId, r.creatorId),
            gt(inventoryItems.onHand, 0),
          ),
        )
        .orderBy(asc(inventoryItems.id))
        .for("update");
      let units = 0;
      for (const row of rows) {
        units += row.onHand;
        const collected = await applyMovement(tx, row, {
          kind: "collected",
          delta: -row.onHand,
          damagedDelta: -row.damaged,
          fromLocationId: unit.locationId,
          actorUserId: actor.userId,
          reason: `Collected from unit ${unit.code}`,
          now,
        });
        if (!collected.ok) return fail("insufficient", { message: "The stock changed meanwhile; try again." });
      }
      const [row] = await tx
        .update(storageReservations)
        .set({ status: "ended", checkedOutAt: now })
        .where(eq(storageReservations.id, r.id))
        .returning();
      await tx.insert(auditLog).values({
        workspaceId: r.workspaceId,
        actorUserId: actor.userId,
        action: "storage.goods_out",
        subjectType: "storage_reservation",
        subjectId: r.id,
        data: { units },
      });
      return ok({ reservation: row, units });
    },
  );
}

/**
 * The nightly job: every night of a reservation that has passed (on the studio's clock) becomes one storage_night
 * charge at the rate reserved, keyed by reservation and date, so running it twice (or on two instances) charges
 * once. Goods still in a unit after the reserved nights are an overrun: each extra night is charged at the
 * policy's overrun percentage. Cancelled reservations cost nothing.
 */
export async function chargeStorageNights(db: Db, now: Date, opts: { workspaceId?: string } = {}) {
  const rows = await db
    .select({
      reservation: storageReservations,
      unitCode: storageUnits.code,
      timeZone: studios.timeZone,
      currency: studios.currency,
      taxMode: studios.taxMode,
      taxSource: studios.taxSource,
      taxRate: studios.taxRate,
      taxName: studios.taxName,
    })
    .from(storageReservations)
    .innerJoin(storageUnits, eq(storageUnits.id, storageReservations.unitId))
    .innerJoin(studios, eq(studios.id, storageUnits.studioId))
    .where(
      and(
        inArray(storageReservations.status, ["reserved", "active", "ended"]),
        sql`(${storageReservations.status} = 'active' or ${storageReservations.lastNight} >= ${format(addDays(now, -40), "yyyy-MM-dd")})`,
        opts.workspaceId ? eq(storageReservations.workspaceId, opts.workspaceId) : undefined,
      ),
    );
  let written = 0;
  const overrunPercent = new Map<string, number>();
  for (const { reservation: r, unitCode, timeZone, currency, ...studioTax } of rows) {
    // Each night is taxed on its own (it is its own charge), by the studio's tax when the night is charged.
    const tax = taxSettingsOf(studioTax);
    const today = localDate(now, timeZone);
    const lastPassed = format(addDays(new Date(`${today}T12:00:00Z`), -1), "yyyy-MM-dd"); // a night is over once its date is past
    const drafts: ChargeDraft[] = [];
    const reserved = nightsBetween(r.firstNight, r.lastNight < lastPassed ? r.lastNight : lastPassed);
    for (const night of reserved) {
      drafts.push({
        kind: "storage_night",
        description: `Storage unit ${unitCode}, night of ${night}`,
        quantity: 1,
        unitAmountCents: r.nightlyRateCents,
        amountCents: r.nightlyRateCents,
        currency,
        idempotencyKey: `storage_night:${r.id}:${night}`,
      });
    }
    if (r.status === "active" && r.lastNight < lastPassed) {
      if (!overrunPercent.has(r.workspaceId))
        overrunPercent.set(r.workspaceId, (await getPolicies(db, r.workspaceId)).storageOverrunPercent);
      const rate = divideRoundHalfUp(r.nightlyRateCents * overrunPercent.get(r.workspaceId)!, 100);
      for (const night of nightsBetween(nextDay(r.lastNight), lastPassed)) {
        drafts.push({
          kind: "storage_night",
          description: `Storage unit ${unitCode}, overrun night of ${night} (goods not collected)`,
          quantity: 1,
          unitAmountCents: rate,
          amountCents: rate,
          currency,
          idempotencyKey: `storage_overrun:${r.id}:${night}`,
        });
      }
    }
    const priced = drafts
      .filter((d) => d.amountCents > 0)
      .flatMap((d) => withTax([d], tax, { key: d.idempotencyKey, single: true }));
    if (priced.length === 0) continue;
    try {
      const rows = priced.map((d) => ({
        ...d,
        workspaceId: r.workspaceId,
        creatorId: r.creatorId,
        storageReservationId: r.id,
        createdAt: now,
      }));
      written += await db.transaction((tx) => writeChargeRows(tx, rows));
    } catch (err) {
      // One reservation's nights that cannot be written are logged and tried again next pass; the others go on.
      logger.error(
        { err, storageReservationId: r.id },
        "storage nights could not be charged for a reservation; the others were",
      );
    }
  }
  return written;
}

/** The storage board: units × nights from `from` for `days`, with who is in each and which are overdue. */
export async function storageBoard(db: DbOrTx, actor: Actor, studioId: string, from: string, days: number, now: Date) {
  if (!can(actor, "storage.board") || !canOperateStudio(actor, studioId)) return null;
  const [studio] = await db
    .select()
    .from(studios)
    .where(and(eq(studios.id, studioId), eq(studios.workspaceId, actor.workspaceId)));
  if (!studio) return null;
  const nights = nightsBetween(from, format(addDays(new Date(`${from}T12:00:00Z`), days - 1), "yyyy-MM-dd"));
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
