import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { charges, invoices, rooms, studios, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { testDb } from "@/db/testing/db";
import { assembleInvoices } from "../billing/invoicing";
import { recordOfflinePayment } from "../billing/record-offline-payment";
import { voidCharge } from "../billing/void-charge";
import { createBooking } from "../bookings/create-booking";
import { cancelBooking } from "../bookings/lifecycle";
import { checkInBooking } from "../bookings/check-in-booking";
import { checkOutBooking } from "../bookings/check-out-booking";
import { createBookingSchema } from "../bookings/schemas";
import type { Quote } from "../pricing";
import { createStorageUnit } from "../storage/create-storage-unit";
import { reserveUnit } from "../storage/reserve-unit";
import { studioSchema } from "./schemas";
import { studioCurrency } from "./studio-currency";
import { createStudio, updateStudio } from "./studios";

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
const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "09:00", closes: "02:00" }));

/** The studio form as the settings page sends it, with another currency. */
const edit = (studio: { id: string; name: string; timeZone: string }, currency: string) => ({
  ...studioSchema.parse({ name: studio.name, address: "", timeZone: studio.timeZone, openingHours: hours, currency }),
  studioId: studio.id,
});

async function cnyWorld() {
  const db = testDb();
  const w = await bookingWorld(db);
  await db.update(studios).set({ currency: "CNY" }).where(eq(studios.id, w.studio.id));
  await db.update(rooms).set({ hourlyRateCents: 30_000 }).where(eq(rooms.id, w.room.id)); // ¥300.00 an hour
  const [studio] = await db.select().from(studios).where(eq(studios.id, w.studio.id));
  return { db, w, studio };
}

async function checkedOut(db: ReturnType<typeof testDb>, w: Awaited<ReturnType<typeof bookingWorld>>) {
  const booked = await createBooking(
    db,
    input(w.room.id, "2026-12-03T10:00:00", "2026-12-03T12:00:00"),
    w.creator.actor,
    now,
  );
  if (!booked.ok) throw new Error(booked.error);
  await checkInBooking(db, w.staff.actor, booked.value.id, minutes(booked.value.startsAt, -5));
  const out = await checkOutBooking(db, w.staff.actor, booked.value.id, booked.value.endsAt);
  if (!out.ok) throw new Error(out.error);
  return out.value.booking;
}

describe("a currency per studio", () => {
  it("gives a new studio the workspace's currency, unless another is chosen", async () => {
    const { db, w } = await cnyWorld();
    await db.update(workspaces).set({ currency: "JPY" }).where(eq(workspaces.id, w.workspace.id));
    const plain = await createStudio(
      db,
      w.manager.actor,
      studioSchema.parse({ name: "Tokyo", address: "", timeZone: "Asia/Tokyo", openingHours: hours }),
    );
    const chosen = await createStudio(
      db,
      w.manager.actor,
      studioSchema.parse({ name: "Seoul", address: "", timeZone: "Asia/Seoul", openingHours: hours, currency: "KRW" }),
    );
    if (!plain.ok || !chosen.ok) throw new Error("setup");
    const rows = await db
      .select({ id: studios.id, currency: studios.currency })
      .from(studios)
      .where(eq(studios.workspaceId, w.workspace.id));
    expect(rows.find((r) => r.id === plain.value.id)?.currency).toBe("JPY");
    expect(rows.find((r) => r.id === chosen.value.id)?.currency).toBe("KRW");
    expect(() =>
      studioSchema.parse({ name: "X", address: "", timeZone: "UTC", openingHours: hours, currency: "XYZ" }),
    ).toThrow("Choose a currency from the list");
  });

  it("prices a booking in its studio's currency: the quote, the charges and the invoice are in CNY", async () => {
    const { db, w } = await cnyWorld();
    const booking = await checkedOut(db, w);
    expect(booking.quote as Quote).toMatchObject({ currency: "CNY", totalCents: 60_000 }); // 2 h × ¥300.00
    const rows = await db.select().from(charges).where(eq(charges.bookingId, booking.id));
    expect(rows.map((c) => [c.kind, c.amountCents, c.currency])).toEqual([["room_time", 60_000, "CNY"]]);
    await assembleInvoices(db, minutes(booking.endsAt, 61), false, { workspaceId: w.workspace.id });
    const [inv] = await db.select().from(invoices).where(eq(invoices.bookingId, booking.id));
    expect(inv).toMatchObject({ currency: "CNY", amountDueCents: 60_000 });
    // The setup forms type amounts in the currency of the studio the room belongs to.
    expect(await studioCurrency(db, w.workspace.id, { roomId: w.room.id })).toBe("CNY");
    expect(await studioCurrency(db, w.workspace.id, { addOnId: w.addOns.light.id })).toBe("CNY");
  });

  it("refuses a new currency, on its field, while the studio has open charges; allows it once they are paid", async () => {
    const { db, w, studio } = await cnyWorld();
    const booking = await checkedOut(db, w);
    const refused = await updateStudio(db, w.manager.actor, edit(studio, "USD"));
    expect(refused).toMatchObject({ ok: false, error: "currency_locked" });
    expect(!refused.ok && refused.fieldErrors?.currency?.[0]).toBe(
      "The currency cannot change while 1 charge in CNY is still open (not paid or void). Settle or void the charges, and complete or cancel those bookings, first.",
    );
    // Saving the studio without changing its currency is never refused.
    expect(await updateStudio(db, w.manager.actor, edit(studio, "CNY"))).toMatchObject({ ok: true });

    await assembleInvoices(db, minutes(booking.endsAt, 61), false, { workspaceId: w.workspace.id });
    const [inv] = await db.select().from(invoices).where(eq(invoices.bookingId, booking.id));
    expect(await updateStudio(db, w.manager.actor, edit(studio, "USD"))).toMatchObject({
      ok: false,
      error: "currency_locked",
    }); // invoiced is still open
    expect(
      await recordOfflinePayment(
        db,
        w.manager.actor,
        inv.id,
        { note: "Paid at the desk" },
        minutes(booking.endsAt, 90),
      ),
    ).toMatchObject({ ok: true });
    expect(await updateStudio(db, w.manager.actor, edit(studio, "USD"))).toMatchObject({ ok: true });
    const [after] = await db.select({ currency: studios.currency }).from(studios).where(eq(studios.id, studio.id));
    expect(after.currency).toBe("USD");
  });

  it("counts a voided charge as settled", async () => {
    const { db, w, studio } = await cnyWorld();
    const booking = await checkedOut(db, w);
    const [charge] = await db.select().from(charges).where(eq(charges.bookingId, booking.id));
    await voidCharge(db, w.manager.actor, charge.id, { reason: "Comped session" }, booking.endsAt);
    expect(await updateStudio(db, w.manager.actor, edit(studio, "EUR"))).toMatchObject({ ok: true });
  });

  it("refuses while a booking still to be charged was priced in the old currency, and after it is cancelled allows it", async () => {
    const { db, w, studio } = await cnyWorld();
    const booked = await createBooking(
      db,
      input(w.room.id, "2026-12-20T10:00:00", "2026-12-20T12:00:00"),
      w.creator.actor,
      now,
    );
    if (!booked.ok) throw new Error(booked.error);
    const refused = await updateStudio(db, w.manager.actor, edit(studio, "USD"));
    expect(!refused.ok && refused.fieldErrors?.currency?.[0]).toContain(
      "1 booking still to be charged was priced in CNY",
    );
    expect(await cancelBooking(db, w.creator.actor, booked.value.id, now)).toMatchObject({
      ok: true,
      value: { feeCents: 0 },
    });
    expect(await updateStudio(db, w.manager.actor, edit(studio, "USD"))).toMatchObject({ ok: true });
    // The next booking is priced in the new currency.
    const next = await createBooking(
      db,
      input(w.room.id, "2026-12-21T10:00:00", "2026-12-21T11:00:00"),
      w.creator.actor,
      now,
    );
    expect(next.ok && (next.value.quote as Quote).currency).toBe("USD");
  });

  it("refuses while a storage reservation in the studio is still to be charged", async () => {
    const { db, w, studio } = await cnyWorld();
    const unit = await createStorageUnit(db, w.manager.actor, studio.id, {
      code: "S1",
      size: "M",
      nightlyRate: "120.00",
    });
    expect(unit).toMatchObject({ ok: true, value: { nightlyRateCents: 12_000, currency: "CNY" } });
    if (!unit.ok) throw new Error("setup");
    expect(
      await reserveUnit(
        db,
        w.creator.actor,
        { unitId: unit.value.id, firstNight: "2026-12-02", lastNight: "2026-12-03" },
        now,
      ),
    ).toMatchObject({ ok: true, value: { currency: "CNY" } });
    const refused = await updateStudio(db, w.manager.actor, edit(studio, "USD"));
    expect(!refused.ok && refused.fieldErrors?.currency?.[0]).toContain(
      "1 storage reservation still to be charged was priced in CNY",
    );
  });
});
