import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, studios } from "@/db/schema";
import type { Db } from "@/db/client";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { setUpConnectWorld } from "@/testing/billing/connect-world";
import type { StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { quoteFor } from "../bookings/create-booking";
import { loadRoomContext } from "../bookings/room-context";
import { studioSchema } from "../studios/schemas";
import { updateStudio } from "../studios/studios";
import { taxSettingsOf } from "../pricing";
import { nameOfBreakdown, rateOfBreakdown, refreshStripeTaxRates } from "./stripe-tax";

// Stripe Tax as the source of a studio's rate, against the Stripe test server (its jurisdiction table: US-CA 9.5 %,
// US-NY 8.875 %, FR 20 %), in platform mode: each workspace asks on its own connected account, whose tax
// registrations decide where tax is collected.

const world = setUpConnectWorld();
const { clock, connectedWorkspace, taxReady } = world;
let stripe: Stripe;
let server: StripeTestServer;
beforeAll(() => {
  stripe = world.stripe();
  server = world.server();
});
const platform = () => ({ stripe, mode: "platform" as const });
const LA = { taxLine1: "1200 S Santa Fe Ave", taxCity: "Los Angeles", taxState: "ca", taxPostalCode: "90021" };
const NYC = { taxLine1: "10 Hudson Yards", taxCity: "New York", taxState: "NY", taxPostalCode: "10001" };

const owner = async (db: Db, w: Awaited<ReturnType<typeof connectedWorkspace>>) =>
  (await makeMember(db, w.workspace.id, "owner")).actor;

const editTax = (studioId: string, input: Record<string, unknown>) => ({
  ...studioSchema.parse({
    name: "Downtown",
    address: "1200 S Santa Fe Ave",
    timeZone: "America/Los_Angeles",
    openingHours: [],
    taxMode: "exclusive",
    taxSource: "stripe",
    taxCountry: "US",
    ...input,
  }),
  studioId,
});

async function studioRow(db: Db, id: string) {
  const [row] = await db.select().from(studios).where(eq(studios.id, id));
  return row;
}

describe("reading Stripe Tax's answer", () => {
  const b = (percent: string, amount: number, tax_type = "sales_tax") =>
    ({ amount, tax_rate_details: { percentage_decimal: percent, tax_type } }) as Stripe.Tax.Calculation.TaxBreakdown;

  it("adds the jurisdictions' percentages exactly, to 3 decimals half up, and ignores those that collect nothing", () => {
    expect(rateOfBreakdown([b("7.25", 725), b("2.25", 225)])).toBe("9.5");
    expect(rateOfBreakdown([b("4.0", 400), b("4.5", 450), b("0.375", 38)])).toBe("8.875");
    expect(rateOfBreakdown([b("7.1235", 712)])).toBe("7.124");
    expect(rateOfBreakdown([b("7.1234", 712)])).toBe("7.123");
    expect(rateOfBreakdown([b("0.0", 0)])).toBe("0");
    expect(rateOfBreakdown([b("6.0", 0)])).toBe("0"); // not collecting: no amount
    expect(rateOfBreakdown([])).toBe("0");
  });

  it("names the tax as invoices should show it", () => {
    const us = { line1: "", city: "", state: "ca", postalCode: "90021", country: "US" };
    const fr = { line1: "", city: "Paris", state: "", postalCode: "75011", country: "FR" };
    expect(nameOfBreakdown([b("7.25", 725), b("2.25", 225)], us)).toBe("CA sales tax");
    expect(nameOfBreakdown([b("20", 2000, "vat")], fr)).toBe("VAT");
    expect(nameOfBreakdown([b("5", 500, "gst"), b("7", 700, "pst")], fr)).toBe("GST and PST");
    expect(nameOfBreakdown([b("0", 0, "vat")], fr)).toBe("");
  });
});

describe("the studio form with Stripe Tax", () => {
  it("asks for the address Stripe Tax needs, not a typed rate or name", () => {
    const parse = (input: Record<string, unknown>) =>
      studioSchema.safeParse({
        name: "Downtown",
        timeZone: "America/Los_Angeles",
        openingHours: [],
        taxMode: "exclusive",
        taxSource: "stripe",
        ...input,
      });
    const missing = parse({ taxCountry: "" });
    expect(missing.success ? {} : missing.error.flatten().fieldErrors).toMatchObject({
      taxCountry: [expect.any(String)],
    });
    const us = parse({ taxCountry: "us", taxState: "California", taxPostalCode: "LA" });
    expect(us.success ? {} : us.error.flatten().fieldErrors).toMatchObject({
      taxState: [expect.stringContaining("two letters")],
      taxPostalCode: [expect.stringContaining("ZIP")],
    });
    const good = parse({ ...LA, taxCountry: "us", taxRate: "", taxName: "" });
    expect(good.success && good.data).toMatchObject({
      taxSource: "stripe",
      taxAddress: { state: "CA", country: "US", postalCode: "90021" },
    });
    // No tax keeps no Stripe Tax either.
    const none = parse({ ...LA, taxCountry: "US", taxMode: "none" });
    expect(none.success && none.data).toMatchObject({ taxSource: "studio", taxAddress: null });
  });
});

describe("a studio's rate from Stripe Tax", () => {
  it("is refused, changing nothing, until Stripe Tax is set up on the workspace's account", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    const before = await studioRow(db, w.studio.id);
    const result = await updateStudio(db, await owner(db, w), editTax(w.studio.id, LA), clock.now, platform());
    expect(result).toMatchObject({ ok: false, error: "stripe_tax" });
    // Stripe's own reason, not just any refusal: a missing endpoint would be refused too.
    expect(!result.ok && result.fieldErrors?.taxSource?.[0]).toMatch(
      /^Stripe Tax could not give a rate for this address: Stripe Tax has not been activated on your account/,
    );
    expect(await studioRow(db, w.studio.id)).toEqual(before);
  });

  it("takes the rate Stripe Tax collects at the studio's address, and quotes with it", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await taxReady(w.account, { registerCa: true });
    const saved = await updateStudio(db, await owner(db, w), editTax(w.studio.id, LA), clock.now, platform());
    expect(saved.ok).toBe(true);
    const row = await studioRow(db, w.studio.id);
    expect(row).toMatchObject({
      taxSource: "stripe",
      taxMode: "exclusive",
      taxName: "CA sales tax",
      taxCheckError: null,
    });
    expect(Number(row.taxRate)).toBe(9.5);
    expect(row.taxCheckedAt).toEqual(clock.now);

    // A 3-hour session at $60/h: $180.00 plus 9.5 % = $17.10 on its own line.
    const ctx = await loadRoomContext(db, {
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      from: new Date("2026-12-09T17:00:00Z"),
      to: new Date("2026-12-09T20:00:00Z"),
    });
    const quote = await quoteFor(db, ctx!, new Date("2026-12-09T17:00:00Z"), new Date("2026-12-09T20:00:00Z"), []);
    expect(quote.tax).toMatchObject({ name: "CA sales tax", ratePercent: "9.5", inclusive: false, amountCents: 1710 });
    expect(quote.totalCents).toBe(19_710);
  });

  it("charges nothing where the account has no registration (Stripe Tax does not collect there)", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await taxReady(w.account, { registerCa: true }); // California only
    const saved = await updateStudio(db, await owner(db, w), editTax(w.studio.id, NYC), clock.now, platform());
    expect(saved.ok).toBe(true);
    const row = await studioRow(db, w.studio.id);
    expect(Number(row.taxRate)).toBe(0);
    expect(taxSettingsOf(row)).toBeNull();
  });

  it("asks on each workspace's own account: one's registration is not another's", async () => {
    const db = testDb();
    const registered = await connectedWorkspace(db, { basisPoints: 500 });
    const unregistered = await connectedWorkspace(db, { basisPoints: 500 });
    await taxReady(registered.account, { registerCa: true });
    await taxReady(unregistered.account, { registerCa: false });
    for (const w of [registered, unregistered])
      expect((await updateStudio(db, await owner(db, w), editTax(w.studio.id, LA), clock.now, platform())).ok).toBe(
        true,
      );
    expect(Number((await studioRow(db, registered.studio.id)).taxRate)).toBe(9.5);
    expect(Number((await studioRow(db, unregistered.studio.id)).taxRate)).toBe(0);
  });

  it("is asked again daily: a new registration starts the tax, with an audit entry; a failed ask keeps the rate", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await taxReady(w.account, { registerCa: false });
    const actor = await owner(db, w);
    expect((await updateStudio(db, actor, editTax(w.studio.id, LA), clock.now, platform())).ok).toBe(true);
    expect(Number((await studioRow(db, w.studio.id)).taxRate)).toBe(0);

    // Within the day nothing is asked; the operator registers in California meanwhile.
    await stripe.tax.registrations.create(
      { country: "US", country_options: { us: { state: "CA", type: "state_sales_tax" } }, active_from: "now" },
      { stripeAccount: w.account },
    );
    await refreshStripeTaxRates(db, new Date(clock.now.getTime() + 60 * 60_000), platform());
    expect(Number((await studioRow(db, w.studio.id)).taxRate)).toBe(0);

    const nextDay = new Date(clock.now.getTime() + 25 * 60 * 60_000);
    await refreshStripeTaxRates(db, nextDay, platform());
    const row = await studioRow(db, w.studio.id);
    expect(Number(row.taxRate)).toBe(9.5);
    expect(row.taxName).toBe("CA sales tax");
    expect(row.taxCheckedAt).toEqual(nextDay);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, w.studio.id), eq(auditLog.action, "studio.tax_rate_changed")));
    expect(entries).toHaveLength(1);
    expect(entries[0].actorUserId).toBeNull();
    expect(entries[0].data).toMatchObject({ from: { rate: "0.000" }, to: { rate: "9.5", name: "CA sales tax" } });

    // Stripe down on the next day's ask: the rate stays, the reason is kept, and it is asked again an hour later.
    const dayAfter = new Date(nextDay.getTime() + 25 * 60 * 60_000);
    server.fault({ method: "POST", path: "/v1/tax/calculations" }, "500", 50);
    await refreshStripeTaxRates(db, dayAfter, platform());
    server.clearFaults();
    const failed = await studioRow(db, w.studio.id);
    expect(Number(failed.taxRate)).toBe(9.5);
    expect(failed.taxCheckError).toContain("could not be reached");
    expect(taxSettingsOf(failed)).toMatchObject({ ratePercent: "9.5" });
    await refreshStripeTaxRates(db, new Date(dayAfter.getTime() + 61 * 60_000), platform());
    expect((await studioRow(db, w.studio.id)).taxCheckError).toBeNull();

    // Renaming the studio asks nothing (Stripe could be down): the question is the same.
    server.fault({ method: "POST", path: "/v1/tax/calculations" }, "500", 50);
    const renamed = await updateStudio(
      db,
      actor,
      editTax(w.studio.id, { ...LA, name: "Downtown LA" }),
      dayAfter,
      platform(),
    );
    server.clearFaults();
    expect(renamed.ok).toBe(true);
    expect(await studioRow(db, w.studio.id)).toMatchObject({ name: "Downtown LA", taxName: "CA sales tax" });
  });
});
