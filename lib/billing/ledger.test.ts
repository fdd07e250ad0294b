import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, charges, invoices, studios, workspaces } from "@/db/schema";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { cancelBooking } from "../bookings/lifecycle";
import { checkInBooking } from "../bookings/check-in-booking";
import { checkOutBooking } from "../bookings/check-out-booking";
import { markNoShow } from "../bookings/mark-no-show";
import { createBookingSchema } from "../bookings/schemas";
import { formatMoney } from "../money";
import { DEFAULT_POLICIES } from "../policies/policies";
import { billingGate, cardRequired } from "./booking-gate";
import { assembleInvoices } from "./invoicing";
import { creatorBalance } from "./balances";
import { creditCharge } from "./credit-charge";
import { recordOfflinePayment } from "./record-offline-payment";
import { visibleCharges } from "./charge-access";
import { voidCharge } from "./void-charge";

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

async function completedSession(currency = "USD") {
  const db = testDb();
  const w = await bookingWorld(db);
  await db.update(studios).set({ currency }).where(eq(studios.id, w.studio.id));
  const booked = await createBooking(
    db,
    input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00", { addOnIds: [w.addOns.light.id] }),
    w.creator.actor,
    now,
  );
  if (!booked.ok) throw new Error(booked.error);
  const start = booked.value.startsAt;
  const checkedIn = await checkInBooking(db, w.staff.actor, booked.value.id, minutes(start, -5));
  expect(checkedIn).toMatchObject({ ok: true, value: { status: "checked_in" } });
  const out = await checkOutBooking(db, w.staff.actor, booked.value.id, minutes(start, 120));
  if (!out.ok) throw new Error(out.error);
  return { db, w, booking: out.value.booking, endedAt: minutes(start, 120) };
}

const chargesOf = (bookingId: string) => testDb().select().from(charges).where(eq(charges.bookingId, bookingId));

describe("completing a session", () => {
  it("writes room time and add-ons from the stored quote, once, whoever retries", async () => {
    const { db, w, booking } = await completedSession();
    const rows = await chargesOf(booking.id);
    expect(rows.map((r) => [r.kind, r.amountCents, r.status]).sort()).toEqual([
      ["add_on", 2500, "pending"],
      ["room_time", 12_000, "pending"],
    ]);
    expect(rows.every((r) => r.creatorId === w.creator.user.id && r.createdBy === w.staff.user.id)).toBe(true);
    const again = await checkOutBooking(db, w.manager.actor, booking.id, minutes(booking.endsAt, 5));
    expect(again).toMatchObject({ ok: true, value: { chargedCents: 0 } });
    expect(await chargesOf(booking.id)).toHaveLength(2);
  });

  it("lets only the studio's staff run the floor, and only in order", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    const booked = await createBooking(
      db,
      input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00"),
      w.creator.actor,
      now,
    );
    if (!booked.ok) throw new Error(booked.error);
    const start = booked.value.startsAt;
    expect(await checkInBooking(db, w.creator.actor, booked.value.id, start)).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    expect(await checkInBooking(db, w.creator2.actor, booked.value.id, start)).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await checkOutBooking(db, w.staff.actor, booked.value.id, start)).toMatchObject({
      ok: false,
      error: "wrong_status",
    });
    expect(await checkInBooking(db, w.staff.actor, booked.value.id, minutes(start, -61))).toMatchObject({
      ok: false,
      error: "too_early",
    });
    expect(await chargesOf(booked.value.id)).toHaveLength(0);
  });

  it("charges the no-show fee by policy, not before the grace period", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    await db
      .update(workspaces)
      .set({ policies: { noShowFeePercent: 50 } })
      .where(eq(workspaces.id, w.workspace.id));
    const booked = await createBooking(
      db,
      input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00"),
      w.creator.actor,
      now,
    );
    if (!booked.ok) throw new Error(booked.error);
    expect(await markNoShow(db, w.staff.actor, booked.value.id, minutes(booked.value.startsAt, 10))).toMatchObject({
      ok: false,
      error: "too_early",
    });
    expect(await markNoShow(db, w.staff.actor, booked.value.id, minutes(booked.value.startsAt, 20))).toMatchObject({
      ok: true,
      value: { feeCents: 6000 },
    });
    const [fee] = await chargesOf(booked.value.id);
    expect(fee).toMatchObject({
      kind: "no_show_fee",
      amountCents: 6000,
      idempotencyKey: `no_show_fee:${booked.value.id}`,
    });
  });
});

describe("invoicing without Stripe", () => {
  it("waits out the invoice delay, then makes one invoice per session and one per fee event, marked not sent", async () => {
    const { db, w, booking, endedAt } = await completedSession();
    const late = await createBooking(
      db,
      input(w.room.id, "2026-12-05T10:00:00", "2026-12-05T12:00:00"),
      w.creator.actor,
      now,
    );
    if (!late.ok) throw new Error(late.error);
    await cancelBooking(db, w.creator.actor, late.value.id, minutes(late.value.startsAt, -60));
    await assembleInvoices(db, minutes(endedAt, 30), false, { workspaceId: w.workspace.id });
    expect(await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id))).toHaveLength(0);

    const [a, b] = await Promise.all([
      assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id }),
      assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id }),
    ]);
    expect(a + b).toBeGreaterThan(0);
    // The late-cancellation fee was written after the session ended, so it waits its own delay.
    await assembleInvoices(db, minutes(late.value.startsAt, 61), false, { workspaceId: w.workspace.id });
    const invs = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(invs.map((i) => [i.groupKey.split(":")[0], i.status, i.amountDueCents]).sort()).toEqual([
      ["booking", "not_sent", 14_500],
      ["charge", "not_sent", 6000],
    ]);
    expect(invs.find((i) => i.groupKey === `booking:${booking.id}`)?.description).toContain(booking.code);
    const rows = await db.select().from(charges).where(eq(charges.workspaceId, w.workspace.id));
    expect(rows.every((r) => r.status === "invoiced" && r.invoiceId)).toBe(true);
    expect(await assembleInvoices(db, minutes(endedAt, 600), false, { workspaceId: w.workspace.id })).toBe(0);
  });

  it("records an offline payment of a local invoice; the balance goes to zero", async () => {
    const { db, w, endedAt } = await completedSession();
    await assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id });
    expect((await creatorBalance(db, w.workspace.id, w.creator.user.id)).outstanding).toEqual([
      { currency: "USD", cents: 14_500 },
    ]);
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(await recordOfflinePayment(db, w.creator.actor, inv.id, { note: "cash" }, endedAt)).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    expect(
      await recordOfflinePayment(db, w.manager.actor, inv.id, { note: "Paid cash at the desk" }, endedAt),
    ).toMatchObject({ ok: true, value: { status: "paid", amountPaidCents: 14_500 } });
    expect((await creatorBalance(db, w.workspace.id, w.creator.user.id)).outstanding).toEqual([]);
  });
});

describe("corrections", () => {
  it("voids a charge still pending, with the reason and the actor; it is never invoiced", async () => {
    const { db, w, booking, endedAt } = await completedSession();
    const [addOn] = (await chargesOf(booking.id)).filter((c) => c.kind === "add_on");
    expect(await voidCharge(db, w.creator.actor, addOn.id, { reason: "not mine" }, endedAt)).toMatchObject({
      ok: false,
      error: "forbidden",
    });
    const voided = await voidCharge(db, w.manager.actor, addOn.id, { reason: "The ring light was broken" }, endedAt);
    expect(voided).toMatchObject({
      ok: true,
      value: {
        status: "void",
        voidReason: "The ring light was broken",
        voidedBy: w.manager.user.id,
        amountCents: 2500,
      },
    });
    await assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id });
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(inv.amountDueCents).toBe(12_000);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, addOn.id), eq(auditLog.action, "charge.voided")));
    expect(entry.actorUserId).toBe(w.manager.user.id);
    const [room] = (await chargesOf(booking.id)).filter((c) => c.kind === "room_time");
    expect(await voidCharge(db, w.manager.actor, room.id, { reason: "too late" }, endedAt)).toMatchObject({
      ok: false,
      error: "not_voidable",
    });
  });

  it("credits an invoiced charge with a new row, at most its amount, once per request", async () => {
    const { db, w, booking, endedAt } = await completedSession();
    await assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id });
    const [room] = (await chargesOf(booking.id)).filter((c) => c.kind === "room_time");
    const first = await creditCharge(
      db,
      w.manager.actor,
      room.id,
      { amount: 20, reason: "Started late", requestId: "req-00000001" },
      endedAt,
    );
    expect(first).toMatchObject({
      ok: true,
      value: {
        kind: "credit",
        amountCents: -2000,
        correctsChargeId: room.id,
        reason: "Started late",
        status: "invoiced",
      },
    });
    const replay = await creditCharge(
      db,
      w.manager.actor,
      room.id,
      { amount: 20, reason: "Started late", requestId: "req-00000001" },
      endedAt,
    );
    expect(replay.ok && first.ok && replay.value.id === first.value.id).toBe(true);
    expect(
      await creditCharge(db, w.manager.actor, room.id, { amount: 100.01, reason: "Too much" }, endedAt),
    ).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { amount: ["At most $100.00 can still be credited."] },
    });
    expect(
      await creditCharge(db, w.manager.actor, room.id, { amount: 0.001, reason: "A tenth of a cent" }, endedAt),
    ).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { amount: ["Use at most 2 decimals in USD, like 65.00"] },
    });
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(inv.amountDueCents).toBe(12_500);
    expect((await creatorBalance(db, w.workspace.id, w.creator.user.id)).outstanding).toEqual([
      { currency: "USD", cents: 12_500 },
    ]);
    const original = (await chargesOf(booking.id)).find((c) => c.id === room.id);
    expect(original).toMatchObject({ amountCents: 12_000, status: "invoiced" }); // history is never edited
  });

  it("credits in the charge's currency: ¥500 is 500 yen (JPY has no minor unit), ¥500.5 is refused", async () => {
    const { db, w, booking, endedAt } = await completedSession("JPY");
    await assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id });
    const [room] = (await chargesOf(booking.id)).filter((c) => c.kind === "room_time");
    expect(room).toMatchObject({ amountCents: 12_000, currency: "JPY" }); // ¥6,000 an hour, 2 hours
    expect(
      await creditCharge(db, w.manager.actor, room.id, { amount: 500.5, reason: "Half a yen" }, endedAt),
    ).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { amount: ["JPY has no decimals: enter a whole amount like 6500"] },
    });
    const credit = await creditCharge(db, w.manager.actor, room.id, { amount: 500, reason: "Started late" }, endedAt);
    expect(credit).toMatchObject({ ok: true, value: { kind: "credit", amountCents: -500, currency: "JPY" } });
    expect(credit.ok && formatMoney(-credit.value.amountCents, credit.value.currency)).toBe("¥500");
    expect(
      await creditCharge(db, w.manager.actor, room.id, { amount: 11_501, reason: "Too much" }, endedAt),
    ).toMatchObject({
      ok: false,
      error: "invalid",
      fieldErrors: { amount: ["At most ¥11,500 can still be credited."] },
    });
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    expect(inv).toMatchObject({ currency: "JPY", amountDueCents: 12_000 + 2500 - 500 });
  });

  it("keeps one creator's charges from another", async () => {
    const { db, w } = await completedSession();
    expect(await db.select().from(charges).where(visibleCharges(w.creator2.actor))).toHaveLength(0);
    expect((await db.select().from(charges).where(visibleCharges(w.creator.actor))).length).toBe(2);
    expect(await db.select().from(charges).where(visibleCharges(w.staff.actor))).toHaveLength(0);
  });
});

describe("booking gate", () => {
  it("with Stripe connected, refuses a booking without a card when the policy requires one (or leaves it automatic)", async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    for (const cardOnFile of ["required", "auto"] as const) {
      const policies = { ...DEFAULT_POLICIES, cardOnFile };
      const gate = (forSelf: boolean) =>
        billingGate(db, {
          workspaceId: w.workspace.id,
          creatorId: w.creator.user.id,
          policies,
          forSelf,
          payments: { canCharge: true, account: "" },
        });
      expect(await gate(true)).toMatchObject({
        ok: false,
        error: "card_required",
        message: "Add a card on the Billing page before booking.",
      });
      expect(await gate(false)).toMatchObject({
        ok: false,
        error: "card_required",
        message: "This creator has no card on file yet.",
      });
    }
    expect(
      await billingGate(db, {
        workspaceId: w.workspace.id,
        creatorId: w.creator.user.id,
        policies: { ...DEFAULT_POLICIES, cardOnFile: "not_required" },
        forSelf: true,
        payments: { canCharge: true, account: "" },
      }),
    ).toBeNull();
  });

  it('without Stripe never asks for a card (none could be added), even under a stored "always required"', async () => {
    const db = testDb();
    const w = await bookingWorld(db);
    expect(cardRequired({ cardOnFile: "required" }, false)).toBe(false);
    expect(cardRequired({ cardOnFile: "required" }, true)).toBe(true);
    await db
      .update(workspaces)
      .set({ policies: { cardOnFile: "required" } })
      .where(eq(workspaces.id, w.workspace.id));
    // The unit tests run without STRIPE_SECRET_KEY: the creator books, and is never told to add a card.
    expect(
      (await createBooking(db, input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00"), w.creator.actor, now))
        .ok,
    ).toBe(true);
  });

  it("refuses a booking while a payment has failed, by policy", async () => {
    const db = testDb();
    const w = await bookingWorld(db);

    await db
      .update(workspaces)
      .set({ policies: { cardOnFile: "not_required" } })
      .where(eq(workspaces.id, w.workspace.id));
    await db.insert(invoices).values({
      workspaceId: w.workspace.id,
      creatorId: w.creator.user.id,
      groupKey: "charge:x",
      currency: "USD",
      status: "failed",
      amountDueCents: 500,
    });
    expect(
      await createBooking(db, input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00"), w.creator.actor, now),
    ).toMatchObject({ ok: false, error: "payment_overdue" });
    expect(
      (await createBooking(db, input(w.room.id, "2026-12-03T19:00:00", "2026-12-03T21:00:00"), w.creator2.actor, now))
        .ok,
    ).toBe(true);

    await db
      .update(workspaces)
      .set({ policies: { cardOnFile: "not_required", blockBookingWhenUnpaid: "no" } })
      .where(eq(workspaces.id, w.workspace.id));
    expect(
      (await createBooking(db, input(w.room.id, "2026-12-04T10:00:00", "2026-12-04T12:00:00"), w.creator.actor, now))
        .ok,
    ).toBe(true);
  });
});

describe("invoicing across workspaces", () => {
  it("is not held up by another workspace's many charges still inside a long invoice delay", async () => {
    const db = testDb();
    const slow = await bookingWorld(db);
    await db
      .update(workspaces)
      .set({ policies: { invoiceDelayMinutes: 10_080 } })
      .where(eq(workspaces.id, slow.workspace.id));
    await db.insert(charges).values(
      Array.from({ length: 600 }, (_, i) => ({
        workspaceId: slow.workspace.id,
        creatorId: slow.creator.user.id,
        kind: "no_show_fee" as const,
        description: `Fee ${i}`,
        unitAmountCents: 100,
        amountCents: 100,
        currency: "USD",
        idempotencyKey: `bulk:${i}`,
        createdAt: now,
      })),
    );
    const { db: db2, w, endedAt } = await completedSession();
    // Not scoped to a workspace: the job's own pass over everything.
    await assembleInvoices(db2, minutes(endedAt, 61), false);
    expect(await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id))).toHaveLength(1);
    expect(await db.select().from(invoices).where(eq(invoices.workspaceId, slow.workspace.id))).toHaveLength(0);
  });
});

describe(`corrections at the same time (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, () => {
  it("a credit and an offline payment of the same invoice never deadlock", async () => {
    const { db, w, booking, endedAt } = await completedSession();
    await assembleInvoices(db, minutes(endedAt, 61), false, { workspaceId: w.workspace.id });
    const [inv] = await db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id));
    const [room] = (await chargesOf(booking.id)).filter((c) => c.kind === "room_time");
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        creditCharge(db, w.manager.actor, room.id, { amount: 1, reason: `Round ${round}` }, endedAt),
        recordOfflinePayment(db, w.manager.actor, inv.id, { note: "Paid at the desk" }, endedAt),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
    }
  });
});
