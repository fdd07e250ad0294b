import { spawn } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  customerWithCard,
  openInvoice,
  server,
  setUpStripeTestServer,
  stripe,
  stripeError,
} from "./stripe-test-harness";
import { parseStripeForm } from "./stripe-test-routes";

// The Stripe test server's API as the SDK sees it: authentication, errors, customers, Checkout and the portal,
// lists, idempotency keys, Stripe's form encoding, and the server run from the command line.

setUpStripeTestServer();

describe("the API surface", () => {
  it("refuses a request without the right secret key", async () => {
    const wrong = new Stripe("sk_test_wrong", {
      host: "127.0.0.1",
      port: server.port,
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
    });
    const err = await stripeError(wrong.customers.create({ email: "x@example.com" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.message).toBe("Invalid API Key provided");
  });

  it("creates, reads and updates a customer, with nested metadata and a customer.updated event", async () => {
    const created = await stripe.customers.create({
      email: "ana@example.com",
      name: "Ana",
      metadata: { livebase_user_id: "u1", team: "a b&c" },
    });
    expect(created).toMatchObject({
      object: "customer",
      email: "ana@example.com",
      livemode: false,
      metadata: { livebase_user_id: "u1", team: "a b&c" },
    });
    expect(created.id).toMatch(/^cus_\w+$/);
    const updated = await stripe.customers.update(created.id, { name: "Ana B", metadata: { team: "" } });
    expect(updated).toMatchObject({ name: "Ana B", metadata: { livebase_user_id: "u1" } });
    expect(await stripe.customers.retrieve(created.id)).toEqual(updated);
    const event = server.events.findLast((e) => e.type === "customer.updated");
    expect(event?.data.previous_attributes).toEqual({
      name: "Ana",
      metadata: { livebase_user_id: "u1", team: "a b&c" },
    });
  });

  it("answers Stripe's errors for unknown ids, missing or unknown parameters and unknown URLs", async () => {
    const missingInvoice = await stripeError(stripe.invoices.retrieve("in_missing"));
    expect(missingInvoice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missingInvoice).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      param: "id",
      message: "No such invoice: 'in_missing'",
    });
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
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "setup",
      status: "open",
      setup_intent: null,
      url: `${server.url}/checkout/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_/);

    server.completeCheckout(session.id, { last4: "4242" });
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ["setup_intent"] });
    expect(done.status).toBe("complete");
    const si = done.setup_intent as Stripe.SetupIntent;
    expect(si).toMatchObject({
      object: "setup_intent",
      status: "succeeded",
      customer: customer.id,
      usage: "off_session",
    });
    expect(await stripe.paymentMethods.retrieve(si.payment_method as string)).toMatchObject({
      type: "card",
      customer: customer.id,
      card: { brand: "visa", last4: "4242" },
    });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      invoice_settings: { default_payment_method: null },
    });
    expect(server.events.slice(-2).map((e) => e.type)).toEqual([
      "setup_intent.succeeded",
      "checkout.session.completed",
    ]);

    await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: si.payment_method as string },
    });
    const withCard = (await stripe.customers.retrieve(customer.id, {
      expand: ["invoice_settings.default_payment_method"],
    })) as Stripe.Customer;
    expect(withCard.invoice_settings.default_payment_method).toMatchObject({
      id: si.payment_method,
      card: { last4: "4242" },
    });
    expect(
      await stripeError(stripe.checkout.sessions.create({ mode: "payment", customer: customer.id })),
    ).toMatchObject({ statusCode: 400, param: "mode" });
  });

  it("refuses a default card that belongs to someone else", async () => {
    const other = await customerWithCard({});
    const otherCard = server.addCard(other.id);
    const customer = await customerWithCard();
    const err = await stripeError(
      stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: otherCard } }),
    );
    expect(err).toMatchObject({ statusCode: 400, param: "invoice_settings[default_payment_method]" });
  });

  it("opens a portal session for a customer", async () => {
    const customer = await customerWithCard();
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://app.test/billing",
    });
    expect(portal).toMatchObject({
      object: "billing_portal.session",
      customer: customer.id,
      return_url: "http://app.test/billing",
      url: `${server.url}/portal/${portal.id}`,
    });
    expect(portal.id).toMatch(/^bps_/);
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
    expect((await stripe.invoices.list({ customer: customer.id, status: "open" })).data.map((i) => i.id)).toEqual([
      open.id,
    ]);
    expect((await stripe.invoices.list({ customer: customer.id, status: "void" })).data).toEqual([]);

    const first = await stripe.invoices.list({ customer: customer.id, limit: 2 });
    expect(first.data.map((i) => i.id)).toEqual([paid.id, open.id]);
    expect(first.has_more).toBe(true);
    const next = await stripe.invoices.list({ customer: customer.id, limit: 2, starting_after: open.id });
    expect(next.data.map((i) => i.id)).toEqual([draft.id]);
    expect(next.has_more).toBe(false);
    expect(
      (await stripe.invoices.list({ customer: customer.id, limit: 1, ending_before: draft.id })).data.map((i) => i.id),
    ).toEqual([open.id]);
    // The SDK's auto-pagination follows starting_after from page to page.
    expect(
      (await stripe.invoices.list({ customer: customer.id, limit: 1 }).autoPagingToArray({ limit: 10 })).map(
        (i) => i.id,
      ),
    ).toEqual([paid.id, open.id, draft.id]);

    const expanded = await stripe.invoices.list({ customer: customer.id, limit: 1, expand: ["data.customer"] });
    expect(expanded.data[0].customer).toMatchObject({ object: "customer", id: customer.id });
    expect((await stripe.invoices.list({ limit: 100 })).data.length).toBeGreaterThanOrEqual(4);
  });

  it("refuse unknown parameters, a limit out of range, an unknown status or cursor", async () => {
    const typo = await stripeError(stripe.rawRequest("GET", "/v1/invoices?custmer=cus_x"));
    expect(typo).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "custmer" });
    expect(await stripeError(stripe.invoices.list({ limit: 101 }))).toMatchObject({ statusCode: 400, param: "limit" });
    expect(await stripeError(stripe.invoices.list({ limit: 0 }))).toMatchObject({ statusCode: 400, param: "limit" });
    expect(await stripeError(stripe.invoices.list({ status: "late" }))).toMatchObject({
      statusCode: 400,
      param: "status",
    });
    expect(await stripeError(stripe.creditNotes.list({ starting_after: "cn_missing" }))).toMatchObject({
      code: "resource_missing",
      param: "starting_after",
    });
    expect(await stripeError(stripe.invoiceItems.list({ expand: ["data.nothing"] }))).toMatchObject({
      statusCode: 400,
      param: "expand",
    });
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
    expect((await stripe.invoiceItems.list({ customer: customer.id })).data.map((i) => i.amount)).toEqual([
      500, 400, 300,
    ]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data.map((i) => i.id)).toEqual([
      pending.id,
    ]);
    expect((await stripe.invoiceItems.list({ customer: customer.id, limit: 1 })).has_more).toBe(true);
  });

  it("list an invoice's credit notes, newest first", async () => {
    const customer = await customerWithCard();
    const invoice = await openInvoice(customer.id, [5000]);
    const line = (amount: number) => [
      { type: "custom_line_item" as const, description: "Credit", quantity: 1, unit_amount: amount },
    ];
    const a = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(100), metadata: { n: "1" } });
    const b = await stripe.creditNotes.create({ invoice: invoice.id, lines: line(200), metadata: { n: "2" } });
    const notes = await stripe.creditNotes.list({ invoice: invoice.id });
    expect(notes).toMatchObject({ object: "list", has_more: false, url: "/v1/credit_notes" });
    expect(notes.data.map((n) => [n.id, n.total, n.metadata])).toEqual([
      [b.id, 200, { n: "2" }],
      [a.id, 100, { n: "1" }],
    ]);
    expect(
      (await stripe.creditNotes.list({ invoice: invoice.id, limit: 1, starting_after: b.id })).data.map((n) => n.id),
    ).toEqual([a.id]);
    expect((await stripe.creditNotes.list({ invoice: "in_other" })).data).toEqual([]);
  });
});

describe("idempotency", () => {
  it("replays the first answer for the same key and parameters, creating nothing new", async () => {
    const before = server.objects.customers.size;
    const first = await stripe.customers.create(
      { email: "idem@example.com", metadata: { a: "1", b: "2" } },
      { idempotencyKey: "idem-customer-1" },
    );
    const again = await stripe.customers.create(
      { metadata: { b: "2", a: "1" }, email: "idem@example.com" },
      { idempotencyKey: "idem-customer-1" },
    );
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(server.objects.customers.size).toBe(before + 1);
    expect(server.requests.filter((r) => r.idempotencyKey === "idem-customer-1").map((r) => r.replayed)).toEqual([
      false,
      true,
    ]);
  });

  it("executes a reused key again once the keys have expired, as Stripe does after 24 hours", async () => {
    const first = await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" });
    expect((await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" })).id).toBe(
      first.id,
    );
    server.expireIdempotencyKeys();
    const second = await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" });
    expect(second.id).not.toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    // The new result is kept under the key in turn; the objects made before are untouched.
    expect((await stripe.customers.create({ email: "expire@example.com" }, { idempotencyKey: "idem-expire" })).id).toBe(
      second.id,
    );
    expect(await stripe.customers.retrieve(first.id)).toMatchObject({ id: first.id });
  });

  it("refuses the same key with other parameters", async () => {
    await stripe.customers.create({ email: "one@example.com" }, { idempotencyKey: "idem-customer-2" });
    const err = await stripeError(
      stripe.customers.create({ email: "two@example.com" }, { idempotencyKey: "idem-customer-2" }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with.",
    );
  });

  it("replays a declined payment too, as Stripe does, while a new key charges the new card", async () => {
    const customer = await customerWithCard({ declines: true });
    const invoice = await openInvoice(customer.id, [1200]);
    expect(await stripeError(stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "pay-1" }))).toBeInstanceOf(
      Stripe.errors.StripeCardError,
    );
    server.addCard(customer.id);
    expect(await stripeError(stripe.invoices.pay(invoice.id, {}, { idempotencyKey: "pay-1" }))).toBeInstanceOf(
      Stripe.errors.StripeCardError,
    );
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
      headers: {
        authorization: `Bearer ${server.secretKey}`,
        "idempotency-key": "idem-busy",
        "content-type": "application/x-www-form-urlencoded",
        "content-length": body.length,
        expect: "100-continue",
      },
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
    const err = await stripeError(
      stripe.customers.create({ email: "slow@example.com" }, { idempotencyKey: "idem-busy" }),
    );
    expect(err).toMatchObject({ statusCode: 409, code: "idempotency_key_in_use", rawType: "idempotency_error" });
    slow.end(body);
    const first = await answered;
    expect(first.status).toBe(200);
    const replay = await stripe.customers.create({ email: "slow@example.com" }, { idempotencyKey: "idem-busy" });
    expect(replay.id).toBe((JSON.parse(first.body) as { id: string }).id);
  });
});

describe("parseStripeForm", () => {
  it("builds nested objects and arrays from Stripe's form encoding", () => {
    expect(
      parseStripeForm(
        "metadata[a]=1&metadata[b%20c]=x+y&expand[]=a&expand[]=b&lines[0][type]=custom&lines[0][unit_amount]=5&lines[1][type]=other&name=",
      ),
    ).toEqual({
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
    const child = spawn(process.execPath, ["--import", "tsx", file, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
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
