import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { charges, invoices, studios } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { cancelBooking } from "../bookings/lifecycle";
import { checkInBooking } from "../bookings/check-in-booking";
import { checkOutBooking } from "../bookings/check-out-booking";
import { createBookingSchema } from "../bookings/schemas";
import type { Quote } from "../pricing";
import { assembleInvoices, invoiceGroupKey } from "./invoicing";
import { creditCharge } from "./credit-charge";
import { voidCharge } from "./void-charge";
import { revenueReport } from "./reports";

// Tuesday 1 Dec 2026, 04:00 in Los Angeles.
const now = new Date("2026-12-01T12:00:00Z");
const la = (local: string) => new Date(`${local}-08:00`);
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const input = (roomId: string, startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) =>
  createBookingSchema.parse({
    roomId,
    startsAt: la(startsAt).toISOString(),
    endsAt: la(endsAt).toISOString(),
    ...extra,
  });

async function taxedWorld(
  tax: { taxMode: "exclusive" | "inclusive"; taxRate: string; taxName: string },
  currency = "USD",
) {
  const db = testDb();
  const w = await bookingWorld(db); // $60.00 an hour, a $25.00 ring light kit
  await db
    .update(studios)
    .set({ ...tax, currency })
    .where(eq(studios.id, w.studio.id));
  return { db, w };
}

async function session(db: ReturnType<typeof testDb>, w: Awaited<ReturnType<typeof bookingWorld>>, endLate = 0) {
  const booked = await createBooking(
    db,
    input(w.room.id, "2026-12-03T10:00:00", "2026-12-03T12:00:00", { addOnIds: [w.addOns.light.id] }),
    w.creator.actor,
    now,
  );
  if (!booked.ok) throw new Error(booked.error);
  await checkInBooking(db, w.staff.actor, booked.value.id, minutes(booked.value.startsAt, -5));
  const out = await checkOutBooking(db, w.staff.actor, booked.value.id, minutes(booked.value.endsAt, endLate));
  if (!out.ok) throw new Error(out.error);
  await assembleInvoices(db, minutes(booked.value.endsAt, 120), false, { workspaceId: w.workspace.id });
  const rows = await db.select().from(charges).where(eq(charges.bookingId, booked.value.id));
  const [inv] = await db.select().from(invoices).where(eq(invoices.bookingId, booked.value.id));
  return { booking: booked.value, rows, inv };
}

const byKind = (rows: { kind: string; amountCents: number }[]) => rows.map((r) => [r.kind, r.amountCents]).sort();

describe("tax as its own line, from the quote to the invoice and the reports", () => {
  it("exclusive (CA sales tax 9.5 %): quoted on top, charged as one line of the session's invoice, never revenue", async () => {
    const { db, w } = await taxedWorld({ taxMode: "exclusive", taxRate: "9.5", taxName: "CA sales tax" });
    const { booking, rows, inv } = await session(db, w);
    expect(booking.quote as Quote).toMatchObject({
      subtotalCents: 14_500,
      tax: { name: "CA sales tax", ratePercent: "9.5", inclusive: false, amountCents: 1378 },
      totalCents: 15_878,
    }); // 1377.5 → 1378
    expect(byKind(rows)).toEqual([
      ["add_on", 2500],
      ["room_time", 12_000],
      ["tax", 1378],
    ]);
    const tax = rows.find((r) => r.kind === "tax")!;
    expect(tax).toMatchObject({
      description: `CA sales tax 9.5 % (${booking.code})`,
      taxRate: "9.500",
      invoiceId: inv.id,
      currency: "USD",
    });
    expect(inv).toMatchObject({ amountDueCents: 15_878, description: expect.stringMatching(/^Session /) });

    const report = await revenueReport(db, w.workspace.id, { from: "2026-12", to: "2026-12" });
    expect(report.totals.byCurrency).toEqual([
      expect.objectContaining({ currency: "USD", totalCents: 14_500, outstandingCents: 14_500, taxCents: 1378 }),
    ]);
  });

  it("inclusive (VAT 6 %, CNY): carved out of the price, so the invoice asks exactly the price shown", async () => {
    const { db, w } = await taxedWorld({ taxMode: "inclusive", taxRate: "6", taxName: "VAT" }, "CNY");
    const { booking, rows, inv } = await session(db, w);
    const quote = booking.quote as Quote;
    expect(quote).toMatchObject({
      currency: "CNY",
      subtotalCents: 14_500,
      totalCents: 14_500,
      tax: { amountCents: 821, inclusive: true },
    }); // 14500 × 6 / 106 = 820.75
    expect(rows.reduce((s, r) => s + r.amountCents, 0)).toBe(14_500);
    expect(byKind(rows)).toEqual([
      ["add_on", 2358],
      ["room_time", 11_321],
      ["tax", 821],
    ]); // each line gives up its share
    expect(rows.find((r) => r.kind === "tax")?.description).toBe(`VAT 6 % (included) (${booking.code})`);
    expect(inv).toMatchObject({ amountDueCents: 14_500, currency: "CNY" });
    const report = await revenueReport(db, w.workspace.id, { from: "2026-12", to: "2026-12" });
    expect(report.totals.byCurrency).toEqual([
      expect.objectContaining({ currency: "CNY", totalCents: 13_679, taxCents: 821 }),
    ]);
  });

  it("taxes overtime with the session, once, and a late-cancellation fee on its own invoice with its own tax", async () => {
    const { db, w } = await taxedWorld({ taxMode: "exclusive", taxRate: "10", taxName: "GST" }, "JPY");
    const { rows } = await session(db, w, 20); // 2 overtime blocks of ¥2,250 (150 % of ¥6,000 / 4)
    expect(byKind(rows)).toEqual([
      ["add_on", 2500],
      ["overtime", 2250],
      ["overtime", 2250],
      ["room_time", 12_000],
      ["tax", 1900],
    ]);

    const soon = await createBooking(
      db,
      input(w.room.id, "2026-12-01T19:00:00", "2026-12-01T21:00:00"),
      w.creator.actor,
      now,
    );
    if (!soon.ok) throw new Error(soon.error);
    const cancelled = await cancelBooking(db, w.creator.actor, soon.value.id, now);
    expect(cancelled).toMatchObject({ ok: true, value: { feeCents: 6600, currency: "JPY" } }); // 50 % of ¥13,200 (tax included)
    const fee = await db.select().from(charges).where(eq(charges.bookingId, soon.value.id));
    expect(byKind(fee)).toEqual([
      ["late_cancel_fee", 6000],
      ["tax", 600],
    ]); // the fee's tax carved out of it
    const feeRow = fee.find((c) => c.kind === "late_cancel_fee")!;
    const taxRow = fee.find((c) => c.kind === "tax")!;
    expect(taxRow.taxedChargeId).toBe(feeRow.id);
    expect(invoiceGroupKey(taxRow)).toBe(invoiceGroupKey(feeRow));

    // Voiding the fee voids its tax with it.
    await voidCharge(db, w.manager.actor, feeRow.id, { reason: "Goodwill" }, now);
    const [after] = await db.select().from(charges).where(eq(charges.id, taxRow.id));
    expect(after.status).toBe("void");
  });

  it("a credit returns the tax in proportion; voiding a session line works the session's tax out again", async () => {
    const { db, w } = await taxedWorld({ taxMode: "exclusive", taxRate: "9.5", taxName: "CA sales tax" });
    const { rows, inv } = await session(db, w);
    const room = rows.find((r) => r.kind === "room_time")!;
    const taxLine = rows.find((r) => r.kind === "tax")!;
    expect(await creditCharge(db, w.manager.actor, room.id, { amount: 20, reason: "Late start" }, now)).toMatchObject({
      ok: true,
    });
    const credits = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "credit")));
    expect(credits.map((c) => [c.correctsChargeId, c.amountCents]).sort()).toEqual(
      [
        [room.id, -2000],
        [taxLine.id, -190],
      ].sort(),
    );
    const [again] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(again.amountDueCents).toBe(15_878 - 2000 - 190);
    const report = await revenueReport(db, w.workspace.id, { from: "2026-12", to: "2026-12" });
    expect(report.totals.byCurrency[0]).toMatchObject({ totalCents: 14_500 - 2000, taxCents: 1378 - 190 });

    // Before invoicing, voiding the add-on leaves the tax of what is left: $120.00 × 9.5 % = $11.40.
    const { db: db2, w: w2 } = await taxedWorld({ taxMode: "exclusive", taxRate: "9.5", taxName: "CA sales tax" });
    const booked = await createBooking(
      db2,
      input(w2.room.id, "2026-12-03T10:00:00", "2026-12-03T12:00:00", { addOnIds: [w2.addOns.light.id] }),
      w2.creator.actor,
      now,
    );
    if (!booked.ok) throw new Error("setup");
    await checkInBooking(db2, w2.staff.actor, booked.value.id, minutes(booked.value.startsAt, -5));
    await checkOutBooking(db2, w2.staff.actor, booked.value.id, booked.value.endsAt);
    const pending = await db2.select().from(charges).where(eq(charges.bookingId, booked.value.id));
    await voidCharge(
      db2,
      w2.manager.actor,
      pending.find((c) => c.kind === "add_on")!.id,
      { reason: "Kit broken" },
      booked.value.endsAt,
    );
    const [tax] = await db2
      .select()
      .from(charges)
      .where(and(eq(charges.bookingId, booked.value.id), eq(charges.kind, "tax")));
    expect(tax).toMatchObject({ amountCents: 1140, status: "pending" });
  });
});
