import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { bookings, charges, studios } from "@/db/schema";
import type { Db } from "@/db/client";
import { testDb } from "@/db/testing/db";
import { makeMember } from "@/db/testing/factories";
import { setUpConnectWorld } from "@/testing/billing/connect-world";
import type { StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { quoteFor } from "../bookings/create-booking";
import { loadRoomContext } from "../bookings/room-context";
import { studioSchema } from "../studios/schemas";
import { updateStudio } from "../studios/studios";
import { creditCharge } from "./credit-charge";
import { feeWithTax, sessionChargesWithTax } from "./session-charges";
import { syncStripeTaxTransactions } from "./stripe-tax-transactions";
import { writeChargeRows } from "./write-charges";

// Sales at Stripe Tax's rate are recorded with Stripe Tax once paid (a transaction per tax line, on the invoice's
// account), and the tax a credit gives back is reversed exactly; every step is safe to repeat.

const world = setUpConnectWorld();
const { clock, later, connectedWorkspace, taxReady, saveCard, invoiceAndSend } = world;
let stripe: Stripe;
let server: StripeTestServer;
beforeAll(() => {
  stripe = world.stripe();
  server = world.server();
});
type World = Awaited<ReturnType<typeof connectedWorkspace>>;

/** A connected workspace whose Los Angeles studio takes Stripe Tax's rate (CA 9.5 %, prices exclude it). */
async function stripeTaxedWorld(db: Db) {
  const w = await connectedWorkspace(db, { basisPoints: 500 });
  await taxReady(w.account, { registerCa: true });
  later(24 * 60); // registered the day before the sales below (Stripe Tax collects from the registration's start)
  const owner = (await makeMember(db, w.workspace.id, "owner")).actor;
  const input = studioSchema.parse({
    name: "Downtown",
    timeZone: "America/Los_Angeles",
    openingHours: [],
    taxMode: "exclusive",
    taxSource: "stripe",
    taxLine1: "1200 S Santa Fe Ave",
    taxCity: "Los Angeles",
    taxState: "CA",
    taxPostalCode: "90021",
    taxCountry: "US",
  });
  const saved = await updateStudio(db, owner, { ...input, studioId: w.studio.id }, clock.now, {
    stripe,
    mode: "platform",
  });
  expect(saved.ok).toBe(true);
  return w;
}

/** A 3-hour session of the creator, quoted with the studio's tax, checked out two hours ago: its charges. */
async function checkedOutSession(db: Db, w: World, creatorId: string, chargedAt?: Date) {
  const startsAt = new Date(clock.now.getTime() - 5 * 3_600_000);
  const endsAt = new Date(clock.now.getTime() - 2 * 3_600_000);
  const ctx = await loadRoomContext(db, { workspaceId: w.workspace.id, roomId: w.room.id, from: startsAt, to: endsAt });
  const quote = await quoteFor(db, ctx!, startsAt, endsAt, []);
  const [b] = await db
    .insert(bookings)
    .values({
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      creatorId,
      code: `T${crypto.randomUUID().slice(0, 5)}`,
      status: "completed",
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      quote,
      createdBy: creatorId,
    })
    .returning();
  await writeChargeRows(
    db,
    sessionChargesWithTax({ id: b.id, code: b.code, quote }, []).map((d) => ({
      ...d,
      workspaceId: w.workspace.id,
      creatorId,
      bookingId: b.id,
      createdAt: chargedAt ?? endsAt,
    })),
  );
  return db.select().from(charges).where(eq(charges.bookingId, b.id)).orderBy(charges.kind);
}

/** A no-show fee of `cents` on a booking of the creator, its tax carved out at the quote's (Stripe Tax's) rate. */
async function chargedFee(db: Db, w: World, creatorId: string, cents: number) {
  const startsAt = new Date(clock.now.getTime() - 5 * 3_600_000);
  const endsAt = new Date(clock.now.getTime() - 2 * 3_600_000);
  const ctx = await loadRoomContext(db, { workspaceId: w.workspace.id, roomId: w.room.id, from: startsAt, to: endsAt });
  const quote = await quoteFor(db, ctx!, startsAt, endsAt, []);
  const [b] = await db
    .insert(bookings)
    .values({
      workspaceId: w.workspace.id,
      roomId: w.room.id,
      creatorId,
      code: `F${crypto.randomUUID().slice(0, 5)}`,
      status: "no_show",
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      quote,
      createdBy: creatorId,
    })
    .returning();
  const fee = {
    kind: "no_show_fee" as const,
    description: `No-show (${b.code})`,
    quantity: 1,
    unitAmountCents: cents,
    amountCents: cents,
    currency: "USD",
    idempotencyKey: `no_show_fee:${b.id}`,
  };
  await writeChargeRows(
    db,
    feeWithTax(fee, quote, b.code).map((d) => ({
      ...d,
      workspaceId: w.workspace.id,
      creatorId,
      bookingId: b.id,
      createdAt: endsAt,
    })),
  );
  return db.select().from(charges).where(eq(charges.bookingId, b.id)).orderBy(charges.kind);
}

describe("recording sales with Stripe Tax", () => {
  it("records a paid session's tax as a transaction on the workspace's account, and reverses a credit's tax exactly", async () => {
    const db = testDb();
    const w = await stripeTaxedWorld(db);
    const creator = w.creator.user.id;
    await saveCard(db, w, creator);
    const rows = await checkedOutSession(db, w, creator);
    const line = rows.find((r) => r.kind === "tax")!;
    const room = rows.find((r) => r.kind === "room_time")!;
    // $180.00 of room time at CA 9.5 %: $17.10, marked as Stripe Tax's with its base.
    expect(line).toMatchObject({ amountCents: 1710, taxableCents: 18_000, stripeTax: true, taxRate: "9.500" });

    // Not paid yet: nothing to record.
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 0 });
    expect(await invoiceAndSend(db, w)).toMatchObject({ sent: 1, paid: 1 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 1, failed: 0 });
    const [recorded] = await db.select().from(charges).where(eq(charges.id, line.id));
    expect(recorded.stripeTaxTransaction).toMatch(/^tax_/);
    const txn = await stripe.tax.transactions.retrieve(
      recorded.stripeTaxTransaction!,
      { expand: ["line_items"] },
      { stripeAccount: w.account },
    );
    expect(txn).toMatchObject({ type: "transaction", reference: `livebase-${line.id}`, currency: "usd" });
    expect(txn.line_items!.data[0]).toMatchObject({ amount: 18_000, amount_tax: 1710 });
    // It lives on the workspace's account only.
    const onPlatform = await stripe.tax.transactions.retrieve(recorded.stripeTaxTransaction!).catch((e) => e);
    expect(onPlatform).toBeInstanceOf(Stripe.errors.StripeError);

    // A second pass records nothing again.
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 0, reversed: 0 });

    // A credit of $45.00 of the room time gives back $4.28 of tax (45.00 × 9.5 % = 4.275, half up): reversed as
    // exactly that, with the $45.00 it goes with.
    const credited = await creditCharge(
      db,
      w.manager.actor,
      room.id,
      { amount: 45, reason: "Lights failed" },
      clock.now,
    );
    expect(credited.ok).toBe(true);
    await invoiceAndSend(db, w);
    const taxCredit = (await db.select().from(charges).where(eq(charges.correctsChargeId, line.id)))[0];
    expect(taxCredit).toMatchObject({ amountCents: -428 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ reversed: 1, failed: 0 });
    const [after] = await db.select().from(charges).where(eq(charges.id, taxCredit.id));
    const reversal = await stripe.tax.transactions.retrieve(
      after.stripeTaxTransaction!,
      { expand: ["line_items"] },
      { stripeAccount: w.account },
    );
    expect(reversal).toMatchObject({ type: "reversal", reversal: { original_transaction: txn.id } });
    expect(reversal.line_items!.data[0]).toMatchObject({ amount: -4500, amount_tax: -428 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 0, reversed: 0 });
  });

  it("records a fee whose tax was carved out with exactly the tax charged, and reverses its credit within it", async () => {
    const db = testDb();
    const w = await stripeTaxedWorld(db);
    const creator = w.creator.user.id;
    await saveCard(db, w, creator);
    // A $90.08 fee, tax included: 90.08 × 9.5 / 109.5 = 7.815 → $7.82 of tax, $82.26 net. On the net, Stripe Tax
    // would compute 82.26 × 9.5 % = 7.8147 → $7.81, a cent less than what the creator paid.
    const rows = await chargedFee(db, w, creator, 9008);
    const line = rows.find((r) => r.kind === "tax")!;
    const fee = rows.find((r) => r.kind === "no_show_fee")!;
    expect(line).toMatchObject({ amountCents: 782, taxableCents: 8226, stripeTax: true });
    expect(await invoiceAndSend(db, w)).toMatchObject({ sent: 1, paid: 1 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 1, failed: 0 });
    const [recorded] = await db.select().from(charges).where(eq(charges.id, line.id));
    const txn = await stripe.tax.transactions.retrieve(
      recorded.stripeTaxTransaction!,
      { expand: ["line_items"] },
      { stripeAccount: w.account },
    );
    const item = txn.line_items!.data[0];
    expect(item.amount_tax).toBe(782);
    expect(item.amount - (item.tax_behavior === "inclusive" ? item.amount_tax : 0)).toBe(8226);

    // $41.13 of the fee credited gives back 41.13 × 9.5 % = 3.907 → $3.91 of tax: reversed as exactly that.
    expect((await creditCharge(db, w.manager.actor, fee.id, { amount: 41.13, reason: "Goodwill" }, clock.now)).ok).toBe(
      true,
    );
    await invoiceAndSend(db, w);
    const taxCredit = (await db.select().from(charges).where(eq(charges.correctsChargeId, line.id)))[0];
    expect(taxCredit).toMatchObject({ amountCents: -391 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ reversed: 1, failed: 0 });
    const [after] = await db.select().from(charges).where(eq(charges.id, taxCredit.id));
    const reversal = await stripe.tax.transactions.retrieve(
      after.stripeTaxTransaction!,
      { expand: ["line_items"] },
      { stripeAccount: w.account },
    );
    const back = reversal.line_items!.data[0];
    expect(back.amount_tax).toBe(-391);
    expect(back.amount - (back.tax_behavior === "inclusive" ? back.amount_tax : 0)).toBe(-4113);
  });

  it("records a sale paid more than 31 days after it was charged (Stripe Tax takes no older tax_date)", async () => {
    const db = testDb();
    const w = await stripeTaxedWorld(db);
    const creator = w.creator.user.id;
    await saveCard(db, w, creator);
    later(41 * 24 * 60);
    // Charged 40 days ago (its invoice failed, say), paid now.
    const chargedAt = new Date(clock.now.getTime() - 40 * 24 * 3_600_000);
    const line = (await checkedOutSession(db, w, creator, chargedAt)).find((r) => r.kind === "tax")!;
    expect(await invoiceAndSend(db, w)).toMatchObject({ sent: 1, paid: 1 });
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 1, failed: 0 });
    const [row] = await db.select().from(charges).where(eq(charges.id, line.id));
    expect(row.stripeTaxTransaction).toMatch(/^tax_/);
    const txn = await stripe.tax.transactions.retrieve(
      row.stripeTaxTransaction!,
      { expand: ["line_items"] },
      { stripeAccount: w.account },
    );
    expect(txn.line_items!.data[0]).toMatchObject({ amount: 18_000, amount_tax: 1710 });
  });

  it("after a lost answer, the next pass finds what Stripe made instead of recording the sale twice", async () => {
    const db = testDb();
    const w = await stripeTaxedWorld(db);
    const creator = w.creator.user.id;
    await saveCard(db, w, creator);
    const line = (await checkedOutSession(db, w, creator)).find((r) => r.kind === "tax")!;
    await invoiceAndSend(db, w);
    const before = server.objects.taxTransactions.size;
    // Stripe makes the transaction, and the answer never comes (the client gives up after its timeout).
    server.fault({ method: "POST", path: "/v1/tax/transactions/create_from_calculation" }, "hang");
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ recorded: 0, failed: 1 });
    expect(server.objects.taxTransactions.size).toBe(before + 1);
    expect(await syncStripeTaxTransactions(db, stripe)).toMatchObject({ failed: 0 });
    expect(server.objects.taxTransactions.size).toBe(before + 1);
    // The transaction's own id (the replayed answer), so its credits can be reversed later.
    const [row] = await db.select().from(charges).where(eq(charges.id, line.id));
    expect(row.stripeTaxTransaction).toBe([...server.objects.taxTransactions.keys()].at(-1));
  });

  it("leaves sales at a typed rate alone", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    const creator = w.creator.user.id;
    await saveCard(db, w, creator);
    const before = server.objects.taxTransactions.size;
    await db
      .update(studios)
      .set({ taxMode: "exclusive", taxRate: "9.5", taxName: "CA sales tax" })
      .where(eq(studios.id, w.studio.id));
    const line = (await checkedOutSession(db, w, creator)).find((r) => r.kind === "tax")!;
    expect(line.stripeTax).toBe(false);
    await invoiceAndSend(db, w);
    await syncStripeTaxTransactions(db, stripe);
    expect(server.objects.taxTransactions.size).toBe(before);
    const [row] = await db.select().from(charges).where(eq(charges.id, line.id));
    expect(row.stripeTaxTransaction).toBeNull();
  });
});
