import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseStripeForm } from "./stripe-test-routes";
import { startStripeTestServer, type StripeTestServer } from "./stripe-test-server";

// Every API behaviour is driven through the real SDK, as our billing code drives Stripe; hosted pages through
// plain HTTP, as a browser would.

let server: StripeTestServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startStripeTestServer();
  stripe = server.client();
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.webhook = null;
});

async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const eventsOf = (id: string) => server.events.filter((e) => (e.data.object as { id?: string }).id === id).map((e) => e.type);

async function customerWithCard(card?: { declines?: boolean }) {
  const customer = await stripe.customers.create({ email: "ana@example.com", name: "Ana" });
  if (card) server.addCard(customer.id, card);
  return customer;
}

async function openInvoice(customer: string, amounts: number[], currency = "eur") {
  const draft = await stripe.invoices.create({ customer, currency, collection_method: "charge_automatically", auto_advance: false, pending_invoice_items_behavior: "exclude" });
  for (const [i, amount] of amounts.entries()) {
    await stripe.invoiceItems.create({ customer, invoice: draft.id, amount, currency, description: `Session ${i + 1}`, metadata: { line: String(i) } });
  }
  return stripe.invoices.finalizeInvoice(draft.id);
}

describe("the API surface", () => {
  it("refuses a request without the right secret key", async () => {
    const wrong = new Stripe("sk_test_wrong", { host: "127.0.0.1", port: server.port, protocol: "http", maxNetworkRetries: 0, telemetry: false });
    const err = await stripeError(wrong.customers.create({ email: "x@example.com" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.message).toBe("Invalid API Key provided");
  });

  it("creates, reads and updates a customer, with nested metadata and a customer.updated event", async () => {
    const created = await stripe.customers.create({ email: "ana@example.com", name: "Ana", metadata: { livebase_user_id: "u1", team: "a b&c" } });
    expect(created).toMatchObject({ object: "customer", email: "ana@example.com", livemode: false, metadata: { livebase_user_id: "u1", team: "a b&c" } });
    expect(created.id).toMatch(/^cus_\w+$/);
    const updated = await stripe.customers.update(created.id, { name: "Ana B", metadata: { team: "" } });
    expect(updated).toMatchObject({ name: "Ana B", metadata: { livebase_user_id: "u1" } });
    expect(await stripe.customers.retrieve(created.id)).toEqual(updated);
    const event = server.events.findLast((e) => e.type === "customer.updated");
    expect(event?.data.previous_attributes).toEqual({ name: "Ana", metadata: { livebase_user_id: "u1", team: "a b&c" } });
  });

  it("answers Stripe's errors for unknown ids, missing or unknown parameters and unknown URLs", async () => {
    const missingInvoice = await stripeError(stripe.invoices.retrieve("in_missing"));
    expect(missingInvoice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missingInvoice).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id", message: "No such invoice: 'in_missing'" });
    const noCustomer = await stripeError(stripe.invoices.create({} as Stripe.InvoiceCreateParams));
    expect(noCustomer).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "customer" });
    const typo = await stripeError(stripe.rawRequest("POST", "/v1/customers", { emial: "x@example.com" }));
    expect(typo).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "emial" });
    const route = await stripeError(stripe.rawRequest("GET", "/v1/subscriptions"));
    expect(route).toMatchObject({ statusCode: 404, message: "Unrecognized request URL (GET: /v1/subscriptions)." });
    const expand = await stripeError(stripe.customers.retrieve((await customerWithCard()).id, { expand: ["email"] }));
    expect(expand).toMatchObject({ statusCode: 400, param: "expand" });
  });
});

describe("Checkout in setup mode and the customer portal", () => {
  it("saves a card through Checkout without making it the default, then the default is set by the caller", async () => {
    const customer = await customerWithCard();
    const session = await stripe.checkout.sessions.create({
      mode: "setup",
      customer: customer.id,
      currency: "eur",
      success_url: "http://app.test/billing?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing",
      metadata: { livebase_user_id: "u1" },
    });
    expect(session).toMatchObject({ object: "checkout.session", mode: "setup", status: "open", setup_intent: null, url: `${server.url}/checkout/${session.id}` });
    expect(session.id).toMatch(/^cs_test_/);

    server.completeCheckout(session.id, { last4: "4242" });
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
    expect(done.status).toBe("complete");
    const si = done.setup_intent as Stripe.SetupIntent;
    expect(si).toMatchObject({ object: "setup_intent", status: "succeeded", customer: customer.id, usage: "off_session" });
    expect(await stripe.paymentMethods.retrieve(si.payment_method as string)).toMatchObject({ type: "card", customer: customer.id, card: { brand: "visa", last4: "4242" } });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ invoice_settings: { default_payment_method: null } });
    expect(server.events.slice(-2).map((e) => e.type)).toEqual(["setup_intent.succeeded", "checkout.session.completed"]);

    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: si.payment_method as string } });
    const withCard = (await stripe.customers.retrieve(customer.id, { expand: ["invoice_settings.default_payment_method"] })) as Stripe.Customer;
    expect(withCard.invoice_settings.default_payment_method).toMatchObject({ id: si.payment_method, card: { last4: "4242" } });
    expect(await stripeError(stripe.checkout.sessions.create({ mode: "payment", customer: customer.id }))).toMatchObject({ statusCode: 400, param: "mode" });
  });

  it("refuses a default card that belongs to someone else", async () => {
    const other = await customerWithCard({});
    const otherCard = server.addCard(other.id);
    const customer = await customerWithCard();
    const err = await stripeError(stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: otherCard } }));
    expect(err).toMatchObject({ statusCode: 400, param: "invoice_settings[default_payment_method]" });
  });

  it("opens a portal session for a customer", async () => {
    const customer = await customerWithCard();
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://app.test/billing" });
    expect(portal).toMatchObject({ object: "billing_portal.session", customer: customer.id, return_url: "http://app.test/billing", url: `${server.url}/portal/${portal.id}` });
    expect(portal.id).toMatch(/^bps_/);
  });
});

describe("invoices", () => {
  it("totals a draft's items, finalizes it to open with hosted links, and refuses to finalize it twice", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [2500, 1000]);
    expect(invoice).toMatchObject({ status: "open", currency: "eur", subtotal: 3500, total: 3500, amount_due: 3500, amount_paid: 0, amount_remaining: 3500, attempted: false });
    expect(invoice.lines.data.map((l) => [l.amount, l.description])).toEqual([
      [2500, "Session 1"],
      [1000, "Session 2"],
    ]);
    expect(invoice.hosted_invoice_url).toBe(`${server.url}/invoice/${invoice.id}`);
    expect(invoice.invoice_pdf).toBe(`${server.url}/invoice/${invoice.id}/pdf`);
    expect(invoice.status_transitions.finalized_at).toEqual(expect.any(Number));
    expect(eventsOf(invoice.id)).toContain("invoice.finalized");
    expect(await stripeError(stripe.invoices.finalizeInvoice(invoice.id))).toMatchObject({ statusCode: 400 });
    const late = await stripeError(stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 100, currency: "eur" }));
    expect(late).toMatchObject({ statusCode: 400, param: "invoice" });
  });

  it("refuses an item for another customer's invoice", async () => {
    const owner = await customerWithCard();
    const draft = await stripe.invoices.create({ customer: owner.id, currency: "eur" });
    const other = await customerWithCard();
    expect(await stripeError(stripe.invoiceItems.create({ customer: other.id, invoice: draft.id, amount: 100, currency: "eur" }))).toMatchObject({ statusCode: 400, param: "invoice" });
  });

  it("settles a zero invoice as it is finalized", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, []);
    expect(invoice).toMatchObject({ status: "paid", total: 0, amount_remaining: 0 });
    expect(eventsOf(invoice.id)).toEqual(["invoice.created", "invoice.finalized", "invoice.paid"]);
  });

  it("fails to pay without a card, is declined by a declining card, and pays with a working one", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [4200]);

    const noCard = await stripeError(stripe.invoices.pay(invoice.id));
    expect(noCard).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(noCard.message).toBe("This customer has no attached payment source or default payment method.");
    expect(server.events.at(-1)).toMatchObject({ type: "invoice.payment_failed", data: { object: { id: invoice.id, attempted: true } } });

    server.addCard(customer.id, { declines: true });
    const declined = await stripeError(stripe.invoices.pay(invoice.id));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: "open", attempted: true, attempt_count: 2, amount_remaining: 4200 });

    server.addCard(customer.id);
    const paid = await stripe.invoices.pay(invoice.id);
    expect(paid).toMatchObject({ status: "paid", amount_paid: 4200, amount_remaining: 0 });
    expect(paid.status_transitions.paid_at).toEqual(expect.any(Number));
    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] });
    const payment = withPayments.payments?.data[0];
    expect(payment).toMatchObject({ object: "invoice_payment", status: "paid", amount_paid: 4200, payment: { type: "payment_intent" } });
    const charge = [...server.objects.charges.values()].find((c) => c.payment_intent === payment?.payment.payment_intent);
    expect(await stripe.charges.retrieve(charge?.id ?? "")).toMatchObject({ amount: 4200, amount_refunded: 0, refunded: false, status: "succeeded", customer: customer.id });
    expect(eventsOf(invoice.id).filter((t) => t.startsWith("invoice.pa"))).toEqual(["invoice.payment_failed", "invoice.payment_failed", "invoice.paid", "invoice.payment_succeeded"]);
    expect(await stripeError(stripe.invoices.pay(invoice.id))).toMatchObject({ statusCode: 400, message: "Invoice is already paid" });
    expect(await stripeError(stripe.invoices.voidInvoice(invoice.id))).toMatchObject({ statusCode: 400 });
  });

  it("voids an open invoice", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [900]);
    expect(await stripe.invoices.voidInvoice(invoice.id)).toMatchObject({ status: "void" });
    expect(await stripeError(stripe.invoices.pay(invoice.id))).toMatchObject({ statusCode: 400 });
  });
});

describe("credit notes", () => {
  it("reduce what an open invoice asks for, never below what was invoiced", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [5000]);
    const note = await stripe.creditNotes.create({ invoice: invoice.id, lines: [{ type: "custom_line_item", description: "Late cancel", quantity: 1, unit_amount: 1500 }], memo: "Goodwill" });
    expect(note).toMatchObject({ object: "credit_note", invoice: invoice.id, amount: 1500, total: 1500, status: "issued", refunds: [], memo: "Goodwill", type: "pre_payment" });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: "open", total: 5000, amount_due: 3500, amount_remaining: 3500 });
    const tooMuch = await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: [{ type: "custom_line_item", description: "Too much", quantity: 1, unit_amount: 3501 }] }));
    expect(tooMuch).toMatchObject({ statusCode: 400 });
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: [{ type: "custom_line_item", description: "x", quantity: 1 }] }))).toMatchObject({ param: "lines[0][unit_amount]" });
  });

  it("refund a paid invoice's charge, and demand refund_amount equal to the total", async () => {
    const customer = await customerWithCard({});
    const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [3000])).id);
    const line = (amount: number) => [{ type: "custom_line_item" as const, description: "Refund", quantity: 1, unit_amount: amount }];
    const refundsBefore = server.objects.refunds.size;
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000) }))).toMatchObject({ statusCode: 400, param: "refund_amount" });
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 500 }))).toMatchObject({ statusCode: 400, param: "refund_amount" });
    expect(server.objects.refunds.size).toBe(refundsBefore);

    const first = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 1000 });
    expect(first.refunds).toEqual([{ amount_refunded: 1000, refund: expect.stringMatching(/^re_/), type: "refund", payment_record_refund: null }]);
    const refund = server.objects.refunds.get(first.refunds[0].refund as string);
    const charge = await stripe.charges.retrieve(refund?.charge ?? "");
    expect(charge).toMatchObject({ amount: 3000, amount_refunded: 1000, refunded: false });
    expect(eventsOf(charge.id)).toContain("charge.refunded");
    expect(eventsOf(first.id)).toEqual(["credit_note.created"]);

    await stripe.creditNotes.create({ invoice: invoice.id, lines: line(2000), refund_amount: 2000 });
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 3000, refunded: true });
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1), refund_amount: 1 }))).toMatchObject({ statusCode: 400, param: "amount" });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: "paid", amount_paid: 3000, post_payment_credit_notes_amount: 3000 });
  });
});

describe("lists", () => {
  it("list a customer's invoices newest first, filtered by status, a page at a time", async () => {
    const customer = await customerWithCard({});
    const other = await customerWithCard();
    const draft = await stripe.invoices.create({ customer: customer.id, currency: "eur" });
    const open = await openInvoice(customer.id, [100]);
    const paid = await stripe.invoices.pay((await openInvoice(customer.id, [200])).id);
    await stripe.invoices.create({ customer: other.id, currency: "eur" });

    const all = await stripe.invoices.list({ customer: customer.id });
    expect(all).toMatchObject({ object: "list", has_more: false, url: "/v1/invoices" });
    expect(all.data.map((i) => i.id)).toEqual([paid.id, open.id, draft.id]);
    expect((await stripe.invoices.list({ customer: customer.id, status: "open" })).data.map((i) => i.id)).toEqual([open.id]);
    expect((await stripe.invoices.list({ customer: customer.id, status: "void" })).data).toEqual([]);

    const first = await stripe.invoices.list({ customer: customer.id, limit: 2 });
    expect(first.data.map((i) => i.id)).toEqual([paid.id, open.id]);
    expect(first.has_more).toBe(true);
    const next = await stripe.invoices.list({ customer: customer.id, limit: 2, starting_after: open.id });
    expect(next.data.map((i) => i.id)).toEqual([draft.id]);
    expect(next.has_more).toBe(false);
    expect((await stripe.invoices.list({ customer: customer.id, limit: 1, ending_before: draft.id })).data.map((i) => i.id)).toEqual([open.id]);
    // The SDK's auto-pagination follows starting_after from page to page.
    expect((await stripe.invoices.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 })).map((i) => i.id)).toEqual([paid.id, open.id, draft.id]);

    const expanded = await stripe.invoices.list({ customer: customer.id, limit: 1, expand: ["data.customer"] });
    expect(expanded.data[0].customer).toMatchObject({ object: "customer", id: customer.id });
    expect((await stripe.invoices.list({ limit: 100 })).data.length).toBeGreaterThanOrEqual(4);
  });

  it("refuse unknown parameters, a limit out of range, an unknown status or cursor", async () => {
    const typo = await stripeError(stripe.rawRequest("GET", "/v1/invoices?custmer=cus_x"));
    expect(typo).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "custmer" });
    expect(await stripeError(stripe.invoices.list({ limit: 101 }))).toMatchObject({ statusCode: 400, param: "limit" });
    expect(await stripeError(stripe.invoices.list({ limit: 0 }))).toMatchObject({ statusCode: 400, param: "limit" });
    expect(await stripeError(stripe.invoices.list({ status: "late" }))).toMatchObject({ statusCode: 400, param: "status" });
    expect(await stripeError(stripe.creditNotes.list({ starting_after: "cn_missing" }))).toMatchObject({ code: "resource_missing", param: "starting_after" });
    expect(await stripeError(stripe.invoiceItems.list({ expand: ["data.nothing"] }))).toMatchObject({ statusCode: 400, param: "expand" });
  });

  it("list invoice items by invoice or customer, and the pending ones", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [300, 400]);
    const pending = await stripe.invoiceItems.create({ customer: customer.id, amount: 500, currency: "eur" });
    const onInvoice = await stripe.invoiceItems.list({ invoice: invoice.id });
    expect(onInvoice).toMatchObject({ object: "list", has_more: false, url: "/v1/invoiceitems" });
    expect(onInvoice.data.map((i) => [i.amount, i.description])).toEqual([
      [400, "Session 2"],
      [300, "Session 1"],
    ]);
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data.map((i) => i.amount)).toEqual([500, 400, 300]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.map((i) => i.id)).toEqual([pending.id]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, limit: 1 })).has_more).toBe(true);
  });

  it("list an invoice's credit notes, newest first", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [5000]);
    const line = (amount: number) => [{ type: "custom_line_item" as const, description: "Credit", quantity: 1, unit_amount: amount }];
    const a = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(100), metadata: { n: "1" } });
    const b = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(200), metadata: { n: "2" } });
    const notes = await stripe.creditNotes.list({ invoice: invoice.id });
    expect(notes).toMatchObject({ object: "list", has_more: false, url: "/v1/credit_notes" });
    expect(notes.data.map((n) => [n.id, n.total, n.metadata])).toEqual([
      [b.id, 200, { n: "2" }],
      [a.id, 100, { n: "1" }],
    ]);
    expect((await stripe.creditNotes.list({ invoice: invoice.id, limit: 1, starting_after: b.id })).data.map((n) => n.id)).toEqual([a.id]);
    expect((await stripe.creditNotes.list({ invoice: "in_other" })).data).toEqual([]);
  });
});

describe("charges and refunds", () => {
  async function paidCharge(amount: number) {
    const customer = await customerWithCard({});
    const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [amount])).id);
    const payment = (await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] })).payments?.data[0];
    const charge = [...server.objects.charges.values()].find((c) => c.payment_intent === payment?.payment.payment_intent);
    if (!charge) throw new Error("the paid invoice has no charge");
    return { invoice, chargeId: charge.id };
  }
  const line = (amount: number) => [{ type: "custom_line_item" as const, description: "Refund", quantity: 1, unit_amount: amount }];

  it("a credit note's refund shows on the note and in the charge's refunds, which only expand[] includes", async () => {
    const { invoice, chargeId } = await paidCharge(5000);
    const note = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 1000, metadata: { ticket: "T-1" } });
    expect(note.metadata).toEqual({ ticket: "T-1" });
    expect(note.refunds).toEqual([{ refund: expect.stringMatching(/^re_/), amount_refunded: 1000, type: "refund", payment_record_refund: null }]);
    const refundId = note.refunds[0].refund as string;
    expect((await stripe.creditNotes.retrieve(note.id)).refunds).toEqual(note.refunds);
    const withRefund = await stripe.creditNotes.retrieve(note.id, { expand: ["refunds.refund"] });
    expect(withRefund.refunds[0].refund).toMatchObject({ object: "refund", id: refundId, amount: 1000, charge: chargeId });

    const plain = await stripe.charges.retrieve(chargeId);
    expect(plain).toMatchObject({ amount: 5000, amount_refunded: 1000, refunded: false });
    expect(plain.refunds).toBeUndefined();
    const charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge.refunds).toEqual({
      object: "list",
      data: [{ id: refundId, object: "refund", amount: 1000, charge: chargeId, status: "succeeded", created: expect.any(Number), metadata: {}, currency: "eur", livemode: false, payment_intent: plain.payment_intent, reason: null }],
      has_more: false,
      url: `/v1/charges/${chargeId}/refunds`,
    });
    expect(await stripe.refunds.retrieve(refundId)).toEqual(charge.refunds?.data[0]);
  });

  it("refundCharge refunds in the Dashboard: part, then the rest, never more than is left", async () => {
    const { invoice, chargeId } = await paidCharge(5000);
    const note = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 1000 });
    const partial = server.refundCharge(chargeId, 1500);
    expect(partial).toMatch(/^re_/);
    const event = server.events.at(-1);
    expect(event).toMatchObject({ type: "charge.refunded", request: { id: null }, data: { object: { id: chargeId, amount_refunded: 2500, refunded: false }, previous_attributes: { amount_refunded: 1000 } } });

    const charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge).toMatchObject({ amount_refunded: 2500, refunded: false });
    expect(charge.refunds?.data.map((r) => [r.id, r.amount])).toEqual([
      [partial, 1500],
      [note.refunds[0].refund, 1000],
    ]);

    const refundsBefore = server.objects.refunds.size;
    expect(() => server.refundCharge(chargeId, 2501)).toThrow("Refund amount (2501) is greater than unrefunded amount on charge (2500)");
    expect(() => server.refundCharge(chargeId, 0)).toThrow();
    expect(() => server.refundCharge("ch_missing")).toThrow("No such charge: 'ch_missing'");
    // A credit note cannot refund what the Dashboard already did, as in Stripe.
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(2501), refund_amount: 2501 }))).toMatchObject({ statusCode: 400, param: "amount" });
    expect(server.objects.refunds.size).toBe(refundsBefore);

    const rest = server.refundCharge(chargeId);
    expect(server.objects.refunds.get(rest)).toMatchObject({ amount: 2500, charge: chargeId });
    expect(server.events.at(-1)).toMatchObject({ type: "charge.refunded", data: { object: { amount_refunded: 5000, refunded: true }, previous_attributes: { amount_refunded: 2500, refunded: false } } });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(() => server.refundCharge(chargeId)).toThrow("has already been refunded");
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: "paid", amount_paid: 5000, post_payment_credit_notes_amount: 1000 });
  });
});

describe("idempotency", () => {
  it("replays the first answer for the same key and parameters, creating nothing new", async () => {
    const before = server.objects.customers.size;
    const first = await stripe.customers.create({ email: "idem@example.com", metadata: { a: "1", b: "2" } }, { idempotencyKey: "idem-customer-1" });
    const again = await stripe.customers.create({ metadata: { b: "2", a: "1" }, email: "idem@example.com" }, { idempotencyKey: "idem-customer-1" });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(server.objects.customers.size).toBe(before + 1);
    expect(server.requests.filter((r) => r.idempotencyKey === "idem-customer-1").map((r) => r.replayed)).toEqual([false, true]);
  });

  it("executes a reused key again once the keys have expired, as Stripe does after 24 hours", async () => {
    const first = await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" });
    expect((await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" })).id).toBe(first.id);
    server.expireIdempotencyKeys();
    const second = await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" });
    expect(second.id).not.toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    // The new result is kept under the key in turn; the objects made before are untouched.
    expect((await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" })).id).toBe(second.id);
    expect(await stripe.customers.retrieve(first.id)).toMatchObject({ id: first.id });
  });

  it("refuses the same key with other parameters", async () => {
    await stripe.customers.create({ email: "one@example.com" }, { idempotencyKey: "idem-customer-2" });
    const err = await stripeError(stripe.customers.create({ email: "two@example.com" }, { idempotencyKey: "idem-customer-2" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.message).toBe("Keys for idempotent requests can only be used with the same parameters they were first used with.");
  });

  it("replays a declined payment too, as Stripe does, while a new key charges the new card", async () => {
    const customer = await customerWithCard({ declines: true });
    const invoice = await openInvoice(customer.id, [1200]);
    expect(await stripeError(stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "pay-1" }))).toBeInstanceOf(Stripe.errors.StripeCardError);
    server.addCard(customer.id);
    expect(await stripeError(stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "pay-1" }))).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, status: 402 });
    expect((await stripe.invoices.retrieve(invoice.id)).attempt_count).toBe(1);
    expect(await stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "pay-2" })).toMatchObject({ status: "paid" });
  });

  it("answers 409 to a request whose key is still in use by one in progress", async () => {
    // The first request is still sending its body: the SDK cannot hold a request open, so this one is sent by hand.
    const body = "email=slow%40example.com";
    const slow = http.request({
      host: "127.0.0.1",
      port: server.port,
      method: "POST",
      path: "/v1/customers",
      headers: { authorization: `Bearer ${server.secretKey}`, "idempotency-key": "idem-busy", "content-type": "application/x-www-form-urlencoded", "content-length": body.length, expect: "100-continue" },
    });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      slow.on("response", (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      slow.on("error", reject);
    });
    await new Promise<void>((resolve) => slow.once("continue", resolve)); // the server has read the headers
    const err = await stripeError(stripe.customers.create({ email: "slow@example.com" }, { idempotencyKey: "idem-busy" }));
    expect(err).toMatchObject({ statusCode: 409, code: "idempotency_key_in_use", rawType: "idempotency_error" });
    slow.end(body);
    const first = await answered;
    expect(first.status).toBe(200);
    const replay = await stripe.customers.create({ email: "slow@example.com" }, { idempotencyKey: "idem-busy" });
    expect(replay.id).toBe((JSON.parse(first.body) as { id: string }).id);
  });
});

describe("faults", () => {
  it("500: answers an api_error without doing anything, so a retry with the same key does the work once", async () => {
    const customer = await customerWithCard();
    const before = server.objects.invoices.size;
    server.fault({ method: "POST", path: "/v1/invoices" }, "500");
    const err = await stripeError(stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(500);
    expect(server.objects.invoices.size).toBe(before);
    const retried = await stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500" });
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(server.objects.invoices.size).toBe(before + 1);
  });

  it("500_after: does the work, then answers a 500 that a retry with the same key gets again, until the key expires", async () => {
    const customer = await customerWithCard();
    const before = new Set(server.objects.invoices.keys());
    const newInvoices = () => [...server.objects.invoices.keys()].filter((id) => !before.has(id));
    server.fault({ method: "POST", path: "/v1/invoices" }, "500_after");
    const err = await stripeError(stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500-after" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err).toMatchObject({ statusCode: 500, rawType: "api_error" });
    const [created] = newInvoices();
    expect(newInvoices()).toHaveLength(1);
    expect(eventsOf(created)).toEqual(["invoice.created"]);

    const again = await stripeError(stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500-after" }));
    expect(again).toMatchObject({ statusCode: 500, rawType: "api_error", message: err.message });
    expect(again.headers?.["idempotent-replayed"]).toBe("true");
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, status: 500 });
    expect(newInvoices()).toEqual([created]);
    expect(eventsOf(created)).toEqual(["invoice.created"]);

    server.expireIdempotencyKeys();
    const fresh = await stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500-after" });
    expect(fresh.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(fresh.id).not.toBe(created);
    expect(newInvoices()).toEqual([created, fresh.id]);
  });

  it("500_after: a request refused by validation never executed, so its key stays free", async () => {
    server.fault({ method: "POST", path: "/v1/invoices" }, "500_after");
    const err = await stripeError(stripe.invoices.create({ customer: "cus_missing" }, { idempotencyKey: "fault-500-after-invalid" }));
    expect(err.statusCode).toBe(500);
    const customer = await customerWithCard();
    const invoice = await stripe.invoices.create({ customer: customer.id }, { idempotencyKey: "fault-500-after-invalid" });
    expect(invoice).toMatchObject({ object: "invoice", customer: customer.id });
  });

  it("hang: does the work but never answers; the SDK times out, and a retry with the same key gets the stored result", async () => {
    const customer = await customerWithCard({});
    const invoice = await openInvoice(customer.id, [7700]);
    const charges = server.objects.charges.size;
    server.fault({ path: /^\/v1\/invoices\/[^/]+\/pay$/ }, "hang");
    const err = await stripeError(server.client({ timeoutMs: 300 }).invoices.pay(invoice.id, {}, { idempotencyKey: "fault-hang" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(err.message).toContain("timeout");
    expect(server.objects.invoices.get(invoice.id)?.status).toBe("paid");
    const retried = await stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "fault-hang" });
    expect(retried).toMatchObject({ id: invoice.id, status: "paid", amount_paid: 7700 });
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(server.objects.charges.size).toBe(charges + 1);
    expect(eventsOf(invoice.id).filter((t) => t === "invoice.paid")).toHaveLength(1);
  });

  it("applies a fault to as many matching requests as asked, and clearFaults removes the rest", async () => {
    server.fault({ method: "GET", path: /^\/v1\/customers\// }, "500", 2);
    const customer = await customerWithCard();
    expect((await stripeError(stripe.customers.retrieve(customer.id))).statusCode).toBe(500);
    expect((await stripeError(stripe.customers.retrieve(customer.id))).statusCode).toBe(500);
    expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
    server.fault({ path: `/v1/customers/${customer.id}` }, "500");
    server.clearFaults();
    expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
  });
});

describe("webhooks", () => {
  async function receiver() {
    const received: { body: string; signature: string }[] = [];
    const hook = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["stripe-signature"]) });
        res.writeHead(200).end("{}");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/stripe/webhook`;
    return { url, received, close: () => new Promise<void>((resolve) => hook.close(() => resolve())) };
  }

  it("delivers every event signed with the endpoint's secret, as snapshots taken when they happened", async () => {
    const hook = await receiver();
    try {
      server.webhook = { url: hook.url, secret: "whsec_test_server" };
      const firstEvent = server.events.length;
      const customer = await customerWithCard({});
      const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [1000])).id);
      const sent = server.events.slice(firstEvent);
      await waitFor(() => hook.received.length === sent.length, "webhook deliveries");

      const verified = hook.received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, "whsec_test_server"));
      expect(new Set(verified.map((e) => e.id))).toEqual(new Set(sent.map((e) => e.id)));
      expect(() => stripe.webhooks.constructEvent(hook.received[0].body, hook.received[0].signature, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
      expect(server.deliveries.filter((d) => sent.some((e) => e.id === d.eventId)).every((d) => d.status === 200)).toBe(true);

      const finalized = verified.find((e) => e.type === "invoice.finalized");
      expect(finalized).toMatchObject({ object: "event", livemode: false, api_version: Stripe.API_VERSION, data: { object: { id: invoice.id, status: "open" } } });
      expect(finalized?.id).toMatch(/^evt_/);
      expect(verified.find((e) => e.type === "invoice.paid")?.data.object).toMatchObject({ id: invoice.id, status: "paid" });
    } finally {
      await hook.close();
    }
  });

  it("records a delivery that could not reach the endpoint, and never delays the API", async () => {
    const hook = await receiver();
    await hook.close(); // nothing listens there any more
    server.webhook = { url: hook.url, secret: "whsec_test_server" };
    const customer = await stripe.customers.create({ email: "gone@example.com" });
    const event = server.events.find((e) => e.type === "customer.created" && (e.data.object as Stripe.Customer).id === customer.id);
    await waitFor(() => server.deliveries.some((d) => d.eventId === event?.id), "the failed delivery");
    expect(server.deliveries.find((d) => d.eventId === event?.id)?.status).toBeNull();
  });
});

describe("hosted pages", () => {
  const form = (fields: Record<string, string>) => ({ method: "POST", redirect: "manual" as const, headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

  it("Checkout lets the customer pick a card, saves it and returns to success_url with the session id", async () => {
    const customer = await stripe.customers.create({ email: "page@example.com" });
    const session = await stripe.checkout.sessions.create({ mode: "setup", customer: customer.id, success_url: "http://app.test/done?s={CHECKOUT_SESSION_ID}", cancel_url: "http://app.test/cancel" });
    const page = await (await fetch(session.url ?? "")).text();
    expect(page).toContain("<main>");
    expect(page).toContain("<h1>Save a card for page@example.com</h1>");
    expect(page).toContain("Visa •••• 4242 (succeeds)");
    expect(page).toContain("Visa •••• 0341 (declines when charged)");
    expect(page).toContain('<button type="submit">Save card</button>');
    expect(page).toContain('<a href="http://app.test/cancel">Cancel</a>');

    const saved = await fetch(session.url ?? "", form({ card: "0341" }));
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`http://app.test/done?s=${session.id}`);
    const si = (await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] })).setup_intent as Stripe.SetupIntent;
    expect(server.objects.paymentMethods.get(si.payment_method as string)?.card.last4).toBe("0341");
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: si.payment_method as string } });
    const invoice = await openInvoice(customer.id, [500]);
    expect(await stripeError(stripe.invoices.pay(invoice.id))).toBeInstanceOf(Stripe.errors.StripeCardError);
  });

  it("the invoice page shows what is due and takes a payment; the PDF is a PDF", async () => {
    const customer = await stripe.customers.create({ email: "payer@example.com" });
    const invoice = await openInvoice(customer.id, [1999]);
    const page = await (await fetch(invoice.hosted_invoice_url ?? "")).text();
    expect(page).toContain("Amount due: €19.99");
    expect(page).toContain('<button type="submit">Pay €19.99</button>');
    const paid = await fetch(invoice.hosted_invoice_url ?? "", form({}));
    expect(paid.status).toBe(303);
    expect(await (await fetch(invoice.hosted_invoice_url ?? "")).text()).toContain("Status: paid");
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: "paid", amount_paid: 1999 });
    const pdf = await fetch(invoice.invoice_pdf ?? "");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await pdf.text()).startsWith("%PDF-1.4")).toBe(true);
  });

  it("the portal shows the default card and links back", async () => {
    const customer = await customerWithCard({});
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://app.test/billing" });
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain("<h1>Customer portal (test)</h1>");
    expect(page).toContain("Default card: Visa •••• 4242");
    expect(page).toContain('<a href="http://app.test/billing">');
  });
});

describe("parseStripeForm", () => {
  it("builds nested objects and arrays from Stripe's form encoding", () => {
    expect(parseStripeForm("metadata[a]=1&metadata[b%20c]=x+y&expand[]=a&expand[]=b&lines[0][type]=custom&lines[0][unit_amount]=5&lines[1][type]=other&name=")).toEqual({
      metadata: { a: "1", "b c": "x y" },
      expand: ["a", "b"],
      lines: [{ type: "custom", unit_amount: "5" }, { type: "other" }],
      name: "",
    });
    expect(parseStripeForm("expand[0]=x&expand[1]=y")).toEqual({ expand: ["x", "y"] });
    expect(() => parseStripeForm("a=1&a[b]=2")).toThrow();
  });
});

describe("standalone", () => {
  it("runs from the command line and prints its URL", async () => {
    const file = fileURLToPath(new URL("./stripe-test-server.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", file, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString()));
        child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
      });
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      expect(url).toBeDefined();
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
