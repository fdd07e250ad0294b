import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach } from "vitest";
import fixtures from "./stripe-fixtures.json";
import { startStripeTestServer, type StripeTestServer } from "./stripe-test-server";

/**
 * What the Stripe test server's own tests share: a server per test file, driven through the real SDK as our billing
 * code drives Stripe, and helpers to make customers and invoices. `server` and `stripe` are set by the hooks that
 * setUpStripeTestServer() registers, so a test file calls it once at its top.
 */

export let server: StripeTestServer;
export let stripe: Stripe;

export function setUpStripeTestServer(): void {
  beforeAll(async () => {
    server = await startStripeTestServer();
    stripe = server.client();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.webhook = null;
    server.connectWebhook = null;
  });
}

export async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

export async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

export const eventsOf = (id: string) =>
  server.events.filter((e) => (e.data.object as { id?: string }).id === id).map((e) => e.type);

export async function customerWithCard(card?: { declines?: boolean }) {
  const customer = await stripe.customers.create({ email: "ana@example.com", name: "Ana" });
  if (card) server.addCard(customer.id, card);
  return customer;
}

export async function openInvoice(customer: string, amounts: number[], currency = "eur") {
  const draft = await stripe.invoices.create({
    customer,
    currency,
    collection_method: "charge_automatically",
    auto_advance: false,
    pending_invoice_items_behavior: "exclude",
  });
  for (const [i, amount] of amounts.entries()) {
    await stripe.invoiceItems.create({
      customer,
      invoice: draft.id,
      amount,
      currency,
      description: `Session ${i + 1}`,
      metadata: { line: String(i) },
    });
  }
  return stripe.invoices.finalizeInvoice(draft.id);
}

/** An endpoint that records what is POSTed to it (body and Stripe-Signature) and answers 200. */
export async function webhookReceiver() {
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

export type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** An SDK result as JSON, the wire shape: without the SDK's non-enumerable lastResponse. */
export const raw = (o: object) => JSON.parse(JSON.stringify(o)) as Json;

/**
 * Keys Stripe's example leaves out because they depend on a type the example does not have: an invoice payment's
 * `payment` names the charge, payment intent or payment record of its `type` (the SDK's InvoicePayment.Payment),
 * and the example, of type payment_intent, shows only the type. A tax registration's `country_options` is keyed by
 * its country in lower case, and the example is of a US one. Tax settings say what is missing under
 * `status_details.pending` while they are pending, and the example is of active settings.
 */
const OPTIONAL_KEYS: Partial<Record<keyof typeof fixtures.resources, Record<string, string[] | RegExp>>> = {
  invoice_payment: { payment: ["charge", "payment_intent", "payment_record"] },
  "tax.registration": { country_options: /^[a-z]{2}$/ },
  "tax.settings": { status_details: ["pending"] },
};

/**
 * The keys of `ours` that Stripe's example of the resource (stripe-fixtures.json, from Stripe's fixtures3.json)
 * lacks, at the top and one level down (nested objects such as `requirements`). `controller` is exempt below the
 * top: the example is of an account that controls itself ({type: "account"}), while Stripe adds what the platform
 * set (fees, losses, stripe_dashboard, …) to one it controls.
 */
export function keysMissingFromFixture(resource: keyof typeof fixtures.resources, ours: Json): string[] {
  const fixture = fixtures.resources[resource] as Json;
  const missing: string[] = [];
  for (const [key, value] of Object.entries(ours)) {
    if (!(key in fixture)) missing.push(key);
    else if (
      key !== "controller" &&
      key !== "metadata" &&
      key !== "capabilities" &&
      isObject(value) &&
      isObject(fixture[key])
    ) {
      const optional = OPTIONAL_KEYS[resource]?.[key] ?? [];
      const isOptional = (inner: string) => (Array.isArray(optional) ? optional.includes(inner) : optional.test(inner));
      for (const inner of Object.keys(value))
        if (!(inner in (fixture[key] as Json)) && !isOptional(inner)) missing.push(`${key}.${inner}`);
    }
  }
  return missing;
}
