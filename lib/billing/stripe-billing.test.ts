import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { charges, invoices, stripeEvents } from "@/db/schema";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { createBooking } from "../bookings/create-booking";
import { createBookingSchema } from "../bookings/schemas";
import { ensureStripeCustomer } from "./customers";
import { sendDueInvoices } from "./invoicing";
import { creditCharge } from "./credit-charge";
import { fixtureNow as now, la, minutes, sessionWithCard } from "@/testing/billing/billing-fixtures";
import { startStripeTestServer, type StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { handleStripeWebhook } from "./webhooks";

const WEBHOOK_SECRET = "whsec_livebase_test";

let server: StripeTestServer;
let stripe: Stripe;
beforeAll(async () => {
  server = await startStripeTestServer();
  stripe = server.client({ timeoutMs: 400 });
});
afterAll(() => server.close());
beforeEach(() => server.clearFaults());

const sessionReadyToInvoice = (card: { declines?: boolean } = {}) => sessionWithCard(server, stripe, card);

const sent = (path: string | RegExp, keyPart: string) =>
  server.requests.filter(
    (r) =>
      r.method === "POST" &&
      (typeof path === "string" ? r.path === path : path.test(r.path)) &&
      (r.idempotencyKey ?? "").includes(keyPart),
  );

describe("card on file", () => {
  it("saves the card from Checkout (setup mode) as the customer's default, one customer per creator and workspace", async () => {
    const { db, w, customer } = await sessionReadyToInvoice();
    expect(customer).toMatchObject({ cardBrand: "visa", cardLast4: "4242" });
    expect(customer.defaultPaymentMethodId).toMatch(/^pm_/);
    expect(server.objects.customers.get(customer.stripeCustomerId)?.invoice_settings.default_payment_method).toBe(
      customer.defaultPaymentMethodId,
    );
    // Asked again (another tab, a retry): the same customer.
    expect(await ensureStripeCustomer(db, { stripe, account: "" }, w.workspace.id, w.creator.user.id)).toBe(
      customer.stripeCustomerId,
    );
    const created = sent("/v1/customers", `livebase-customer-${w.workspace.id}-${w.creator.user.id}`);
    expect(created.filter((r) => !r.replayed)).toHaveLength(1);
    const checkout = server.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && r.body.customer === customer.stripeCustomerId,
    );
    expect(checkout?.body).toMatchObject({ mode: "setup", currency: "usd" });
  });
});

describe("sending invoices to Stripe", () => {
  it("sends one invoice per session, an item per charge with keys from our ids, charges the card, and marks everything paid", async () => {
    const { db, w, inv, customer, due } = await sessionReadyToInvoice();
    const result = await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    expect(result).toMatchObject({ sent: 1, paid: 1, retrying: 0 });
    const [created] = sent("/v1/invoices", `livebase-invoice-${inv.id}`);
    expect(created.body).toMatchObject({
      customer: customer.stripeCustomerId,
      currency: "usd",
      collection_method: "charge_automatically",
      metadata: { livebase_invoice_id: inv.id },
    });
    const ours = await db.select().from(charges).where(eq(charges.invoiceId, inv.id));
    const items = server.requests.filter(
      (r) => r.path === "/v1/invoiceitems" && ours.some((c) => r.idempotencyKey === `livebase-invoice-item-${c.id}`),
    );
    expect(items.map((r) => Number(r.body.amount)).sort((a, b) => a - b)).toEqual([2500, 12_000]);
    expect(items.every((r) => r.body.customer === customer.stripeCustomerId)).toBe(true);
    const [after] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(after).toMatchObject({ status: "paid", amountPaidCents: 14_500, lastError: null });
    expect(after.hostedInvoiceUrl).toContain(after.stripeInvoiceId!);
    expect(after.stripePaymentIntentId).toMatch(/^pi_/);
    expect(
      (await db.select().from(charges).where(eq(charges.invoiceId, inv.id))).every(
        (c) => c.status === "paid" && c.stripeInvoiceItemId,
      ),
    ).toBe(true);
    // Nothing is due any more: a second pass sends nothing.
    expect(await sendDueInvoices(db, stripe, minutes(due, 60), { workspaceId: w.workspace.id })).toMatchObject({
      sent: 0,
    });
  });

  it("retries with backoff when Stripe answers 500, and ends with exactly one invoice, paid", async () => {
    const { db, w, inv, customer, due } = await sessionReadyToInvoice();
    server.fault({ method: "POST", path: "/v1/invoiceitems" }, "500", 1);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 0,
      retrying: 1,
    });
    const [waiting] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(waiting.status).toBe("draft");
    expect(waiting.lastError).toContain("StripeAPIError");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(due.getTime());
    // Not before the backoff…
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 0,
      retrying: 0,
    });
    // …then it goes through.
    expect(await sendDueInvoices(db, stripe, waiting.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
      paid: 1,
    });
    const atStripe = [...server.objects.invoices.values()].filter((i) => i.customer === customer.stripeCustomerId);
    expect(atStripe).toHaveLength(1);
    expect(atStripe[0].status).toBe("paid");
    expect(atStripe[0].lines.data).toHaveLength(2);
  });

  it("survives Stripe hanging after it did the work: the retry replays the same invoice instead of making another", async () => {
    const { db, w, inv, customer, due } = await sessionReadyToInvoice();
    server.fault({ method: "POST", path: "/v1/invoices" }, "hang", 1);
    server.fault({ method: "POST", path: /^\/v1\/invoices\/[^/]+\/pay$/ }, "hang", 1);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({ retrying: 1 });
    const [first] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(first.stripeInvoiceId).toBeNull(); // we never heard back…
    expect([...server.objects.invoices.values()].filter((i) => i.customer === customer.stripeCustomerId)).toHaveLength(
      1,
    ); // …but Stripe made it
    // Second attempt: the invoice is replayed, items are added, and the pay call hangs (Stripe charges the card).
    expect(await sendDueInvoices(db, stripe, first.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      retrying: 1,
    });
    const [second] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(await sendDueInvoices(db, stripe, second.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
    });
    const atStripe = [...server.objects.invoices.values()].filter((i) => i.customer === customer.stripeCustomerId);
    expect(atStripe).toHaveLength(1);
    expect(atStripe[0].lines.data).toHaveLength(2);
    expect([...server.objects.charges.values()].filter((c) => c.customer === customer.stripeCustomerId)).toHaveLength(
      1,
    ); // charged once
    const [done] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(done).toMatchObject({ status: "paid", stripeInvoiceId: atStripe[0].id });
    // The retry found the hung request's invoice at Stripe (by our id in its metadata) instead of asking again.
    expect(sent("/v1/invoices", `livebase-invoice-${inv.id}`)).toHaveLength(1);
    expect(
      server.requests.some(
        (r) => r.method === "GET" && r.path === "/v1/invoices" && r.body.customer === customer.stripeCustomerId,
      ),
    ).toBe(true);
  });

  it(`lets two workers at once send one invoice with one item per charge (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const { db, w, inv, customer, due } = await sessionReadyToInvoice();
    const [a, b] = await Promise.all([
      sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id }),
      sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    const ours = await db.select().from(charges).where(eq(charges.invoiceId, inv.id));
    for (const c of ours)
      expect(server.requests.filter((r) => r.idempotencyKey === `livebase-invoice-item-${c.id}`)).toHaveLength(1);
    expect(
      [...server.objects.invoiceItems.values()].filter((i) => i.customer === customer.stripeCustomerId),
    ).toHaveLength(2);
  });

  it("marks a declined payment failed with the hosted link to pay, blocks new bookings, and clears when paid", async () => {
    const { db, w, inv, due } = await sessionReadyToInvoice({ declines: true });
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
      failed: 1,
      retrying: 0,
    });
    const [failed] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(failed).toMatchObject({ status: "failed", failureMessage: "Your card was declined." });
    expect(failed.hostedInvoiceUrl).toBeTruthy();
    expect(
      (await db.select().from(charges).where(eq(charges.invoiceId, inv.id))).every((c) => c.status === "failed"),
    ).toBe(true);
    const blocked = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-10T19:00:00").toISOString(),
        endsAt: la("2026-12-10T21:00:00").toISOString(),
      }),
      w.creator.actor,
      now,
    );
    expect(blocked).toMatchObject({ ok: false, error: "payment_overdue" });

    // The creator pays on Stripe's hosted page; Stripe tells us with invoice.paid.
    const page = await fetch(failed.hostedInvoiceUrl!, { method: "POST" });
    expect(page.ok).toBe(true);
    const paid = server.events
      .filter((e) => e.type === "invoice.paid" && (e.data.object as { id: string }).id === failed.stripeInvoiceId)
      .at(-1)!;
    const payload = JSON.stringify(paid);
    const r = await handleStripeWebhook(
      db,
      stripe,
      {
        payload,
        signature: Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: WEBHOOK_SECRET,
          timestamp: Math.floor(now.getTime() / 1000),
        }),
        secret: WEBHOOK_SECRET,
      },
      now,
    );
    expect(r).toMatchObject({ ok: true, value: { duplicate: false } });
    const [settled] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(settled.status).toBe("paid");
    const again = await createBooking(
      db,
      createBookingSchema.parse({
        roomId: w.room.id,
        startsAt: la("2026-12-10T19:00:00").toISOString(),
        endsAt: la("2026-12-10T21:00:00").toISOString(),
      }),
      w.creator.actor,
      now,
    );
    expect(again.ok).toBe(true);
  });

  it("turns a credit of a paid invoice into a credit note that refunds the card", async () => {
    const { db, w, inv, due } = await sessionReadyToInvoice();
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [room] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.invoiceId, inv.id), eq(charges.kind, "room_time")));
    const credit = await creditCharge(
      db,
      w.manager.actor,
      room.id,
      { amount: 30, reason: "Lights failed for 30 minutes" },
      due,
    );
    expect(credit).toMatchObject({ ok: true, value: { status: "pending", amountCents: -3000 } });
    server.fault({ method: "POST", path: "/v1/credit_notes" }, "500", 1);
    expect(await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id })).toMatchObject({
      credited: 0,
      retrying: 1,
    });
    const [waiting] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(await sendDueInvoices(db, stripe, waiting.nextAttemptAt, { workspaceId: w.workspace.id })).toMatchObject({
      credited: 1,
    });
    const notes = [...server.objects.creditNotes.values()].filter((n) => n.invoice === waiting.stripeInvoiceId);
    expect(notes).toHaveLength(1);
    expect(notes[0].amount).toBe(3000);
    const [refunded] = await db
      .select()
      .from(charges)
      .where(eq(charges.id, credit.ok ? credit.value.id : ""));
    expect(refunded).toMatchObject({ status: "paid", stripeCreditNoteId: notes[0].id });
    const [after] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(after).toMatchObject({ status: "paid", amountRefundedCents: 3000 });
    const stripeCharge = [...server.objects.charges.values()].find(
      (c) => c.payment_intent === after.stripePaymentIntentId,
    );
    expect(stripeCharge?.amount_refunded).toBe(3000);
  });
});

describe("webhooks", () => {
  const sign = (payload: string, secret = WEBHOOK_SECRET) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(now.getTime() / 1000) });

  it("refuses a bad signature and writes nothing", async () => {
    const db = testDb();
    const payload = JSON.stringify({
      id: `evt_bad_${crypto.randomUUID()}`,
      object: "event",
      type: "invoice.paid",
      data: { object: { id: "in_x", object: "invoice" } },
    });
    for (const signature of [sign(payload, "whsec_someone_else"), null, "t=1,v1=deadbeef"]) {
      expect(await handleStripeWebhook(db, stripe, { payload, signature, secret: WEBHOOK_SECRET }, now)).toMatchObject({
        ok: false,
        error: "bad_signature",
      });
    }
    expect(
      await db
        .select()
        .from(stripeEvents)
        .where(eq(stripeEvents.id, JSON.parse(payload).id)),
    ).toHaveLength(0);
  });

  it("treats a replayed event as a no-op, and the order of events does not matter", async () => {
    const { db, w, inv, due } = await sessionReadyToInvoice();
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [paidInv] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    const events = server.events.filter((e) => (e.data.object as { id?: string }).id === paidInv.stripeInvoiceId);
    const finalized = events.find((e) => e.type === "invoice.finalized")!;
    const paid = events.find((e) => e.type === "invoice.paid")!;
    // Paid first, finalized (whose payload still says "open") after: the sync reads Stripe, so it stays paid.
    for (const e of [paid, finalized]) {
      const payload = JSON.stringify(e);
      expect(
        await handleStripeWebhook(db, stripe, { payload, signature: sign(payload), secret: WEBHOOK_SECRET }, now),
      ).toMatchObject({ ok: true, value: { duplicate: false } });
    }
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0].status).toBe("paid");
    const before = server.requests.length;
    const payload = JSON.stringify(paid);
    expect(
      await handleStripeWebhook(db, stripe, { payload, signature: sign(payload), secret: WEBHOOK_SECRET }, now),
    ).toMatchObject({ ok: true, value: { duplicate: true } });
    expect(server.requests.length).toBe(before); // a duplicate does not even ask Stripe
    const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, paid.id));
    expect(stored.processedAt).not.toBeNull();
  });

  it("keeps an event whose sync failed and processes it when Stripe delivers it again", async () => {
    const { db, w, inv, due } = await sessionReadyToInvoice();
    await sendDueInvoices(db, stripe, due, { workspaceId: w.workspace.id });
    const [paidInv] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    const paid = server.events.find(
      (e) => e.type === "invoice.paid" && (e.data.object as { id?: string }).id === paidInv.stripeInvoiceId,
    )!;
    await db.update(invoices).set({ status: "open" }).where(eq(invoices.id, inv.id)); // as if we had missed the payment
    const payload = JSON.stringify(paid);
    server.fault({ method: "GET", path: `/v1/invoices/${paidInv.stripeInvoiceId}` }, "500", 1);
    expect(
      await handleStripeWebhook(db, stripe, { payload, signature: sign(payload), secret: WEBHOOK_SECRET }, now),
    ).toMatchObject({ ok: false, error: "sync_failed" });
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0].status).toBe("open");
    expect(
      await handleStripeWebhook(db, stripe, { payload, signature: sign(payload), secret: WEBHOOK_SECRET }, now),
    ).toMatchObject({ ok: true, value: { duplicate: false } });
    expect((await db.select().from(invoices).where(eq(invoices.id, inv.id)))[0].status).toBe("paid");
  });
});
