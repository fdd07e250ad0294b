import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { server, setUpStripeTestServer, stripe, stripeError, waitFor, webhookReceiver } from "./stripe-test-harness";

// Stripe Connect direct charges on the Stripe test server: what the Stripe-Account header scopes (objects, lists,
// references, idempotency keys), its 403 for an unknown account, and events that carry `account`.

setUpStripeTestServer();

const express = { controller: { stripe_dashboard: { type: "express" as const }, requirement_collection: "stripe" as const, fees: { payer: "application" as const }, losses: { payments: "application" as const } } };

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
    expect(await stripe.customers.retrieve(onA.id, {}, { stripeAccount: a })).toMatchObject({ id: onA.id, email: "a@example.com" });
    for (const other of [{ stripeAccount: b }, {}]) {
      expect(await stripeError(stripe.customers.retrieve(onA.id, {}, other))).toMatchObject({ statusCode: 404, code: "resource_missing", message: `No such customer: '${onA.id}'` });
      expect(await stripeError(stripe.customers.update(onA.id, { name: "X" }, other))).toMatchObject({ statusCode: 404 });
    }
    expect(await stripeError(stripe.customers.retrieve(onPlatform.id, {}, { stripeAccount: a }))).toMatchObject({ statusCode: 404 });
    // A reference to another account's object is as missing as a lookup.
    const invoiceFromB = await stripeError(stripe.invoices.create({ customer: onA.id, currency: "eur" }, { stripeAccount: b }));
    expect(invoiceFromB).toMatchObject({ statusCode: 404, param: "customer", message: `No such customer: '${onA.id}'` });

    const invoice = await stripe.invoices.create({ customer: onA.id, currency: "eur" }, { stripeAccount: a });
    expect((await stripe.invoices.list({}, { stripeAccount: a })).data.map((i) => i.id)).toEqual([invoice.id]);
    expect((await stripe.invoices.list({}, { stripeAccount: b })).data).toEqual([]);
    expect((await stripe.invoices.list()).data.map((i) => i.id)).not.toContain(invoice.id);
    expect(await stripeError(stripe.invoices.finalizeInvoice(invoice.id))).toMatchObject({ statusCode: 404, message: `No such invoice: '${invoice.id}'` });
    expect(await stripeError(stripe.invoices.list({ starting_after: invoice.id }, { stripeAccount: b }))).toMatchObject({ statusCode: 404 });
  });

  it("keeps idempotency keys per account: the same key on two accounts makes two objects", async () => {
    const [a, b] = [await connectedAccount(), await connectedAccount()];
    const onA = await stripe.customers.create({ email: "same@example.com" }, { stripeAccount: a, idempotencyKey: "same-key" });
    const onB = await stripe.customers.create({ email: "same@example.com" }, { stripeAccount: b, idempotencyKey: "same-key" });
    expect(onB.id).not.toBe(onA.id);
    const again = await stripe.customers.create({ email: "same@example.com" }, { stripeAccount: a, idempotencyKey: "same-key" });
    expect(again.id).toBe(onA.id);
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, stripeAccount: a });
    const onPlatform = await stripe.customers.create({ email: "same@example.com" }, { idempotencyKey: "same-key" });
    expect([onA.id, onB.id]).not.toContain(onPlatform.id);
  });

  it("answers 403 account_invalid for an account that does not exist, and keeps no key for it", async () => {
    const err = await stripeError(stripe.customers.create({ email: "x@example.com" }, { stripeAccount: "acct_nope", idempotencyKey: "k-403" }));
    expect(err).toMatchObject({ statusCode: 403, type: "StripePermissionError", code: "account_invalid" });
    expect(err.message).toMatch(/^The provided key 'sk_test_[*\w]+' does not have access to account 'acct_nope' \(or that account does not exist\)\. Application access may have been revoked\.$/);
    expect(await stripeError(stripe.customers.list({}, { stripeAccount: "acct_nope" }))).toMatchObject({ statusCode: 403 });
  });

  it("stamps a connected account's events with `account` and sends them to the Connect endpoint when there is one", async () => {
    const a = await connectedAccount();
    const customer = await stripe.customers.create({ email: "e@example.com" }, { stripeAccount: a });
    const platform = await stripe.customers.create({ email: "p@example.com" });
    const created = (id: string) => server.events.find((e) => e.type === "customer.created" && (e.data.object as { id: string }).id === id);
    expect(created(customer.id)).toMatchObject({ account: a });
    expect(created(platform.id)).not.toHaveProperty("account");

    const [main, connect] = [await webhookReceiver(), await webhookReceiver()];
    try {
      server.webhook = { url: main.url, secret: "whsec_platform" };
      server.connectWebhook = { url: connect.url, secret: "whsec_connect" };
      const onA = await stripe.customers.create({ email: "c@example.com" }, { stripeAccount: a });
      const onPlatform = await stripe.customers.create({ email: "q@example.com" });
      await waitFor(() => main.received.length === 1 && connect.received.length === 1, "one delivery to each endpoint");
      const toConnect = stripe.webhooks.constructEvent(connect.received[0].body, connect.received[0].signature, "whsec_connect");
      expect(toConnect).toMatchObject({ type: "customer.created", account: a, data: { object: { id: onA.id } } });
      const toMain = stripe.webhooks.constructEvent(main.received[0].body, main.received[0].signature, "whsec_platform");
      expect(toMain).toMatchObject({ type: "customer.created", data: { object: { id: onPlatform.id } } });
      expect(() => stripe.webhooks.constructEvent(connect.received[0].body, connect.received[0].signature, "whsec_platform")).toThrow(Stripe.errors.StripeSignatureVerificationError);
      // Without a Connect endpoint, the one endpoint gets the connected account's events too.
      server.connectWebhook = null;
      const again = await stripe.customers.create({ email: "d@example.com" }, { stripeAccount: a });
      await waitFor(() => main.received.length === 2, "the delivery to the platform endpoint");
      expect(stripe.webhooks.constructEvent(main.received[1].body, main.received[1].signature, "whsec_platform")).toMatchObject({ account: a, data: { object: { id: again.id } } });
    } finally {
      await Promise.all([main.close(), connect.close()]);
    }
  });
});
