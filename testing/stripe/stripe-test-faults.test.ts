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
} from "./stripe-test-harness";

// The faults the Stripe test server injects on demand (a 500 before or after the work, or no answer at all) and
// what a retry with the same idempotency key gets after each.

setUpStripeTestServer();

describe("faults", () => {
  it("500: answers an api_error without doing anything, so a retry with the same key does the work once", async () => {
    const customer = await customerWithCard();
    const before = server.objects.invoices.size;
    server.fault({ method: "POST", path: "/v1/invoices" }, "500");
    const err = await stripeError(
      stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(500);
    expect(server.objects.invoices.size).toBe(before);
    const retried = await stripe.invoices.create(
      { customer: customer.id, currency: "eur" },
      { idempotencyKey: "fault-500" },
    );
    expect(retried.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(server.objects.invoices.size).toBe(before + 1);
  });

  it("500_after: does the work, then answers a 500 that a retry with the same key gets again, until the key expires", async () => {
    const customer = await customerWithCard();
    const before = new Set(server.objects.invoices.keys());
    const newInvoices = () => [...server.objects.invoices.keys()].filter((id) => !before.has(id));
    server.fault({ method: "POST", path: "/v1/invoices" }, "500_after");
    const err = await stripeError(
      stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500-after" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err).toMatchObject({ statusCode: 500, rawType: "api_error" });
    const [created] = newInvoices();
    expect(newInvoices()).toHaveLength(1);
    expect(eventsOf(created)).toEqual(["invoice.created"]);

    const again = await stripeError(
      stripe.invoices.create({ customer: customer.id, currency: "eur" }, { idempotencyKey: "fault-500-after" }),
    );
    expect(again).toMatchObject({ statusCode: 500, rawType: "api_error", message: err.message });
    expect(again.headers?.["idempotent-replayed"]).toBe("true");
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, status: 500 });
    expect(newInvoices()).toEqual([created]);
    expect(eventsOf(created)).toEqual(["invoice.created"]);

    server.expireIdempotencyKeys();
    const fresh = await stripe.invoices.create(
      { customer: customer.id, currency: "eur" },
      { idempotencyKey: "fault-500-after" },
    );
    expect(fresh.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect(fresh.id).not.toBe(created);
    expect(newInvoices()).toEqual([created, fresh.id]);
  });

  it("500_after: a request refused by validation never executed, so its key stays free", async () => {
    server.fault({ method: "POST", path: "/v1/invoices" }, "500_after");
    const err = await stripeError(
      stripe.invoices.create({ customer: "cus_missing" }, { idempotencyKey: "fault-500-after-invalid" }),
    );
    expect(err.statusCode).toBe(500);
    const customer = await customerWithCard();
    const invoice = await stripe.invoices.create(
      { customer: customer.id },
      { idempotencyKey: "fault-500-after-invalid" },
    );
    expect(invoice).toMatchObject({ object: "invoice", customer: customer.id });
  });

  it("hang: does the work but never answers; the SDK times out, and a retry with the same key gets the stored result", async () => {
    const customer = await customerWithCard({});
    const invoice = await openInvoice(customer.id, [7700]);
    const charges = server.objects.charges.size;
    server.fault({ path: /^\/v1\/invoices\/[^/]+\/pay$/ }, "hang");
    const err = await stripeError(
      server.client({ timeoutMs: 300 }).invoices.pay(invoice.id, {}, { idempotencyKey: "fault-hang" }),
    );
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
