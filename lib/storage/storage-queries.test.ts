import { describe, expect, it } from "vitest";
import { studios } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { createStorageUnit } from "./create-storage-unit";
import { listReservations } from "./board";
import { reserveUnit } from "./reserve-unit";
import { storeGoods } from "./store-goods";
import { boardStudios, goodsByReservation, reservableUnits } from "./storage-queries";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");

describe("storage screens' reads", () => {
  it("offer creators every unit, staff only their studios' units and board, and list what is in each unit", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const [other] = await db
      .insert(studios)
      .values({ workspaceId: w.workspace.id, currency: "USD", name: "Other studio", timeZone: "Asia/Shanghai" })
      .returning();
    const here = await createStorageUnit(db, w.manager.actor, w.studio.id, { code: "U1", size: "S", nightlyRate: 10 });
    const there = await createStorageUnit(db, w.manager.actor, other.id, { code: "U9", size: "L", nightlyRate: 30 });
    if (!here.ok || !there.ok) throw new Error("units");

    expect((await reservableUnits(db, w.creator.actor)).map((u) => u.code).sort()).toEqual(["U1", "U9"]);
    expect((await reservableUnits(db, w.staff.actor)).map((u) => u.code)).toEqual(["U1"]);
    expect((await reservableUnits(db, w.manager.actor)).map((u) => u.code).sort()).toEqual(["U1", "U9"]);
    const brand = await makeMember(db, w.workspace.id, "brand", { brandName: "Brand" });
    expect(await reservableUnits(db, brand.actor)).toEqual([]);
    expect((await boardStudios(db, w.staff.actor)).map((s) => s.id)).toEqual([w.studio.id]);
    expect(await boardStudios(db, w.creator.actor)).toEqual([]);
    expect((await boardStudios(db, w.manager.actor)).map((s) => s.id).sort()).toEqual([w.studio.id, other.id].sort());

    const mine = await reserveUnit(
      db,
      w.creator.actor,
      { unitId: here.value.id, firstNight: "2026-12-01", lastNight: "2026-12-02" },
      now,
    );
    const theirs = await reserveUnit(
      db,
      w.creator2.actor,
      { unitId: there.value.id, firstNight: "2026-12-02", lastNight: "2026-12-02" },
      now,
    );
    if (!mine.ok || !theirs.ok) throw new Error("reservations");
    await storeGoods(
      db,
      w.creator.actor,
      mine.value.id,
      {
        items: [
          { sku: "BOX-2", name: "Props", quantity: 2 },
          { sku: "BOX-1", name: "Lights", quantity: 1 },
        ],
      },
      now,
    );
    const rows = await listReservations(db, w.manager.actor);
    const goods = await goodsByReservation(db, w.manager.actor, rows);
    expect(goods.get(mine.value.id)).toEqual([
      { sku: "BOX-1", name: "Lights", onHand: 1 },
      { sku: "BOX-2", name: "Props", onHand: 2 },
    ]);
    expect(goods.has(theirs.value.id)).toBe(false); // nothing checked in yet
  });
});
