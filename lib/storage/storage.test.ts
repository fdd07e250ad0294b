import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { charges, inventoryItems, invoices, storageReservations, studios, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import { assembleInvoices } from "../billing/invoicing";
import { cancelReservation } from "./cancel-reservation";
import { chargeStorageNights } from "./jobs";
import { collectGoods } from "./collect-goods";
import { createStorageUnit } from "./create-storage-unit";
import { reserveUnit } from "./reserve-unit";
import { storageBoard } from "./board";
import { storeGoods } from "./store-goods";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`);

async function world() {
  const db = testDb();
  const w = await bookingWorld(db);
  const unit = await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "U1", size: "M", nightlyRate: 12.5 });
  if (!unit.ok) throw new Error(unit.error);
  return { db, w, unit: unit.value, scope: { workspaceId: w.workspace.id } };
}

describe("overnight storage", () => {
  it("a creator reserves 3 nights, checks in 2 boxes and gets 3 nightly charges, once however often the job runs", async () => {
    const { db, w, unit, scope } = await world();
    const r = await reserveUnit(
      db,
      w.creator.actor,
      { unitId: unit.id, firstNight: "2026-12-02", lastNight: "2026-12-04" },
      now,
    );
    if (!r.ok) throw new Error(r.error);
    expect(
      await storeGoods(
        db,
        w.creator.actor,
        r.value.id,
        { items: [{ sku: "BOX-1", name: "Ring lights", quantity: 1 }] },
        now,
      ),
    ).toMatchObject({ ok: false, error: "wrong_status" });
    const stored = await storeGoods(
      db,
      w.creator.actor,
      r.value.id,
      {
        items: [
          { sku: "BOX-1", name: "Ring lights", quantity: 1 },
          { sku: "BOX-2", name: "Stock", quantity: 1 },
        ],
      },
      la("2026-12-02T20:00:00"),
    );
    expect(stored).toMatchObject({ ok: true, value: { status: "active" } });
    expect(await chargeStorageNights(db, la("2026-12-02T23:00:00"), scope)).toBe(0); // the first night is not over
    const after = la("2026-12-05T09:00:00");
    await chargeStorageNights(db, after, scope);
    await Promise.all([chargeStorageNights(db, after, scope), chargeStorageNights(db, after, scope)]);
    const rows = await db.select().from(charges).where(eq(charges.storageReservationId, r.value.id));
    expect(rows.map((c) => [c.idempotencyKey.split(":").slice(2).join(":"), c.amountCents]).sort()).toEqual([
      ["2026-12-02", 1250],
      ["2026-12-03", 1250],
      ["2026-12-04", 1250],
    ]);
    // Collected on time: no overrun.
    expect(await collectGoods(db, w.creator.actor, r.value.id, after)).toMatchObject({ ok: true, value: { units: 2 } });
    await chargeStorageNights(db, la("2026-12-08T09:00:00"), scope);
    expect(await db.select().from(charges).where(eq(charges.storageReservationId, r.value.id))).toHaveLength(3);
    // One invoice for the reservation's nights.
    await assembleInvoices(db, la("2026-12-08T09:00:00"), false, scope);
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(inv).toMatchObject({ amountDueCents: 3750, description: "Storage unit U1: overnight storage" });
    const ledger = await db.execute(
      sql`select ii.on_hand, coalesce((select sum(m.quantity_delta) from inventory_movements m where m.inventory_item_id = ii.id), 0)::int as moved from inventory_items ii where ii.workspace_id = ${w.workspace.id}`,
    );
    expect(ledger.every((l) => Number(l.on_hand) === Number(l.moved) && Number(l.on_hand) === 0)).toBe(true);
  });

  it("flags goods left after the reserved nights and charges each extra night at the overrun rate", async () => {
    const { db, w, unit, scope } = await world();
    await db
      .update(workspaces)
      .set({ policies: { storageOverrunPercent: 200 } })
      .where(eq(workspaces.id, w.workspace.id));
    const r = await reserveUnit(
      db,
      w.creator.actor,
      { unitId: unit.id, firstNight: "2026-12-02", lastNight: "2026-12-02" },
      now,
    );
    if (!r.ok) throw new Error(r.error);
    await storeGoods(
      db,
      w.creator.actor,
      r.value.id,
      { items: [{ sku: "BOX-1", name: "Stock", quantity: 3 }] },
      la("2026-12-02T20:00:00"),
    );
    const late = la("2026-12-05T09:00:00");
    await chargeStorageNights(db, late, scope);
    const rows = await db.select().from(charges).where(eq(charges.storageReservationId, r.value.id));
    expect(rows.map((c) => [c.idempotencyKey.replace(`:${r.value.id}`, ""), c.amountCents]).sort()).toEqual([
      ["storage_night:2026-12-02", 1250],
      ["storage_overrun:2026-12-03", 2500],
      ["storage_overrun:2026-12-04", 2500],
    ]);
    const board = await storageBoard(db, w.staff.actor, w.studio.id, "2026-12-01", 7, late);
    expect(board?.units[0].reservations[0]).toMatchObject({ overdue: true });
    // The unit cannot be reserved again while the goods are still in it.
    expect(
      await reserveUnit(
        db,
        w.creator2.actor,
        { unitId: unit.id, firstNight: "2026-12-06", lastNight: "2026-12-07" },
        late,
      ),
    ).toMatchObject({ ok: false, error: "taken" });
  });

  it(`never lets two reservations share a night of a unit (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, unit } = await world();
    const creators = await Promise.all(Array.from({ length: 6 }, () => makeMember(db, w.workspace.id, "creator")));
    const results = await Promise.all(
      creators.map((c, i) =>
        reserveUnit(
          db,
          c.actor,
          { unitId: unit.id, firstNight: `2026-12-0${2 + (i % 3)}`, lastNight: "2026-12-06" },
          now,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error === "taken")).toHaveLength(5);
    const rows = await db.select().from(storageReservations).where(eq(storageReservations.unitId, unit.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses past nights, long stays, another creator's reservation and another studio's staff; cancels before the first night", async () => {
    const { db, w, unit } = await world();
    expect(
      await reserveUnit(
        db,
        w.creator.actor,
        { unitId: unit.id, firstNight: "2026-11-30", lastNight: "2026-12-02" },
        now,
      ),
    ).toMatchObject({ ok: false, error: "invalid" });
    const r = await reserveUnit(
      db,
      w.creator.actor,
      { unitId: unit.id, firstNight: "2026-12-03", lastNight: "2026-12-04" },
      now,
    );
    if (!r.ok) throw new Error(r.error);
    expect(
      await storeGoods(
        db,
        w.creator2.actor,
        r.value.id,
        { items: [{ sku: "X", name: "x", quantity: 1 }] },
        la("2026-12-03T20:00:00"),
      ),
    ).toMatchObject({ ok: false, error: "not_found" });
    const other = await makeWorkspace(db);
    const outsider = await makeMember(db, other.workspace.id, "staff");
    expect(await cancelReservation(db, outsider.actor, r.value.id, now)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    const elsewhere = await makeMember(db, w.workspace.id, "staff", { studioIds: [] });
    expect(await cancelReservation(db, elsewhere.actor, r.value.id, now)).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    expect(await cancelReservation(db, w.creator.actor, r.value.id, now)).toMatchObject({
      ok: true,
      value: { status: "cancelled" },
    });
    await chargeStorageNights(db, la("2026-12-06T09:00:00"), { workspaceId: w.workspace.id });
    expect(await db.select().from(charges).where(eq(charges.storageReservationId, r.value.id))).toHaveLength(0);
    expect(
      await db
        .select()
        .from(inventoryItems)
        .where(and(eq(inventoryItems.workspaceId, w.workspace.id))),
    ).toHaveLength(0);
  });

  it("takes the nightly rate in the workspace currency: $12.50 is 1250 cents, ¥3000 is 3000 yen, ¥3000.5 is refused", async () => {
    const { db, w, unit } = await world();
    expect(unit.nightlyRateCents).toBe(1250);
    expect(
      await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "U2", size: "S", nightlyRate: 19.99 }),
    ).toMatchObject({ ok: true, value: { nightlyRateCents: 1999 } });
    await db.update(studios).set({ currency: "JPY" }).where(eq(studios.id, w.studio.id)); // the studio's currency, not the workspace's
    expect(
      await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "Y1", size: "M", nightlyRate: 3000 }),
    ).toMatchObject({ ok: true, value: { nightlyRateCents: 3000 } });
    expect(
      await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "Y2", size: "M", nightlyRate: 3000.5 }),
    ).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { nightlyRate: ["JPY has no decimals: enter a whole amount like 6500"] },
    });
    // Refused before anything was written: the code is still free.
    expect(
      await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "Y2", size: "M", nightlyRate: "3000" }),
    ).toMatchObject({ ok: true, value: { nightlyRateCents: 3000 } });
  });
});
