import { addDays, format } from "date-fns";
import { localDate } from "../studios/local-time";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { storageReservations, storageUnits, studios } from "@/db/schema";
import { divideRoundHalfUp } from "../pricing/divide-round-half-up";
import { logger } from "../logger";
import { withTax, type ChargeDraft } from "../billing/session-charges";
import { writeChargeRows } from "../billing/write-charges";
import { getPolicies } from "../policies/policies";
import { taxSettingsOf } from "../pricing";
import { nightsBetween } from "./rules";
import { addNights } from "./nights";

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
    const lastPassed = addNights(today, -1); // a night is over once its date is past
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
      for (const night of nightsBetween(addNights(r.lastNight, 1), lastPassed)) {
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
