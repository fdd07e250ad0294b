import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { charges, invoices } from "@/db/schema";
import { sendDueInvoices } from "./invoicing";
import { creatorBalance } from "./balances";
import { creditCharge } from "./credit-charge";
import { statusFromStripe } from "./sync-invoice";
import { fixtureNow as now, sessionWithCard } from "@/testing/billing/billing-fixtures";
import { startStripeTestServer, type StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { handleStripeWebhook } from "./webhooks";

const SECRET = "whsec_corrections";
let server: StripeTestServer;
let stripe: Stripe;
beforeAll(async () => {
  server = await startStripeTestServer();
  stripe = server.client({ timeoutMs: 400 });
});
afterAll(() => server.close());
beforeEach(() => server.clearFaults());

async function deliver(db: ReturnType<typeof import("@/db/testing/db").testDb>, event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return handleStripeWebhook(
    db,
    stripe,
    {
      payload,
      signature: Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: SECRET,
        timestamp: Math.floor(now.getTime() / 1000),
      }),
      secret: SECRET,
    },
    now,
  );
}
const lastEvent = (type: string, id: string) =>
  server.events.filter((e) => e.type === type && (e.data.object as { id?: string }).id === id).at(-1)!;

describe("Stripe answered 500 after doing the work (the 500 is what a retry with the same key gets for a day)", () => {
  it("adopts the invoice item Stripe made instead of making a second one, even once the key has expired", async () => {
    const { db, w, inv, customer, due } = await sessionWithCard(server, stripe);
    server.fault({ method: "POST", path: "/v1/invoiceitems" }, "500_after", 1);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({ retrying: 1 });
    server.expireIdempotencyKeys();
    const [waiting] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(await sendDueInvoices(db, stripe, waiting.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
      paid: 1,
    });
    const items = [...server.objects.invoiceItems.values()].filter((i) => i.customer === customer.stripeCustomerId);
    expect(items.map((i) => i.amount).sort((a, b) => a - b)).toEqual([2500, 12_000]);
    const [paid] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(paid).toMatchObject({ status: "paid", amountPaidCents: 14_500 });
  });

  it("adopts the invoice itself the same way", async () => {
    const { db, w, inv, customer, due } = await sessionWithCard(server, stripe);
    server.fault({ method: "POST", path: "/v1/invoices" }, "500_after", 1);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({ retrying: 1 });
    const [waiting] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(await sendDueInvoices(db, stripe, waiting.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
    });
    expect([...server.objects.invoices.values()].filter((i) => i.customer === customer.stripeCustomerId)).toHaveLength(
      1,
    );
  });
});

describe("credits on invoices that change at Stripe", () => {
  it("settles a credit of a failed invoice when the creator then pays it; nothing stays owed", async () => {
    const { db, w, inv, due } = await sessionWithCard(server, stripe, { declines: true });
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [room] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "room_time")));
    const credit = await creditCharge(
      db,
      w.manager.actor,
      room.id,
      { amount: 20, reason: "Started 20 minutes late" },
      due,
    );
    if (!credit.ok) throw new Error(credit.error);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({ credited: 1 });
    const [noted] = await db.select().from(charges).where(eq(charges.id, credit.value.id));
    expect(noted).toMatchObject({ status: "invoiced" }); // a credit note lowers what is due; nothing to refund yet
    const [failed] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(failed).toMatchObject({ status: "failed", amountDueCents: 12_500 });

    const page = await fetch(failed.hostedInvoiceUrl!, { method: "POST" });
    expect(page.ok).toBe(true);
    expect(await deliver(db, lastEvent("invoice.paid", failed.stripeInvoiceId!))).toMatchObject({ ok: true });
    const [paid] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(paid.status).toBe("paid");
    expect(
      (await db.select().from(charges).where(eq(charges.invoiceId, inv.id))).every((c) => c.status === "paid"),
    ).toBe(true);
    expect((await creatorBalance(db, w.workspace.id, w.creator.user.id)).outstanding).toEqual([]);
  });

  it("voids a pending credit, and the charges, when the invoice was voided in Stripe", async () => {
    const { db, w, inv, due } = await sessionWithCard(server, stripe, { declines: true });
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [room] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "room_time")));
    const credit = await creditCharge(db, w.manager.actor, room.id, { amount: 20, reason: "Goodwill" }, due);
    if (!credit.ok) throw new Error(credit.error);
    const [failed] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    await stripe.invoices.voidInvoice(failed.stripeInvoiceId!);
    const later = new Date(due.getTime() + 5 * 60_000);
    const r = await sendDueInvoices(db, stripe, later, { workspaceId: w.workspace.id });
    expect(r).toMatchObject({ credited: 0, retrying: 0 });
    expect(await sendDueInvoices(db, stripe, later, { workspaceId: w.workspace.id })).toMatchObject({
      credited: 0,
      sent: 0,
    }); // not picked again
    const [voidCredit] = await db.select().from(charges).where(eq(charges.id, credit.value.id));
    expect(voidCredit).toMatchObject({ status: "void", voidReason: "The invoice was voided in Stripe." });
    expect(await deliver(db, lastEvent("invoice.voided", failed.stripeInvoiceId!))).toMatchObject({ ok: true });
    const [voided] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(voided.status).toBe("void");
    expect(
      (await db.select().from(charges).where(eq(charges.invoiceId, inv.id))).every((c) => c.status === "void"),
    ).toBe(true);
    expect((await creatorBalance(db, w.workspace.id, w.creator.user.id)).outstanding).toEqual([]);
  });
});

describe("refunds made in the Stripe Dashboard", () => {
  it("become credits in the ledger, once; our own credit notes' refunds do not count twice", async () => {
    const { db, w, inv, due } = await sessionWithCard(server, stripe);
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [paid] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    const stripeCharge = [...server.objects.charges.values()].find(
      (c) => c.payment_intent === paid.stripePaymentIntentId,
    )!;

    // Ours first: a credit note that refunds $30.
    const [room] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "room_time")));
    await creditCharge(db, w.manager.actor, room.id, { amount: 30, reason: "Lights failed" }, due);
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    expect(await deliver(db, lastEvent("charge.refunded", stripeCharge.id))).toMatchObject({ ok: true });

    // Then $10 refunded by hand in the Dashboard.
    const refundId = server.refundCharge(stripeCharge.id, 1000);
    const event = lastEvent("charge.refunded", stripeCharge.id);
    expect(await deliver(db, event)).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(await deliver(db, event)).toMatchObject({ ok: true, value: { duplicate: true } });
    const credits = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "credit")));
    expect(
      credits
        .map((c) => [
          c.amountCents,
          c.status,
          c.idempotencyKey.startsWith("stripe_refund:") ? c.idempotencyKey : "ours",
        ])
        .sort(),
    ).toEqual([
      [-1000, "paid", `stripe_refund:${refundId}`],
      [-3000, "paid", "ours"],
    ]);
    const [after] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(after.amountRefundedCents).toBe(4000);
  });
});

describe("statusFromStripe", () => {
  const open = { status: "open" as const, attempted: false, attempt_count: 0, amount_remaining: 100 };
  it("moves forward only: an older read never undoes a newer state", () => {
    expect(statusFromStripe(open, "draft")).toBe("open");
    expect(statusFromStripe({ ...open, attempted: true, attempt_count: 1 }, "open")).toBe("failed");
    expect(statusFromStripe(open, "failed")).toBe("failed");
    expect(statusFromStripe(open, "void")).toBe("void");
    expect(statusFromStripe(open, "uncollectible")).toBe("uncollectible");
    expect(statusFromStripe({ ...open, status: "paid" }, "uncollectible")).toBe("paid");
    expect(statusFromStripe({ ...open, status: "void" }, "paid")).toBe("paid");
    expect(statusFromStripe({ ...open, status: "draft" }, "draft")).toBe("draft");
  });
});
