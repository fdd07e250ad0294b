import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { charges, shipmentItems, studios, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { makeMember } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { assembleInvoices } from "./billing/invoicing";
import { creditCharge } from "./billing/credit-charge";
import { createShipment } from "./samples/create-shipment";
import { createShipmentSchema } from "./samples/schemas";
import { createStorageUnit } from "./storage/create-storage-unit";

// Issue 13: one money module, proven through every path that turns a typed amount into minor units: a credit,
// a storage unit's nightly rate and a sample's declared value, for a currency of each exponent (JPY 0, USD 2,
// KWD 3). A path that did its own `Math.round(x * 100)` stored ¥500 as 50,000.

const now = new Date("2026-12-01T12:00:00Z");

const cases = [
  { currency: "JPY", typed: "500", minor: 500, tooPrecise: "500.5" },
  { currency: "USD", typed: "12.5", minor: 1_250, tooPrecise: "12.505" },
  { currency: "KWD", typed: "1.234", minor: 1_234, tooPrecise: "1.2345" },
] as const;

async function worldIn(currency: string) {
  const db = testDb();
  const w = await bookingWorld(db);
  await db.update(workspaces).set({ currency }).where(eq(workspaces.id, w.workspace.id));
  await db.update(studios).set({ currency }).where(eq(studios.id, w.studio.id));
  return { db, w };
}

describe.each(cases)("typed money in $currency", ({ currency, typed, minor, tooPrecise }) => {
  it("a credit of the typed amount is that many minor units off, and more decimals are refused", async () => {
    const { db, w } = await worldIn(currency);
    const [c] = await db
      .insert(charges)
      .values({
        workspaceId: w.workspace.id,
        creatorId: w.creator.user.id,
        kind: "add_on",
        description: "Ring light",
        unitAmountCents: 100_000,
        amountCents: 100_000,
        currency,
        idempotencyKey: `money:${crypto.randomUUID()}`,
        createdAt: new Date(now.getTime() - 2 * 3_600_000),
      })
      .returning();
    await assembleInvoices(db, now, false, { workspaceId: w.workspace.id }); // invoiced ("not sent"): creditable
    const credit = await creditCharge(db, w.manager.actor, c.id, { amount: Number(typed), reason: "Goodwill" }, now);
    expect(credit).toMatchObject({ ok: true, value: { amountCents: -minor, currency } });
    const refused = await creditCharge(
      db,
      w.manager.actor,
      c.id,
      { amount: Number(tooPrecise), reason: "Goodwill" },
      now,
    );
    expect(refused).toMatchObject({ ok: false, error: "invalid" });
  });

  it("a storage unit's nightly rate is stored in minor units of its studio's currency", async () => {
    const { db, w } = await worldIn(currency);
    const unit = await createStorageUnit(db, w.manager.actor, w.studio.id, {
      code: `U-${currency}`,
      size: "small",
      nightlyRate: typed,
    });
    expect(unit).toMatchObject({ ok: true, value: { nightlyRateCents: minor, currency } });
    const refused = await createStorageUnit(db, w.manager.actor, w.studio.id, {
      code: `V-${currency}`,
      size: "small",
      nightlyRate: tooPrecise,
    });
    expect(refused).toMatchObject({ ok: false, error: "invalid", fieldErrors: { nightlyRate: [expect.any(String)] } });
  });

  it("a sample's declared value is stored in minor units, and more decimals are a field error on that item", async () => {
    const { db, w } = await worldIn(currency);
    const brand = await makeMember(db, w.workspace.id, "brand");
    const input = (declaredValue: string) =>
      createShipmentSchema.parse({
        studioId: w.studio.id,
        creatorId: w.creator.user.id,
        items: [{ sku: "LIP-01", name: "Lipstick", quantity: 1, declaredValue }],
      });
    const made = await createShipment(db, brand.actor, input(typed), now);
    if (!made.ok) throw new Error(made.message ?? made.error);
    const [item] = await db.select().from(shipmentItems).where(eq(shipmentItems.shipmentId, made.value.shipment.id));
    expect(item.declaredValueCents).toBe(minor);
    expect(await createShipment(db, brand.actor, input(tooPrecise), now)).toMatchObject({
      ok: false,
      fieldErrors: { "items.0.declaredValue": [expect.any(String)] },
    });
  });
});
