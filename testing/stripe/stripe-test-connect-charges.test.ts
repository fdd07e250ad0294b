import { EXPRESS_CONTROLLER } from "@/lib/billing/connect";
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import {
  keysMissingFromFixture,
  raw,
  server,
  setUpStripeTestServer,
  stripe,
  stripeError,
  waitFor,
  webhookReceiver,
} from "./stripe-test-harness";
import { feeShare } from "./resources/charges";

// Stripe Connect direct charges on the Stripe test server: what the Stripe-Account header scopes (objects, lists,
// references, idempotency keys), its 403 for an unknown account, and events that carry `account`; invoices that take
// an application fee, refunds that give it back in proportion, credit notes that link those refunds, the platform's
// application fee endpoints, and Checkout and the portal on a connected account.

setUpStripeTestServer();

const express = { controller: EXPRESS_CONTROLLER };

async function connectedAccount() {
  const account = await stripe.accounts.create(express);
  server.completeOnboarding(account.id);
  return account.id;
}

describe("the Stripe-Account header", () => {
  it("keeps each account's objects to itself: 404 from another account and from the platform, lists per account", async () => {
    const [a, b] = [await connectedAccount(), await connectedAccount()];
    const onA = await stripe.customers.create({ email: "a@example.com" }, { stripeAccount: a });
    const onPlatform = await stripe.customers.create({ email: "p@example.com" });
    expect(await stripe.customers.retrieve(onA.id, {}, { stripeAccount: a })).toMatchObject({
      id: onA.id,
      email: "a@example.com",
    });
    for (const other of [{ stripeAccount: b }, {}]) {
      expect(await stripeError(stripe.customers.retrieve(onA.id, {}, other))).toMatchObject({
        statusCode: 404,
        code: "resource_missing",
        message: `No such customer: '${onA.id}'`,
      });
      expect(await stripeError(stripe.customers.update(onA.id, { name: "X" }, other))).toMatchObject({
        statusCode: 404,
      });
    }
    expect(await stripeError(stripe.customers.retrieve(onPlatform.id, {}, { stripeAccount: a }))).toMatchObject({
      statusCode: 404,
    });
    // A reference to another account's object is as missing as a lookup.
    const invoiceFromB = await stripeError(
      stripe.invoices.create({ customer: onA.id, currency: "eur" }, { stripeAccount: b }),
    );
    expect(invoiceFromB).toMatchObject({
      statusCode: 404,
      param: "customer",
      message: `No such customer: '${onA.id}'`,
    });

    const invoice = await stripe.invoices.create({ customer: onA.id, currency: "eur" }, { stripeAccount: a });
    expect((await stripe.invoices.list({}, { stripeAccount: a })).data.map((i) => i.id)).toEqual([invoice.id]);
    expect((await stripe.invoices.list({}, { stripeAccount: b })).data).toEqual([]);
    expect((await stripe.invoices.list()).data.map((i) => i.id)).not.toContain(invoice.id);
    expect(await stripeError(stripe.invoices.finalizeInvoice(invoice.id))).toMatchObject({
      statusCode: 404,
      message: `No such invoice: '${invoice.id}'`,
    });
    expect(await stripeError(stripe.invoices.list({ starting_after: invoice.id }, { stripeAccount: b }))).toMatchObject(
      { statusCode: 404 },
    );
  });

  it("keeps idempotency keys per account: the same key on two accounts makes two objects", async () => {
    const [a, b] = [await connectedAccount(), await connectedAccount()];
    const onA = await stripe.customers.create(
      { email: "same@example.com" },
      { stripeAccount: a, idempotencyKey: "same-key" },
    );
    const onB = await stripe.customers.create(
      { email: "same@example.com" },
      { stripeAccount: b, idempotencyKey: "same-key" },
    );
    expect(onB.id).not.toBe(onA.id);
    const again = await stripe.customers.create(
      { email: "same@example.com" },
      { stripeAccount: a, idempotencyKey: "same-key" },
    );
    expect(again.id).toBe(onA.id);
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, stripeAccount: a });
    const onPlatform = await stripe.customers.create({ email: "same@example.com" }, { idempotencyKey: "same-key" });
    expect([onA.id, onB.id]).not.toContain(onPlatform.id);
  });

  it("answers 403 account_invalid for an account that does not exist, and keeps no key for it", async () => {
    const err = await stripeError(
      stripe.customers.create({ email: "x@example.com" }, { stripeAccount: "acct_nope", idempotencyKey: "k-403" }),
    );
    expect(err).toMatchObject({ statusCode: 403, type: "StripePermissionError", code: "account_invalid" });
    expect(err.message).toMatch(
      /^The provided key 'sk_test_[*\w]+' does not have access to account 'acct_nope' \(or that account does not exist\)\. Application access may have been revoked\.$/,
    );
    expect(await stripeError(stripe.customers.list({}, { stripeAccount: "acct_nope" }))).toMatchObject({
      statusCode: 403,
    });
  });

  it("stamps a connected account's events with `account` and sends them to the Connect endpoint when there is one", async () => {
    const a = await connectedAccount();
    const customer = await stripe.customers.create({ email: "e@example.com" }, { stripeAccount: a });
    const platform = await stripe.customers.create({ email: "p@example.com" });
    const created = (id: string) =>
      server.events.find((e) => e.type === "customer.created" && (e.data.object as { id: string }).id === id);
    expect(created(customer.id)).toMatchObject({ account: a });
    expect(created(platform.id)).not.toHaveProperty("account");

    const [main, connect] = [await webhookReceiver(), await webhookReceiver()];
    try {
      server.webhook = { url: main.url, secret: "whsec_platform" };
      server.connectWebhook = { url: connect.url, secret: "whsec_connect" };
      const onA = await stripe.customers.create({ email: "c@example.com" }, { stripeAccount: a });
      const onPlatform = await stripe.customers.create({ email: "q@example.com" });
      await waitFor(() => main.received.length === 1 && connect.received.length === 1, "one delivery to each endpoint");
      const toConnect = stripe.webhooks.constructEvent(
        connect.received[0].body,
        connect.received[0].signature,
        "whsec_connect",
      );
      expect(toConnect).toMatchObject({ type: "customer.created", account: a, data: { object: { id: onA.id } } });
      const toMain = stripe.webhooks.constructEvent(
        main.received[0].body,
        main.received[0].signature,
        "whsec_platform",
      );
      expect(toMain).toMatchObject({ type: "customer.created", data: { object: { id: onPlatform.id } } });
      expect(() =>
        stripe.webhooks.constructEvent(connect.received[0].body, connect.received[0].signature, "whsec_platform"),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
      // Without a Connect endpoint, the one endpoint gets the connected account's events too.
      server.connectWebhook = null;
      const again = await stripe.customers.create({ email: "d@example.com" }, { stripeAccount: a });
      await waitFor(() => main.received.length === 2, "the delivery to the platform endpoint");
      expect(
        stripe.webhooks.constructEvent(main.received[1].body, main.received[1].signature, "whsec_platform"),
      ).toMatchObject({ account: a, data: { object: { id: again.id } } });
    } finally {
      await Promise.all([main.close(), connect.close()]);
    }
  });
});

/** A paid invoice of `amount` on connected account `account`, with an application fee: its charge and the fee's id. */
async function paidWithFee(account: string, amount: number, fee: number, currency = "jpy") {
  const on = { stripeAccount: account };
  const customer = await stripe.customers.create({ email: "member@example.com" }, on);
  server.addCard(customer.id);
  const draft = await stripe.invoices.create({ customer: customer.id, currency, application_fee_amount: fee }, on);
  await stripe.invoiceItems.create(
    { customer: customer.id, invoice: draft.id, amount, currency, description: "Studio time" },
    on,
  );
  await stripe.invoices.finalizeInvoice(draft.id, {}, on);
  const invoice = await stripe.invoices.pay(draft.id, {}, on);
  const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] }, on);
  const paymentIntent = withPayments.payments?.data[0]?.payment.payment_intent as string;
  const [charge] = (await stripe.charges.list({ payment_intent: paymentIntent }, on)).data;
  return { customer, invoice, charge, paymentIntent, on };
}

describe("application fees on a connected account's invoices", () => {
  it("charges the fee with the invoice's payment: the charge names it, the ApplicationFee is the platform's", async () => {
    const a = await connectedAccount();
    const { invoice, charge, on } = await paidWithFee(a, 1500, 150);
    expect(invoice).toMatchObject({ status: "paid", amount_paid: 1500 });
    expect(charge).toMatchObject({
      amount: 1500,
      currency: "jpy",
      application_fee_amount: 150,
      application_fee: expect.stringMatching(/^fee_/),
    });
    const feeId = charge.application_fee as string;
    const fee = await stripe.applicationFees.retrieve(feeId);
    expect(fee).toMatchObject({
      object: "application_fee",
      account: a,
      amount: 150,
      amount_refunded: 0,
      refunded: false,
      charge: charge.id,
      currency: "jpy",
      originating_transaction: null,
    });
    expect(fee.refunds).toEqual({
      object: "list",
      data: [],
      has_more: false,
      url: `/v1/application_fees/${feeId}/refunds`,
    });
    expect((await stripe.applicationFees.list({ charge: charge.id })).data.map((f) => f.id)).toEqual([feeId]);
    expect(await stripeError(stripe.applicationFees.retrieve(feeId, {}, on))).toMatchObject({
      statusCode: 404,
      message: `No such application fee: '${feeId}'`,
    });
    const created = server.events.find(
      (e) => e.type === "application_fee.created" && (e.data.object as { id: string }).id === feeId,
    );
    expect(created).toBeDefined();
    expect(created).not.toHaveProperty("account");
    expect(
      server.events.find((e) => e.type === "charge.succeeded" && (e.data.object as { id: string }).id === charge.id),
    ).toMatchObject({ account: a, data: { object: { application_fee: feeId } } });
    expect(
      server.events.find((e) => e.type === "invoice.paid" && (e.data.object as { id: string }).id === invoice.id),
    ).toMatchObject({ account: a });
  });

  it("reaches the fee from the invoice as in Stripe: payments → payment intent → latest charge → application_fee", async () => {
    const a = await connectedAccount();
    const { invoice, charge, paymentIntent, on } = await paidWithFee(a, 1500, 150);
    const expanded = await stripe.invoices.retrieve(
      invoice.id,
      { expand: ["payments.data.payment.payment_intent"] },
      on,
    );
    const intent = expanded.payments?.data[0]?.payment.payment_intent;
    expect(intent).toMatchObject({
      id: paymentIntent,
      object: "payment_intent",
      status: "succeeded",
      amount: 1500,
      amount_received: 1500,
      application_fee_amount: 150,
      latest_charge: charge.id,
    });
    const withCharge = await stripe.paymentIntents.retrieve(paymentIntent, { expand: ["latest_charge"] }, on);
    expect(withCharge.latest_charge).toMatchObject({
      id: charge.id,
      application_fee: charge.application_fee,
      application_fee_amount: 150,
    });
    expect(await stripeError(stripe.paymentIntents.retrieve(paymentIntent))).toMatchObject({
      statusCode: 404,
      message: `No such payment_intent: '${paymentIntent}'`,
    });
    // Stripe expands at most four levels deep.
    expect(
      await stripeError(
        stripe.invoices.retrieve(invoice.id, { expand: ["payments.data.payment.payment_intent.latest_charge"] }, on),
      ),
    ).toMatchObject({ statusCode: 400, param: "expand" });
    expect(server.events.findLast((e) => e.type === "payment_intent.succeeded")).toMatchObject({
      account: a,
      data: { object: { id: paymentIntent } },
    });
  });

  it("refuses application_fee_amount without a Stripe-Account header, below zero, on a finalized invoice, or above the charge", async () => {
    const a = await connectedAccount();
    const platformCustomer = await stripe.customers.create({ email: "p@example.com" });
    const noHeader = await stripeError(
      stripe.invoices.create({ customer: platformCustomer.id, currency: "eur", application_fee_amount: 100 }),
    );
    expect(noHeader).toMatchObject({
      statusCode: 400,
      param: "application_fee_amount",
      message:
        "Can only apply an application_fee_amount when the request is made on behalf of another account (using an OAuth key, the Stripe-Account header, or the destination parameter).",
    });
    const platformDraft = await stripe.invoices.create({ customer: platformCustomer.id, currency: "eur" });
    expect(await stripeError(stripe.invoices.update(platformDraft.id, { application_fee_amount: 100 }))).toMatchObject({
      statusCode: 400,
      param: "application_fee_amount",
    });

    const on = { stripeAccount: a };
    const customer = await stripe.customers.create({ email: "m@example.com" }, on);
    server.addCard(customer.id);
    expect(
      await stripeError(
        stripe.invoices.create({ customer: customer.id, currency: "eur", application_fee_amount: -1 }, on),
      ),
    ).toMatchObject({ statusCode: 400, param: "application_fee_amount" });
    const draft = await stripe.invoices.create({ customer: customer.id, currency: "eur" }, on);
    await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1000, currency: "eur" }, on);
    expect(
      await stripe.invoices.update(draft.id, { application_fee_amount: 1001, metadata: { k: "v" } }, on),
    ).toMatchObject({ metadata: { k: "v" } });
    // Stripe refuses a fee above what is charged; this server does so when finalizing and when paying.
    expect(await stripeError(stripe.invoices.finalizeInvoice(draft.id, {}, on))).toMatchObject({
      statusCode: 400,
      param: "application_fee_amount",
    });
    expect(await stripeError(stripe.invoices.pay(draft.id, {}, on))).toMatchObject({
      statusCode: 400,
      param: "application_fee_amount",
    });
    expect(await stripe.invoices.retrieve(draft.id, {}, on)).toMatchObject({ status: "draft" });
    await stripe.invoices.update(draft.id, { application_fee_amount: 0 }, on);
    const open = await stripe.invoices.finalizeInvoice(draft.id, {}, on);
    expect(await stripeError(stripe.invoices.update(open.id, { application_fee_amount: 10 }, on))).toMatchObject({
      statusCode: 400,
      param: "application_fee_amount",
    });
    // A fee of 0 takes nothing: the charge has no fee.
    const paid = await stripe.invoices.pay(open.id, {}, on);
    expect(paid.status).toBe("paid");
    const charge = [...server.objects.charges.values()].find((c) => c.customer === customer.id);
    expect(charge).toMatchObject({ application_fee: null, application_fee_amount: null });
  });
});

describe("refunds of a direct charge", () => {
  it("refunds the application fee in proportion with refund_application_fee, and all that is left on the full refund", async () => {
    const a = await connectedAccount();
    const { charge, invoice, paymentIntent, on } = await paidWithFee(a, 1500, 150);
    const feeId = charge.application_fee as string;
    const partial = await stripe.refunds.create(
      {
        charge: charge.id,
        amount: 333,
        refund_application_fee: true,
        reason: "requested_by_customer",
        metadata: { why: "early end" },
      },
      on,
    );
    expect(partial).toMatchObject({
      object: "refund",
      amount: 333,
      charge: charge.id,
      payment_intent: paymentIntent,
      currency: "jpy",
      status: "succeeded",
      reason: "requested_by_customer",
      metadata: { why: "early end" },
    });
    // 150 × 333 / 1500 = 33.3, which rounds to 33.
    const afterPartial = await stripe.applicationFees.retrieve(feeId);
    expect(afterPartial).toMatchObject({ amount_refunded: 33, refunded: false });
    expect(afterPartial.refunds.data).toMatchObject([
      { object: "fee_refund", amount: 33, fee: feeId, currency: "jpy" },
    ]);
    expect(await stripe.charges.retrieve(charge.id, {}, on)).toMatchObject({ amount_refunded: 333, refunded: false });
    const feeEvent = server.events.findLast((e) => e.type === "application_fee.refunded");
    expect(feeEvent).toMatchObject({
      data: { object: { id: feeId, amount_refunded: 33 }, previous_attributes: { amount_refunded: 0 } },
    });
    expect(feeEvent).not.toHaveProperty("account");
    expect(server.events.findLast((e) => e.type === "charge.refunded")).toMatchObject({
      account: a,
      data: { object: { id: charge.id, amount_refunded: 333 } },
    });

    // The rest, named by its payment intent: the charge is fully refunded, so the fee's remaining 117 comes back.
    const rest = await stripe.refunds.create({ payment_intent: paymentIntent, refund_application_fee: true }, on);
    expect(rest.amount).toBe(1167);
    const afterFull = await stripe.applicationFees.retrieve(feeId);
    expect(afterFull).toMatchObject({ amount_refunded: 150, refunded: true });
    expect(afterFull.refunds.data.map((r) => r.amount)).toEqual([117, 33]);
    expect((await stripe.applicationFees.listRefunds(feeId)).data.map((r) => r.amount)).toEqual([117, 33]);
    expect(await stripe.charges.retrieve(charge.id, { expand: ["refunds"] }, on)).toMatchObject({
      amount_refunded: 1500,
      refunded: true,
      refunds: { data: [{ id: rest.id }, { id: partial.id }] },
    });
    expect((await stripe.refunds.list({ charge: charge.id }, on)).data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    expect(await stripeError(stripe.refunds.create({ charge: charge.id }, on))).toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
    });
    expect(invoice.status).toBe("paid");
  });

  it("gives back no fee without refund_application_fee, refuses other accounts' charges, and needs a charge or payment intent", async () => {
    const [a, b] = [await connectedAccount(), await connectedAccount()];
    const { charge, on } = await paidWithFee(a, 1000, 100, "eur");
    await stripe.refunds.create({ charge: charge.id, amount: 500 }, on);
    expect(await stripe.applicationFees.retrieve(charge.application_fee as string)).toMatchObject({
      amount_refunded: 0,
    });
    expect(await stripeError(stripe.refunds.create({ charge: charge.id }, { stripeAccount: b }))).toMatchObject({
      statusCode: 404,
      param: "charge",
      message: `No such charge: '${charge.id}'`,
    });
    expect(await stripeError(stripe.refunds.create({ charge: charge.id }))).toMatchObject({ statusCode: 404 });
    expect(
      await stripeError(
        stripe.refunds.create({ payment_intent: charge.payment_intent as string }, { stripeAccount: b }),
      ),
    ).toMatchObject({ statusCode: 404, param: "payment_intent" });
    expect(await stripeError(stripe.refunds.create({}, on))).toMatchObject({ statusCode: 400 });
    expect(await stripeError(stripe.refunds.create({ charge: charge.id, amount: 501 }, on))).toMatchObject({
      statusCode: 400,
      param: "amount",
    });
    expect(
      await stripeError(stripe.refunds.create({ charge: charge.id, reason: "bored" as "duplicate" }, on)),
    ).toMatchObject({ statusCode: 400, param: "reason" });
  });

  it("rounds the fee's share half up and never past what is left of the fee", () => {
    const fee = (amount: number, refunded = 0) =>
      ({ amount, amount_refunded: refunded }) as Parameters<typeof feeShare>[0];
    const charge = (amount: number, refunded: number) =>
      ({ amount, amount_refunded: refunded }) as Parameters<typeof feeShare>[1];
    expect(feeShare(fee(150), charge(1500, 333), 333)).toBe(33);
    expect(feeShare(fee(100), charge(1000, 5), 5)).toBe(1); // 0.5 rounds up
    expect(feeShare(fee(100), charge(1000, 4), 4)).toBe(0); // 0.4 rounds down
    expect(feeShare(fee(100, 99), charge(1000, 998), 990)).toBe(1); // capped at what is left
    expect(feeShare(fee(150, 33), charge(1500, 1500), 1167)).toBe(117); // fully refunded: the rest
  });

  it("lets the platform refund an application fee itself, in parts, with metadata; a connected account cannot", async () => {
    const a = await connectedAccount();
    const { charge, on } = await paidWithFee(a, 2000, 300, "eur");
    const feeId = charge.application_fee as string;
    const first = await stripe.applicationFees.createRefund(feeId, { amount: 100, metadata: { reason: "goodwill" } });
    expect(first).toMatchObject({
      object: "fee_refund",
      amount: 100,
      fee: feeId,
      currency: "eur",
      metadata: { reason: "goodwill" },
    });
    expect(first.id).toMatch(/^fr_/);
    const rest = await stripe.applicationFees.createRefund(feeId);
    expect(rest.amount).toBe(200);
    expect(await stripe.applicationFees.retrieve(feeId)).toMatchObject({ amount_refunded: 300, refunded: true });
    expect(await stripeError(stripe.applicationFees.createRefund(feeId))).toMatchObject({ statusCode: 400 });
    expect(await stripeError(stripe.applicationFees.createRefund(feeId, {}, on))).toMatchObject({ statusCode: 404 });
    expect(await stripeError(stripe.applicationFees.listRefunds(feeId, {}, on))).toMatchObject({ statusCode: 404 });
    // The charge itself is untouched: a fee refund moves money between the platform and the account only.
    expect(await stripe.charges.retrieve(charge.id, {}, on)).toMatchObject({ amount_refunded: 0 });
  });
});

describe("credit notes that link a refund", () => {
  it("links a refund made with refund_application_fee instead of refunding again", async () => {
    const a = await connectedAccount();
    const { charge, invoice, on } = await paidWithFee(a, 1500, 150);
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 333, refund_application_fee: true }, on);
    const note = await stripe.creditNotes.create(
      { invoice: invoice.id, amount: 333, refunds: [{ refund: refund.id }] },
      on,
    );
    expect(note).toMatchObject({
      type: "post_payment",
      total: 333,
      post_payment_amount: 333,
      out_of_band_amount: null,
      refunds: [{ refund: refund.id, amount_refunded: 333, type: "refund" }],
    });
    expect(await stripe.charges.retrieve(charge.id, {}, on)).toMatchObject({ amount_refunded: 333 });
    expect((await stripe.refunds.list({ charge: charge.id }, on)).data).toHaveLength(1);
    expect(await stripe.invoices.retrieve(invoice.id, {}, on)).toMatchObject({
      status: "paid",
      amount_remaining: 0,
      post_payment_credit_notes_amount: 333,
    });
    // Linked once in full, it cannot be linked again; refund_amount still makes a new refund beside a linked part.
    expect(
      await stripeError(
        stripe.creditNotes.create({ invoice: invoice.id, amount: 333, refunds: [{ refund: refund.id }] }, on),
      ),
    ).toMatchObject({ statusCode: 400, param: "refunds" });
    const second = await stripe.refunds.create({ charge: charge.id, amount: 200, refund_application_fee: true }, on);
    const mixed = await stripe.creditNotes.create(
      { invoice: invoice.id, amount: 300, refund_amount: 100, refunds: [{ refund: second.id, amount_refunded: 200 }] },
      on,
    );
    expect(mixed.refunds.map((r) => [r.refund === second.id, r.amount_refunded])).toEqual([
      [true, 200],
      [false, 100],
    ]);
    expect(await stripe.charges.retrieve(charge.id, {}, on)).toMatchObject({ amount_refunded: 633 });
    expect(await stripe.applicationFees.retrieve(charge.application_fee as string)).toMatchObject({
      amount_refunded: 33 + 20,
    });
  });

  it("refuses a refund of another charge or another account, and totals that do not add up", async () => {
    const [a, b] = [await connectedAccount(), await connectedAccount()];
    const first = await paidWithFee(a, 1000, 100, "eur");
    const other = await paidWithFee(a, 1000, 100, "eur");
    const elsewhere = await paidWithFee(b, 1000, 100, "eur");
    const otherRefund = await stripe.refunds.create({ charge: other.charge.id, amount: 100 }, first.on);
    const bRefund = await stripe.refunds.create({ charge: elsewhere.charge.id, amount: 100 }, elsewhere.on);
    for (const refund of [otherRefund.id, bRefund.id, "re_missing"]) {
      expect(
        await stripeError(
          stripe.creditNotes.create({ invoice: first.invoice.id, amount: 100, refunds: [{ refund }] }, first.on),
        ),
      ).toMatchObject({ statusCode: 400, param: "refunds" });
    }
    const own = await stripe.refunds.create({ charge: first.charge.id, amount: 100 }, first.on);
    expect(
      await stripeError(
        stripe.creditNotes.create({ invoice: first.invoice.id, amount: 150, refunds: [{ refund: own.id }] }, first.on),
      ),
    ).toMatchObject({ statusCode: 400, param: "refund_amount" });
    expect(
      await stripeError(
        stripe.creditNotes.create(
          { invoice: first.invoice.id, amount: 100, refunds: [{ refund: own.id, amount_refunded: 101 }] },
          first.on,
        ),
      ),
    ).toMatchObject({ statusCode: 400, param: "refunds" });
  });
});

describe("Checkout, setup intents and the portal on a connected account", () => {
  it("saves a card on the connected account's customer through the hosted page, with events that carry `account`", async () => {
    const a = await connectedAccount();
    const on = { stripeAccount: a };
    const customer = await stripe.customers.create({ email: "card@example.com" }, on);
    const session = await stripe.checkout.sessions.create(
      {
        mode: "setup",
        customer: customer.id,
        currency: "eur",
        success_url: "http://app.test/ok?s={CHECKOUT_SESSION_ID}",
      },
      on,
    );
    expect(await stripeError(stripe.checkout.sessions.retrieve(session.id))).toMatchObject({ statusCode: 404 });
    expect(
      await stripeError(
        stripe.checkout.sessions.create({ mode: "setup", customer: customer.id, success_url: "http://app.test/ok" }),
      ),
    ).toMatchObject({ statusCode: 404, param: "customer" });
    expect(await (await fetch(session.url as string)).text()).toContain("card@example.com");
    const saved = await fetch(session.url as string, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "card=4242",
    });
    expect(saved.headers.get("location")).toBe(`http://app.test/ok?s=${session.id}`);

    const completed = await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] }, on);
    expect(completed).toMatchObject({
      status: "complete",
      setup_intent: { object: "setup_intent", status: "succeeded", customer: customer.id },
    });
    const setupIntent = completed.setup_intent as { id: string; payment_method: string };
    expect(await stripeError(stripe.setupIntents.retrieve(setupIntent.id))).toMatchObject({ statusCode: 404 });
    expect(await stripe.paymentMethods.retrieve(setupIntent.payment_method, {}, on)).toMatchObject({
      customer: customer.id,
      card: { last4: "4242" },
    });
    expect(await stripeError(stripe.paymentMethods.retrieve(setupIntent.payment_method))).toMatchObject({
      statusCode: 404,
    });
    for (const type of ["payment_method.attached", "setup_intent.succeeded", "checkout.session.completed"]) {
      expect(server.events.findLast((e) => e.type === type)).toMatchObject({ account: a });
    }
    await stripe.customers.update(
      customer.id,
      { invoice_settings: { default_payment_method: setupIntent.payment_method } },
      on,
    );

    const portal = await stripe.billingPortal.sessions.create(
      { customer: customer.id, return_url: "http://app.test/billing" },
      on,
    );
    expect(await stripeError(stripe.billingPortal.sessions.create({ customer: customer.id }))).toMatchObject({
      statusCode: 404,
    });
    expect(await (await fetch(portal.url)).text()).toContain("Visa •••• 4242");
  });
});

describe("shapes of the new objects", () => {
  it("returns application_fee, fee_refund, refund, charge, payment_intent, invoice and credit_note objects with Stripe's keys only", async () => {
    const a = await connectedAccount();
    const { charge, invoice, on } = await paidWithFee(a, 1500, 150);
    const refund = await stripe.refunds.create({ charge: charge.id, amount: 333, refund_application_fee: true }, on);
    const fee = await stripe.applicationFees.retrieve(charge.application_fee as string);
    const note = await stripe.creditNotes.create(
      { invoice: invoice.id, amount: 333, refunds: [{ refund: refund.id }] },
      on,
    );
    expect(keysMissingFromFixture("application_fee", raw(fee))).toEqual([]);
    expect(keysMissingFromFixture("fee_refund", raw(fee.refunds.data[0]))).toEqual([]);
    expect(keysMissingFromFixture("refund", raw(refund))).toEqual([]);
    expect(keysMissingFromFixture("charge", raw(await stripe.charges.retrieve(charge.id, {}, on)))).toEqual([]);
    // An invoice that takes an application fee: Stripe's invoice object does not show the fee.
    expect(keysMissingFromFixture("invoice", raw(await stripe.invoices.retrieve(invoice.id, {}, on)))).toEqual([]);
    expect(keysMissingFromFixture("credit_note", raw(note))).toEqual([]);
    expect(
      keysMissingFromFixture(
        "payment_intent",
        raw(await stripe.paymentIntents.retrieve(charge.payment_intent as string, {}, on)),
      ),
    ).toEqual([]);
  });
});
