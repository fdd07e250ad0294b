import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  customerWithCard,
  eventsOf,
  openInvoice,
  server,
  setUpStripeTestServer,
  stripe,
  stripeError,
  waitFor,
  webhookReceiver,
} from "./stripe-test-harness";

// Invoices, credit notes, charges and refunds driven through the SDK; the webhooks they send; and the hosted pages
// (Checkout, the invoice page, the portal) driven through plain HTTP, as a browser would.

setUpStripeTestServer();

describe("invoices", () => {
  it("totals a draft's items, finalizes it to open with hosted links, and refuses to finalize it twice", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [2500, 1000]);
    expect(invoice).toMatchObject({
      status: "open",
      currency: "eur",
      subtotal: 3500,
      total: 3500,
      amount_due: 3500,
      amount_paid: 0,
      amount_remaining: 3500,
      attempted: false,
    });
    expect(invoice.lines.data.map((l) => [l.amount, l.description])).toEqual([
      [2500, "Session 1"],
      [1000, "Session 2"],
    ]);
    expect(invoice.hosted_invoice_url).toBe(`${server.url}/invoice/${invoice.id}`);
    expect(invoice.invoice_pdf).toBe(`${server.url}/invoice/${invoice.id}/pdf`);
    expect(invoice.status_transitions.finalized_at).toEqual(expect.any(Number));
    expect(eventsOf(invoice.id)).toContain("invoice.finalized");
    expect(await stripeError(stripe.invoices.finalizeInvoice(invoice.id))).toMatchObject({ statusCode: 400 });
    const late = await stripeError(
      stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 100, currency: "eur" }),
    );
    expect(late).toMatchObject({ statusCode: 400, param: "invoice" });
  });

  it("refuses an item for another customer's invoice", async () => {
    const owner = await customerWithCard();
    const draft = await stripe.invoices.create({ customer: owner.id, currency: "eur" });
    const other = await customerWithCard();
    expect(
      await stripeError(
        stripe.invoiceItems.create({ customer: other.id, invoice: draft.id, amount: 100, currency: "eur" }),
      ),
    ).toMatchObject({ statusCode: 400, param: "invoice" });
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
    expect(server.events.at(-1)).toMatchObject({
      type: "invoice.payment_failed",
      data: { object: { id: invoice.id, attempted: true } },
    });

    server.addCard(customer.id, { declines: true });
    const declined = await stripeError(stripe.invoices.pay(invoice.id));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({
      statusCode: 402,
      code: "card_declined",
      decline_code: "generic_decline",
      message: "Your card was declined.",
    });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({
      status: "open",
      attempted: true,
      attempt_count: 2,
      amount_remaining: 4200,
    });

    server.addCard(customer.id);
    const paid = await stripe.invoices.pay(invoice.id);
    expect(paid).toMatchObject({ status: "paid", amount_paid: 4200, amount_remaining: 0 });
    expect(paid.status_transitions.paid_at).toEqual(expect.any(Number));
    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] });
    const payment = withPayments.payments?.data[0];
    expect(payment).toMatchObject({
      object: "invoice_payment",
      status: "paid",
      amount_paid: 4200,
      payment: { type: "payment_intent" },
    });
    const charge = [...server.objects.charges.values()].find(
      (c) => c.payment_intent === payment?.payment.payment_intent,
    );
    expect(await stripe.charges.retrieve(charge?.id ?? "")).toMatchObject({
      amount: 4200,
      amount_refunded: 0,
      refunded: false,
      status: "succeeded",
      customer: customer.id,
    });
    expect(eventsOf(invoice.id).filter((t) => t.startsWith("invoice.pa"))).toEqual([
      "invoice.payment_failed",
      "invoice.payment_failed",
      "invoice.paid",
      "invoice.payment_succeeded",
    ]);
    expect(await stripeError(stripe.invoices.pay(invoice.id))).toMatchObject({
      statusCode: 400,
      message: "Invoice is already paid",
    });
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
    const note = await stripe.creditNotes.create({
      invoice: invoice.id,
      lines: [{ type: "custom_line_item", description: "Late cancel", quantity: 1, unit_amount: 1500 }],
      memo: "Goodwill",
    });
    expect(note).toMatchObject({
      object: "credit_note",
      invoice: invoice.id,
      amount: 1500,
      total: 1500,
      status: "issued",
      refunds: [],
      memo: "Goodwill",
      type: "pre_payment",
    });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({
      status: "open",
      total: 5000,
      amount_due: 3500,
      amount_remaining: 3500,
    });
    const tooMuch = await stripeError(
      stripe.creditNotes.create({
        invoice: invoice.id,
        lines: [{ type: "custom_line_item", description: "Too much", quantity: 1, unit_amount: 3501 }],
      }),
    );
    expect(tooMuch).toMatchObject({ statusCode: 400 });
    expect(
      await stripeError(
        stripe.creditNotes.create({
          invoice: invoice.id,
          lines: [{ type: "custom_line_item", description: "x", quantity: 1 }],
        }),
      ),
    ).toMatchObject({ param: "lines[0][unit_amount]" });
  });

  it("refund a paid invoice's charge, and demand refund_amount equal to the total", async () => {
    const customer = await customerWithCard({});
    const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [3000])).id);
    const line = (amount: number) => [
      { type: "custom_line_item" as const, description: "Refund", quantity: 1, unit_amount: amount },
    ];
    const refundsBefore = server.objects.refunds.size;
    expect(await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000) }))).toMatchObject({
      statusCode: 400,
      param: "refund_amount",
    });
    expect(
      await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 500 })),
    ).toMatchObject({ statusCode: 400, param: "refund_amount" });
    expect(server.objects.refunds.size).toBe(refundsBefore);

    const first = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(1000), refund_amount: 1000 });
    expect(first.refunds).toEqual([
      { amount_refunded: 1000, refund: expect.stringMatching(/^re_/), type: "refund", payment_record_refund: null },
    ]);
    const refund = server.objects.refunds.get(first.refunds[0].refund as string);
    const charge = await stripe.charges.retrieve(refund?.charge ?? "");
    expect(charge).toMatchObject({ amount: 3000, amount_refunded: 1000, refunded: false });
    expect(eventsOf(charge.id)).toContain("charge.refunded");
    expect(eventsOf(first.id)).toEqual(["credit_note.created"]);

    await stripe.creditNotes.create({ invoice: invoice.id, lines: line(2000), refund_amount: 2000 });
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 3000, refunded: true });
    expect(
      await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(1), refund_amount: 1 })),
    ).toMatchObject({ statusCode: 400, param: "amount" });
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({
      status: "paid",
      amount_paid: 3000,
      post_payment_credit_notes_amount: 3000,
    });
  });
});

describe("charges and refunds", () => {
  async function paidCharge(amount: number) {
    const customer = await customerWithCard({});
    const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [amount])).id);
    const payment = (await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] })).payments?.data[0];
    const charge = [...server.objects.charges.values()].find(
      (c) => c.payment_intent === payment?.payment.payment_intent,
    );
    if (!charge) throw new Error("the paid invoice has no charge");
    return { invoice, chargeId: charge.id };
  }
  const line = (amount: number) => [
    { type: "custom_line_item" as const, description: "Refund", quantity: 1, unit_amount: amount },
  ];

  it("a credit note's refund shows on the note and in the charge's refunds, which only expand[] includes", async () => {
    const { invoice, chargeId } = await paidCharge(5000);
    const note = await stripe.creditNotes.create({
      invoice: invoice.id,
      lines: line(1000),
      refund_amount: 1000,
      metadata: { ticket: "T-1" },
    });
    expect(note.metadata).toEqual({ ticket: "T-1" });
    expect(note.refunds).toEqual([
      { refund: expect.stringMatching(/^re_/), amount_refunded: 1000, type: "refund", payment_record_refund: null },
    ]);
    const refundId = note.refunds[0].refund as string;
    expect((await stripe.creditNotes.retrieve(note.id)).refunds).toEqual(note.refunds);
    const withRefund = await stripe.creditNotes.retrieve(note.id, { expand: ["refunds.refund"] });
    expect(withRefund.refunds[0].refund).toMatchObject({
      object: "refund",
      id: refundId,
      amount: 1000,
      charge: chargeId,
    });

    const plain = await stripe.charges.retrieve(chargeId);
    expect(plain).toMatchObject({ amount: 5000, amount_refunded: 1000, refunded: false });
    expect(plain.refunds).toBeUndefined();
    const charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge.refunds).toEqual({
      object: "list",
      data: [
        {
          id: refundId,
          object: "refund",
          amount: 1000,
          charge: chargeId,
          status: "succeeded",
          created: expect.any(Number),
          metadata: {},
          currency: "eur",
          payment_intent: plain.payment_intent,
          reason: null,
        },
      ],
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
    expect(event).toMatchObject({
      type: "charge.refunded",
      request: { id: null },
      data: {
        object: { id: chargeId, amount_refunded: 2500, refunded: false },
        previous_attributes: { amount_refunded: 1000 },
      },
    });

    const charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge).toMatchObject({ amount_refunded: 2500, refunded: false });
    expect(charge.refunds?.data.map((r) => [r.id, r.amount])).toEqual([
      [partial, 1500],
      [note.refunds[0].refund, 1000],
    ]);

    const refundsBefore = server.objects.refunds.size;
    expect(() => server.refundCharge(chargeId, 2501)).toThrow(
      "Refund amount (2501) is greater than unrefunded amount on charge (2500)",
    );
    expect(() => server.refundCharge(chargeId, 0)).toThrow();
    expect(() => server.refundCharge("ch_missing")).toThrow("No such charge: 'ch_missing'");
    // A credit note cannot refund what the Dashboard already did, as in Stripe.
    expect(
      await stripeError(stripe.creditNotes.create({ invoice: invoice.id, lines: line(2501), refund_amount: 2501 })),
    ).toMatchObject({ statusCode: 400, param: "amount" });
    expect(server.objects.refunds.size).toBe(refundsBefore);

    const rest = server.refundCharge(chargeId);
    expect(server.objects.refunds.get(rest)).toMatchObject({ amount: 2500, charge: chargeId });
    expect(server.events.at(-1)).toMatchObject({
      type: "charge.refunded",
      data: {
        object: { amount_refunded: 5000, refunded: true },
        previous_attributes: { amount_refunded: 2500, refunded: false },
      },
    });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(() => server.refundCharge(chargeId)).toThrow("has already been refunded");
    expect(await stripe.invoices.retrieve(invoice.id)).toMatchObject({
      status: "paid",
      amount_paid: 5000,
      post_payment_credit_notes_amount: 1000,
    });
  });
});

describe("webhooks", () => {
  it("delivers every event signed with the endpoint's secret, as snapshots taken when they happened", async () => {
    const hook = await webhookReceiver();
    try {
      server.webhook = { url: hook.url, secret: "whsec_test_server" };
      const firstEvent = server.events.length;
      const customer = await customerWithCard({});
      const invoice = await stripe.invoices.pay((await openInvoice(customer.id, [1000])).id);
      const sent = server.events.slice(firstEvent);
      await waitFor(() => hook.received.length === sent.length, "webhook deliveries");

      const verified = hook.received.map((r) =>
        stripe.webhooks.constructEvent(r.body, r.signature, "whsec_test_server"),
      );
      expect(new Set(verified.map((e) => e.id))).toEqual(new Set(sent.map((e) => e.id)));
      expect(() =>
        stripe.webhooks.constructEvent(hook.received[0].body, hook.received[0].signature, "whsec_other"),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
      expect(server.deliveries.filter((d) => sent.some((e) => e.id === d.eventId)).every((d) => d.status === 200)).toBe(
        true,
      );

      const finalized = verified.find((e) => e.type === "invoice.finalized");
      expect(finalized).toMatchObject({
        object: "event",
        livemode: false,
        api_version: Stripe.API_VERSION,
        data: { object: { id: invoice.id, status: "open" } },
      });
      expect(finalized?.id).toMatch(/^evt_/);
      expect(verified.find((e) => e.type === "invoice.paid")?.data.object).toMatchObject({
        id: invoice.id,
        status: "paid",
      });
    } finally {
      await hook.close();
    }
  });

  it("records a delivery that could not reach the endpoint, and never delays the API", async () => {
    const hook = await webhookReceiver();
    await hook.close(); // nothing listens there any more
    server.webhook = { url: hook.url, secret: "whsec_test_server" };
    const customer = await stripe.customers.create({ email: "gone@example.com" });
    const event = server.events.find(
      (e) => e.type === "customer.created" && (e.data.object as Stripe.Customer).id === customer.id,
    );
    await waitFor(() => server.deliveries.some((d) => d.eventId === event?.id), "the failed delivery");
    expect(server.deliveries.find((d) => d.eventId === event?.id)?.status).toBeNull();
  });
});

describe("hosted pages", () => {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

  it("Checkout lets the customer pick a card, saves it and returns to success_url with the session id", async () => {
    const customer = await stripe.customers.create({ email: "page@example.com" });
    const session = await stripe.checkout.sessions.create({
      mode: "setup",
      customer: customer.id,
      success_url: "http://app.test/done?s={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/cancel",
    });
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
    const si = (await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] }))
      .setup_intent as Stripe.SetupIntent;
    expect(server.objects.paymentMethods.get(si.payment_method as string)?.card.last4).toBe("0341");
    await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: si.payment_method as string },
    });
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
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://app.test/billing",
    });
    const page = await (await fetch(portal.url)).text();
    expect(page).toContain("<h1>Customer portal (test)</h1>");
    expect(page).toContain("Default card: Visa •••• 4242");
    expect(page).toContain('<a href="http://app.test/billing">');
  });
});
