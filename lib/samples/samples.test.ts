import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  bookingSamples,
  inventoryItems,
  inventoryMovements,
  notifications,
  shipmentEvents,
  shipmentItems,
  shipments,
  webhookDeliveries,
  webhookEndpoints,
  workspaces,
} from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { assignSample } from "./assign-sample";
import { createShipment } from "./create-shipment";
import { cycleCount } from "./cycle-count";
import { listStock } from "./inventory";
import { logUnexpectedBox } from "./log-unexpected-box";
import { moveStock } from "./move-stock";
import { findShipment, findShipmentForDesk, listShipments, sessionsOfShipments } from "./queries";
import { receiveShipment } from "./receive-shipment";
import { returnToShelf } from "./return-to-shelf";
import { createShipmentSchema } from "./schemas";
import { samplesForBookings } from "./session-samples";
import { stageForBooking } from "./stage-for-booking";
import { DAY, ledgerMatchesStock, now, receipt, world } from "@/testing/samples/samples-world";

describe("shipments", () => {
  it("a brand announces a box for a creator's session: a code for the label, items, a timeline entry", async () => {
    const { db, w, brand, shipment, booking } = await world();
    expect(shipment).toMatchObject({ status: "in_transit", brandId: brand.actor.brandId, bookingId: booking.id });
    expect(shipment.code).toMatch(/^SH-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    const detail = await findShipment(db, brand.actor, shipment.id);
    expect(detail?.events.map((e) => e.event.kind)).toEqual(["created"]);
    expect(detail?.events[0].event.message).toContain("3 SKUs, 7 units");
    // Scanned at the desk by code (any case, no dashes) or by tracking number.
    expect((await findShipmentForDesk(db, w.staff.actor, shipment.code.toLowerCase().replace(/-/g, "")))?.id).toBe(
      shipment.id,
    );
    expect((await findShipmentForDesk(db, w.staff.actor, ` ${shipment.trackingNumber!.toLowerCase()} `))?.id).toBe(
      shipment.id,
    );
    expect(await findShipmentForDesk(db, w.staff.actor, "SH-ZZZ-ZZZ")).toBeNull();
  });

  it("refuses bad input and addressing outside the workspace, changing nothing", async () => {
    const { db, w, brand } = await world();
    const other = await bookingWorld(db);
    const bad = createShipmentSchema.safeParse({
      studioId: w.studio.id,
      items: [
        { sku: "A", name: "x", quantity: -1 },
        { sku: "a", name: "y", quantity: 100_001 },
      ],
    });
    expect(bad.success).toBe(false);
    // An impossible date is a field error (it reached Postgres and answered 500).
    for (const expectedOn of ["2026-02-30", "2026-13-01", "2026-04-31"]) {
      const impossible = createShipmentSchema.safeParse({
        studioId: w.studio.id,
        expectedOn,
        items: [{ sku: "A", name: "x", quantity: 1 }],
      });
      expect(impossible.success ? [] : impossible.error.issues.map((i) => i.path.join(".")), expectedOn).toEqual([
        "expectedOn",
      ]);
    }
    expect(
      createShipmentSchema.safeParse({
        studioId: w.studio.id,
        expectedOn: "2028-02-29",
        items: [{ sku: "A", name: "x", quantity: 1 }],
      }).success,
    ).toBe(true);
    const r = await createShipment(
      db,
      brand.actor,
      createShipmentSchema.parse({
        studioId: other.studio.id,
        creatorId: other.creator.user.id,
        items: [{ sku: "A", name: "x", quantity: 1 }],
      }),
      now,
    );
    expect(r).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: {
        studioId: ["Choose a studio of this workspace"],
        creatorId: ["Choose a creator of this workspace"],
      },
    });
    expect(
      await createShipment(
        db,
        w.creator.actor,
        createShipmentSchema.parse({ studioId: w.studio.id, items: [{ sku: "A", name: "x", quantity: 1 }] }),
        now,
      ),
    ).toMatchObject({ ok: false, error: "forbidden" });
  });

  it("stores declared values in the workspace currency's minor units: cents in USD, whole yen in JPY (¥500.5 is refused)", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const brand = await makeMember(db, w.workspace.id, "brand");
    const announce = (items: { sku: string; declaredValue?: number | string }[]) =>
      createShipment(
        db,
        brand.actor,
        createShipmentSchema.parse({
          studioId: w.studio.id,
          items: items.map((i) => ({ name: "Sample", quantity: 1, ...i })),
        }),
        now,
      );
    const values = (r: Awaited<ReturnType<typeof announce>>) =>
      r.ok ? r.value.items.map((i) => [i.sku, i.declaredValueCents]) : r;

    expect(
      values(await announce([{ sku: "A", declaredValue: 19.99 }, { sku: "B", declaredValue: "12.50" }, { sku: "C" }])),
    ).toEqual([
      ["A", 1999],
      ["B", 1250],
      ["C", null],
    ]);
    expect(await announce([{ sku: "A", declaredValue: 0.125 }])).toMatchObject({
      ok: false,
      fieldErrors: { "items.0.declaredValue": ["Use at most 2 decimals in USD, like 65.00"] },
    });

    await db.update(workspaces).set({ currency: "JPY" }).where(eq(workspaces.id, w.workspace.id));
    expect(
      values(
        await announce([
          { sku: "A", declaredValue: 12_000 },
          { sku: "B", declaredValue: "500" },
        ]),
      ),
    ).toEqual([
      ["A", 12_000],
      ["B", 500],
    ]);
    const before = await db
      .select({ id: shipments.id })
      .from(shipments)
      .where(eq(shipments.workspaceId, w.workspace.id));
    expect(
      await announce([
        { sku: "A", declaredValue: 12_000 },
        { sku: "B", declaredValue: 500.5 },
      ]),
    ).toEqual({
      ok: false,
      error: "invalid",
      fieldErrors: { "items.1.declaredValue": ["JPY has no decimals: enter a whole amount like 6500"] },
    });
    const box = {
      studioId: w.studio.id,
      notes: "No label",
      items: [{ sku: "X", name: "Unknown", quantity: 1, declaredValue: 500.5 }],
    };
    expect(await logUnexpectedBox(db, w.staff.actor, box, now)).toMatchObject({
      ok: false,
      fieldErrors: { "items.0.declaredValue": [expect.stringContaining("JPY has no decimals")] },
    });
    expect(
      await db.select({ id: shipments.id }).from(shipments).where(eq(shipments.workspaceId, w.workspace.id)),
    ).toHaveLength(before.length);
  });

  it("shows a brand only its own shipments and stock", async () => {
    const { db, w, brand, otherBrand, shipment, bin, item } = await world();
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    expect((await listShipments(db, brand.actor)).map((r) => r.shipment.id)).toEqual([shipment.id]);
    expect(await listShipments(db, otherBrand.actor)).toEqual([]);
    expect(await findShipment(db, otherBrand.actor, shipment.id)).toBeNull();
    expect((await listStock(db, brand.actor)).map((r) => r.item.onHand)).toEqual([4]);
    expect(await listStock(db, otherBrand.actor)).toEqual([]);
    expect((await listStock(db, w.creator.actor)).length).toBe(1); // addressed to them
    expect(await listStock(db, w.creator2.actor)).toEqual([]);
  });
});

describe("receiving", () => {
  it("receives 2 of 3 SKUs, one damaged: stock and movements, discrepancies, status, emails and the brand's webhook", async () => {
    const { db, w, brand, shipment, bin, item } = await world();
    await db.insert(webhookEndpoints).values({
      workspaceId: w.workspace.id,
      brandId: brand.actor.brandId!,
      url: "http://127.0.0.1:9/hook",
      secret: "whsec_test",
      events: [],
    });
    const r = await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [
        { shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id },
        { shipmentItemId: item("PAL-02").id, received: 2, damaged: 1, locationId: bin.id },
        { shipmentItemId: item("SER-03").id, received: 0 },
      ]),
      now,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.shipment).toMatchObject({ status: "partially_received", version: 1 });
    expect(r.value.discrepancies).toEqual([
      { sku: "PAL-02", name: "Palette", kind: "damaged", quantity: 1 },
      { sku: "SER-03", name: "Serum", kind: "short", quantity: 1 },
    ]);
    const stock = await listStock(db, w.staff.actor);
    expect(stock.map((s) => [s.item.sku, s.item.onHand, s.item.damaged, s.location?.code]).sort()).toEqual([
      ["LIP-01", 4, 0, "A-01"],
      ["PAL-02", 2, 1, "A-01"],
    ]);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
    const kinds = (await db.select().from(shipmentEvents).where(eq(shipmentEvents.shipmentId, shipment.id))).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(["created", "received", "discrepancy"]);
    const mails = await db.select().from(notifications).where(eq(notifications.toEmail, brand.user.email));
    expect(mails.map((m) => m.kind).sort()).toEqual(["shipment.discrepancy", "shipment.received"]);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.toEmail, w.creator.user.email), eq(notifications.kind, "shipment.received"))),
    ).toHaveLength(1);
    const hooks = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, w.workspace.id));
    expect(hooks.map((h) => h.event).sort()).toEqual(["shipment.discrepancy", "shipment.received"]);
  });

  it("refuses counts for items of another shipment, places of another studio and missing places; changes nothing", async () => {
    const { db, w, shipment, item } = await world();
    const other = await world();
    const r = await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [
        { shipmentItemId: other.item("LIP-01").id, received: 1, locationId: other.bin.id },
        { shipmentItemId: item("LIP-01").id, received: 1, locationId: other.bin.id },
      ]),
      now,
    );
    expect(r).toMatchObject({ ok: false, error: "invalid" });
    expect(Object.keys(r.ok ? {} : (r.fieldErrors ?? {})).sort()).toEqual([
      "lines.0.locationId",
      "lines.0.shipmentItemId",
      "lines.1.locationId",
    ]);
    expect(
      await receiveShipment(
        db,
        other.w.staff.actor,
        shipment.id,
        receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 1, locationId: other.bin.id }]),
        now,
      ),
    ).toMatchObject({ ok: false, error: "not_found" });
    const [s] = await db.select().from(shipments).where(eq(shipments.id, shipment.id));
    expect(s).toMatchObject({ status: "in_transit", version: 0 });
    expect(await db.select().from(inventoryItems).where(eq(inventoryItems.workspaceId, w.workspace.id))).toEqual([]);
  });

  it(`never counts one box twice: a double submit is one receipt, and racing counts of one shipment are one (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, shipment, bin, item } = await world();
    const one = receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]);
    const twice = await Promise.all([
      receiveShipment(db, w.staff.actor, shipment.id, one, now),
      receiveShipment(db, w.staff.actor, shipment.id, one, now),
    ]);
    expect(twice.every((r) => r.ok)).toBe(true);
    // Ten staff count the rest at once, each from the same view of the shipment: one count is taken.
    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        receiveShipment(
          db,
          w.manager.actor,
          shipment.id,
          receipt(1, [{ shipmentItemId: item("PAL-02").id, received: 2, locationId: bin.id }]),
          now,
        ),
      ),
    );
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(racing.filter((r) => !r.ok && r.error === "conflict")).toHaveLength(9);
    const items = await db.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, shipment.id));
    expect(Object.fromEntries(items.map((i) => [i.sku, i.quantityReceived]))).toEqual({
      "LIP-01": 4,
      "PAL-02": 2,
      "SER-03": 0,
    });
    const stock = await db.select().from(inventoryItems).where(eq(inventoryItems.workspaceId, w.workspace.id));
    expect(stock.reduce((n, s) => n + s.onHand, 0)).toBe(6);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
  });

  it("never receives a replayed form again: the same receipt is answered as done, an older form's count is refused", async () => {
    const { db, w, shipment, bin, item } = await world();
    const first = receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]);
    expect(await receiveShipment(db, w.staff.actor, shipment.id, first, now)).toMatchObject({
      ok: true,
      value: { already: false },
    });
    // The same submission again (a double click, a retry, the browser's back button): already done, nothing added.
    expect(await receiveShipment(db, w.staff.actor, shipment.id, first, now)).toMatchObject({
      ok: true,
      value: { already: true, shipment: { version: 1 } },
    });
    // A fresh receipt id made from the screen before that receipt (version 0): refused, not added.
    const stale = await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      { ...first, receiptId: crypto.randomUUID() },
      now,
    );
    expect(stale).toMatchObject({ ok: false, error: "conflict" });
    const items = await db.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, shipment.id));
    expect(Object.fromEntries(items.map((i) => [i.sku, i.quantityReceived]))).toEqual({
      "LIP-01": 4,
      "PAL-02": 0,
      "SER-03": 0,
    });
    expect(
      (await db.select().from(inventoryItems).where(eq(inventoryItems.workspaceId, w.workspace.id))).reduce(
        (n, r) => n + r.onHand,
        0,
      ),
    ).toBe(4);
  });

  it("calls nothing missing before the box is counted; after, counts what is missing without letting extras hide it", async () => {
    const { db, w, brand, shipment, bin, item } = await world();
    expect((await findShipment(db, w.staff.actor, shipment.id))?.discrepancies).toEqual([]);
    const listed = async () =>
      (await listShipments(db, brand.actor)).find((r) => r.shipment.id === shipment.id)?.counts;
    expect(await listed()).toEqual({ counted: false, expected: 7, received: 0, missing: 0, extra: 0, issues: 0 });
    // 6 lipsticks (2 more than listed), 1 of 2 palettes, no serum: 7 units came for the 7 announced.
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [
        { shipmentItemId: item("LIP-01").id, received: 6, locationId: bin.id },
        { shipmentItemId: item("PAL-02").id, received: 1, locationId: bin.id },
      ]),
      now,
    );
    expect(await listed()).toEqual({ counted: true, expected: 7, received: 5, missing: 2, extra: 2, issues: 3 });
    expect(
      (await findShipment(db, w.staff.actor, shipment.id))?.discrepancies.map((d) => [d.sku, d.kind, d.quantity]),
    ).toEqual([
      ["LIP-01", "over", 2],
      ["PAL-02", "short", 1],
      ["SER-03", "short", 1],
    ]);
  });

  it("logs an unexpected box, then receives it like any other", async () => {
    const { db, w, bin } = await world();
    const box = await logUnexpectedBox(
      db,
      w.staff.actor,
      {
        studioId: w.studio.id,
        notes: "Label says Glow Cosmetics, no code",
        items: [{ sku: "MYS-1", name: "Unknown jar", quantity: 2 }],
      },
      now,
    );
    expect(box).toMatchObject({ ok: true, value: { unexpected: true, brandId: null } });
    if (!box.ok) return;
    const [it] = await db.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, box.value.id));
    const r = await receiveShipment(
      db,
      w.staff.actor,
      box.value.id,
      receipt(0, [{ shipmentItemId: it.id, received: 2, locationId: bin.id }]),
      now,
    );
    expect(r).toMatchObject({ ok: true, value: { shipment: { status: "received", version: 1 }, discrepancies: [] } });
    // Like any other box: its items are on the shelf, in stock and in the ledger.
    const [received] = await db.select().from(shipmentItems).where(eq(shipmentItems.id, it.id));
    expect(received.quantityReceived).toBe(2);
    const stock = (await listStock(db, w.staff.actor)).filter((s) => s.item.sku === "MYS-1");
    expect(stock.map((s) => [s.item.onHand, s.location?.code])).toEqual([[2, "A-01"]]);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
  });
});

describe("inventory", () => {
  it("moves, stages for the session, returns to the shelf and counts, the ledger always adding up; never below zero", async () => {
    const { db, w, brand, shipment, bin, shelf, booking, item } = await world();
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    const [row] = (await listStock(db, w.staff.actor)).map((r) => r.item);
    expect(
      await moveStock(db, w.staff.actor, row.id, { toLocationId: shelf.id, quantity: 5, reason: "" }, now),
    ).toMatchObject({ ok: false, error: "insufficient", message: "Only 4 of LIP-01 Lipstick are there." });
    // A refused change writes nothing: no movement, and not even the empty row it would have filled on the shelf.
    expect(
      (await listStock(db, w.staff.actor, { onlyOnHand: false })).map((r) => [r.item.onHand, r.location?.code]),
    ).toEqual([[4, "A-01"]]);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
    const moved = await moveStock(
      db,
      w.staff.actor,
      row.id,
      { toLocationId: shelf.id, quantity: 3, reason: "Reorganised" },
      now,
    );
    if (!moved.ok) throw new Error(moved.error);
    const before = await samplesForBookings(db, [booking.id], now);
    expect(before.get(booking.id)?.items.find((i) => i.sku === "LIP-01")?.state).toBe("ready");
    const staged = await stageForBooking(
      db,
      w.staff.actor,
      moved.value.id,
      { bookingId: booking.id, quantity: 3 },
      now,
    );
    if (!staged.ok) throw new Error(staged.error);
    const after = await samplesForBookings(db, [booking.id], now);
    expect(after.get(booking.id)?.items.find((i) => i.sku === "LIP-01")).toMatchObject({
      staged: 3,
      inStudio: 1,
      state: "ready",
    });
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.toEmail, brand.user.email), eq(notifications.kind, "shipment.staged"))),
    ).toHaveLength(1);
    const back = await returnToShelf(db, w.staff.actor, staged.value.id, { toLocationId: bin.id, quantity: 3 }, now);
    expect(back.ok).toBe(true);
    const [binRow] = (await listStock(db, w.staff.actor)).filter((r) => r.location?.code === "A-01").map((r) => r.item);
    const counted = await cycleCount(db, w.staff.actor, binRow.id, { counted: 3, reason: "One missing at count" }, now);
    expect(counted).toMatchObject({ ok: true, value: { variance: -1 } });
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
    const kinds = (
      await db
        .select({ kind: inventoryMovements.kind })
        .from(inventoryMovements)
        .where(eq(inventoryMovements.workspaceId, w.workspace.id))
    ).map((m) => m.kind);
    expect(kinds.sort()).toEqual([
      "adjusted",
      "moved",
      "moved",
      "received",
      "returned_to_shelf",
      "returned_to_shelf",
      "staged",
      "staged",
    ]);
    expect(
      await moveStock(db, w.creator.actor, binRow.id, { toLocationId: shelf.id, quantity: 1, reason: "" }, now),
    ).toMatchObject({ ok: false, error: "forbidden" });
  });

  it(`keeps on-hand equal to the sum of its movements under concurrent moves, never below zero (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, shipment, bin, shelf, item } = await world();
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    const [row] = (await listStock(db, w.staff.actor)).map((r) => r.item);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        moveStock(db, w.staff.actor, row.id, { toLocationId: shelf.id, quantity: 1, reason: "" }, now),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.error === "insufficient")).toHaveLength(4);
    const [source] = await db.select().from(inventoryItems).where(eq(inventoryItems.id, row.id));
    expect(source.onHand).toBe(0);
    expect(await ledgerMatchesStock(db, w.workspace.id)).toBe(0);
  });

  it("puts a session's samples at risk as soon as their box arrives short, saying how many are missing", async () => {
    const { db, w, booking, shipment, bin, item } = await world();
    expect((await samplesForBookings(db, [booking.id], now)).get(booking.id)?.state).toBe("waiting");
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [
        { shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id },
        { shipmentItemId: item("PAL-02").id, received: 1, locationId: bin.id },
        { shipmentItemId: item("SER-03").id, received: 1, locationId: bin.id },
      ]),
      now,
    );
    // Two days before the session, the box expected in time: without the count it would still say "waiting".
    const samples = (await samplesForBookings(db, [booking.id], now)).get(booking.id);
    expect(samples?.state).toBe("at_risk");
    expect(samples?.items.map((i) => [i.sku, i.state, i.missing]).sort()).toEqual([
      ["LIP-01", "ready", 0],
      ["PAL-02", "at_risk", 1],
      ["SER-03", "ready", 0],
    ]);
  });

  it("shows a session's samples waiting, then at risk a day before it when still missing", async () => {
    const { db, w, booking, item, shipment } = await world();
    const early = await samplesForBookings(db, [booking.id], now);
    expect(early.get(booking.id)?.state).toBe("waiting");
    const dayBefore = new Date(booking.startsAt.getTime() - DAY + 1000);
    expect((await samplesForBookings(db, [booking.id], dayBefore)).get(booking.id)?.state).toBe("at_risk");
    // Staff can also assign samples to a session.
    expect(
      await assignSample(
        db,
        w.staff.actor,
        { bookingId: booking.id, shipmentItemId: item("SER-03").id, quantity: 1 },
        now,
      ),
    ).toMatchObject({ ok: true });
    expect(await db.select().from(bookingSamples).where(eq(bookingSamples.bookingId, booking.id))).toHaveLength(1);
    expect(shipment.bookingId).toBe(booking.id);
  });
});

describe("the session's code (its check-in QR)", () => {
  it("is never shown to the brand: not on the shipment, not in the list's sessions, not in the timeline, email or webhook", async () => {
    const { db, w, brand, shipment, bin, booking, item } = await world();
    await db.insert(webhookEndpoints).values({
      workspaceId: w.workspace.id,
      brandId: brand.actor.brandId!,
      url: "http://127.0.0.1:9/hook",
      secret: "whsec_test",
      events: [],
    });
    await receiveShipment(
      db,
      w.staff.actor,
      shipment.id,
      receipt(0, [{ shipmentItemId: item("LIP-01").id, received: 4, locationId: bin.id }]),
      now,
    );
    const [row] = (await listStock(db, w.staff.actor)).map((r) => r.item);
    expect((await stageForBooking(db, w.staff.actor, row.id, { bookingId: booking.id, quantity: 2 }, now)).ok).toBe(
      true,
    );
    expect(
      (
        await assignSample(
          db,
          w.staff.actor,
          { bookingId: booking.id, shipmentItemId: item("SER-03").id, quantity: 1 },
          now,
        )
      ).ok,
    ).toBe(true);

    const seen = await findShipment(db, brand.actor, shipment.id);
    expect(seen?.booking?.booking.id).toBe(booking.id);
    expect(seen?.booking?.booking.code).toBeNull();
    expect((await sessionsOfShipments(db, brand.actor, [booking.id])).get(booking.id)?.code).toBeNull();
    const brandSees = JSON.stringify([
      seen?.events,
      await db.select().from(notifications).where(eq(notifications.toEmail, brand.user.email)),
      await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, w.workspace.id)),
    ]);
    expect(brandSees).toContain("staged on");
    expect(brandSees).toContain("item.staged");
    expect(brandSees).not.toContain(booking.code);
    // The studio's staff and the creator do see it.
    expect((await findShipment(db, w.staff.actor, shipment.id))?.booking?.booking.code).toBe(booking.code);
    expect((await sessionsOfShipments(db, w.creator.actor, [booking.id])).get(booking.id)?.code).toBe(booking.code);
  });
});
