import { EXPRESS_CONTROLLER } from "@/lib/billing/connect";
import { describe, expect, it } from "vitest";
import fixtures from "./stripe-fixtures.json";
import type { StripeTestObjects } from "./stripe-test-objects";
import { keysMissingFromFixture, raw, server, setUpStripeTestServer, stripe, type Json } from "./stripe-test-harness";

// Every kind of object the Stripe test server returns, and every event it sends, has only keys that Stripe's own
// example of that resource has (stripe-fixtures.json, from Stripe's fixtures3.json), so the server cannot drift into
// a shape our billing code would accept and Stripe would never send. The objects are read where the server keeps
// them: every answer and every event is a copy of one of them. A new kind of object is a new map in
// StripeTestObjects, which RESOURCE_OF below must name, so a resource cannot be added without its check.

setUpStripeTestServer();

type Resource = keyof typeof fixtures.resources;

/** The fixture each of the server's object maps is compared with. */
const RESOURCE_OF: Record<keyof StripeTestObjects, Resource> = {
  customers: "customer",
  paymentMethods: "payment_method",
  setupIntents: "setup_intent",
  checkoutSessions: "checkout.session",
  portalSessions: "billing_portal.session",
  invoices: "invoice",
  invoiceItems: "invoiceitem",
  invoicePayments: "invoice_payment",
  paymentIntents: "payment_intent",
  charges: "charge",
  creditNotes: "credit_note",
  refunds: "refund",
  applicationFees: "application_fee",
  feeRefunds: "fee_refund",
  accounts: "account",
  accountLinks: "account_link",
  loginLinks: "login_link",
  taxSettings: "tax.settings",
  taxRegistrations: "tax.registration",
  taxCalculations: "tax.calculation",
  taxCalculationLineItems: "tax.calculation_line_item",
  taxTransactions: "tax.transaction",
  taxTransactionLineItems: "tax.transaction_line_item",
};

/** Lists and arrays inside objects, whose items are resources of their own. */
const ITEMS_OF: Partial<Record<Resource, { field: string; resource: Resource }>> = {
  invoice: { field: "lines", resource: "line_item" },
  credit_note: { field: "lines", resource: "credit_note_line_item" },
  application_fee: { field: "refunds", resource: "fee_refund" },
};

/** Tax transactions' references are unique per account, and every test here makes its objects on the same server. */
let orders = 0;

/**
 * Makes at least one object of every kind: on the platform, and on a connected account with its fees; and Stripe
 * Tax's on the platform.
 */
async function everyKindOfObject() {
  // Platform: a card saved through Checkout, the portal, an invoice paid and partly refunded, another credited.
  const customer = await stripe.customers.create({
    email: "ana@example.com",
    name: "Ana",
    metadata: { livebase_user_id: "u1" },
  });
  const session = await stripe.checkout.sessions.create({
    mode: "setup",
    customer: customer.id,
    currency: "usd",
    success_url: "http://app.test/ok",
    cancel_url: "http://app.test/no",
  });
  server.completeCheckout(session.id);
  server.addCard(customer.id);
  await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://app.test/billing" });
  const paid = await stripe.invoices.create({ customer: customer.id, currency: "usd", auto_advance: false });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: paid.id,
    amount: 1200,
    currency: "usd",
    description: "Studio time",
  });
  await stripe.invoices.finalizeInvoice(paid.id);
  await stripe.invoices.pay(paid.id);
  const [charge] = (await stripe.charges.list({ customer: customer.id })).data;
  await stripe.refunds.create({ charge: charge.id, amount: 200 });
  const open = await stripe.invoices.create({ customer: customer.id, currency: "usd", auto_advance: false });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: open.id,
    amount: 1000,
    currency: "usd",
    description: "Add-on",
  });
  const finalized = await stripe.invoices.finalizeInvoice(open.id);
  await stripe.creditNotes.create({
    invoice: open.id,
    lines: [
      { type: "invoice_line_item", invoice_line_item: finalized.lines.data[0].id, amount: 300 },
      { type: "custom_line_item", description: "Goodwill", unit_amount: 100, quantity: 1 },
    ],
  });

  // A connected account: onboarding and login links, an invoice that pays the platform a fee, refunded in part.
  const account = await stripe.accounts.create({
    controller: EXPRESS_CONTROLLER,
    capabilities: { card_payments: { requested: true } },
  });
  await stripe.accountLinks.create({
    account: account.id,
    type: "account_onboarding",
    refresh_url: "http://app.test/r",
    return_url: "http://app.test/x",
  });
  server.completeOnboarding(account.id);
  await stripe.accounts.createLoginLink(account.id);
  const on = { stripeAccount: account.id };
  const member = await stripe.customers.create({ email: "member@example.com" }, on);
  server.addCard(member.id);
  const withFee = await stripe.invoices.create(
    { customer: member.id, currency: "jpy", application_fee_amount: 150 },
    on,
  );
  await stripe.invoiceItems.create(
    { customer: member.id, invoice: withFee.id, amount: 1500, currency: "jpy", description: "Studio time" },
    on,
  );
  await stripe.invoices.pay(withFee.id, {}, on);
  const [connectedCharge] = (await stripe.charges.list({ customer: member.id }, on)).data;
  const refund = await stripe.refunds.create(
    { charge: connectedCharge.id, amount: 500, refund_application_fee: true },
    on,
  );
  await stripe.creditNotes.create({ invoice: withFee.id, amount: 500, refunds: [{ refund: refund.id }] }, on);

  // Stripe Tax on the platform: settings, registrations in a US state and an EU country, a calculation committed
  // and reversed in part by line and by a flat amount; the connected account's settings stay pending.
  await stripe.tax.settings.retrieve({}, on);
  await stripe.tax.settings.update({
    defaults: { tax_behavior: "exclusive", tax_code: "txcd_20030000" },
    head_office: {
      address: { line1: "1 Main St", city: "Los Angeles", state: "CA", postal_code: "90012", country: "US" },
    },
  });
  await stripe.tax.registrations.create({
    country: "US",
    country_options: { us: { state: "CA", type: "state_sales_tax" } },
    active_from: "now",
  });
  await stripe.tax.registrations.create({
    country: "FR",
    country_options: { fr: { type: "standard", standard: { place_of_supply_scheme: "standard" } } },
    active_from: "now",
  });
  const calculation = await stripe.tax.calculations.create({
    currency: "usd",
    customer_details: { address: { postal_code: "94080", state: "CA", country: "US" }, address_source: "billing" },
    line_items: [
      { amount: 1000, reference: "session", metadata: { booking: "b1" } },
      { amount: 500, reference: "gear", tax_behavior: "inclusive", quantity: 2 },
    ],
  });
  const transaction = await stripe.tax.transactions.createFromCalculation({
    calculation: calculation.id!,
    reference: `order-${++orders}`,
    metadata: { invoice: "in_1" },
  });
  const [line] = (await stripe.tax.transactions.listLineItems(transaction.id)).data;
  await stripe.tax.transactions.createReversal({
    mode: "partial",
    original_transaction: transaction.id,
    reference: `order-${orders}-refund-1`,
    line_items: [{ original_line_item: line.id, reference: "session-refund", amount: -100, amount_tax: -10 }],
  });
  await stripe.tax.transactions.createReversal({
    mode: "partial",
    original_transaction: transaction.id,
    reference: `order-${orders}-refund-2`,
    flat_amount: -300,
  });
}

/** What in `object` Stripe's example of `resource` lacks, its items' keys included, by where it is. */
function shapeErrors(resource: Resource, object: Json, where: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const missing = keysMissingFromFixture(resource, object);
  if (missing.length > 0) errors[where] = missing;
  const items = ITEMS_OF[resource];
  const list = items ? (object[items.field] as { data: Json[] }).data : [];
  for (const [i, item] of list.entries())
    Object.assign(errors, shapeErrors(items!.resource, item, `${where}.${items!.field}.data[${i}]`));
  // A tax calculation's breakdown entries, and their rate details, compared with the first of Stripe's example.
  if (resource === "tax.calculation") {
    const example = fixtures.resources["tax.calculation"].tax_breakdown[0] as Json;
    for (const [i, entry] of (object.tax_breakdown as Json[]).entries()) {
      const extra = Object.keys(entry).filter((key) => !(key in example));
      const details = Object.keys(entry.tax_rate_details as Json).filter(
        (key) => !(key in (example.tax_rate_details as Json)),
      );
      extra.push(...details.map((key) => `tax_rate_details.${key}`));
      if (extra.length > 0) errors[`${where}.tax_breakdown[${i}]`] = extra;
    }
  }
  // A credit note's refunds are plain entries, not resources: compared with the entry in Stripe's example.
  if (resource === "credit_note") {
    const example = fixtures.resources.credit_note.refunds[0] as Json;
    for (const [i, entry] of (object.refunds as Json[]).entries()) {
      const extra = Object.keys(entry).filter((key) => !(key in example));
      if (extra.length > 0) errors[`${where}.refunds[${i}]`] = extra;
    }
  }
  return errors;
}

const isResource = (name: unknown): name is Resource => typeof name === "string" && name in fixtures.resources;

describe("the shapes of the Stripe test server's objects", () => {
  it("has only Stripe's keys in every object it returns, of every kind, and in their lines and refunds", async () => {
    await everyKindOfObject();
    let errors: Record<string, string[]> = {};
    for (const [map, resource] of Object.entries(RESOURCE_OF) as [keyof StripeTestObjects, Resource][]) {
      const objects = [...server.objects[map].values()];
      expect(objects.length, `no ${resource} was made, so its shape went unchecked`).toBeGreaterThan(0);
      for (const [i, object] of objects.entries())
        errors = { ...errors, ...shapeErrors(resource, raw(object), `${resource}[${i}]`) };
    }
    expect(errors).toEqual({});
  });

  it("has only Stripe's keys in every event it sends, and in the object each one carries", async () => {
    await everyKindOfObject();
    let errors: Record<string, string[]> = {};
    for (const event of server.events) {
      const json = raw(event);
      // `account` is on Connect events only, which Stripe's example is not; `data.previous_attributes` on *.updated
      // events only, which it is not either. Both are in Stripe's Event reference.
      const { account: _account, ...envelope } = json;
      const { previous_attributes: _previous, ...data } = json.data as Json;
      const missing = keysMissingFromFixture("event", { ...envelope, data });
      if (missing.length > 0) errors[event.type] = missing;
      const object = (json.data as Json).object as Json;
      expect(isResource(object.object), `no fixture for ${String(object.object)}, sent in ${event.type}`).toBe(true);
      errors = { ...errors, ...shapeErrors(object.object as Resource, object, `${event.type} ${String(object.id)}`) };
    }
    expect(errors).toEqual({});
  });
});
