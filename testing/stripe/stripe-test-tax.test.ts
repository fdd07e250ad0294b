import { EXPRESS_CONTROLLER } from "@/lib/billing/connect";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { raw, server, setUpStripeTestServer, stripe, stripeError } from "./stripe-test-harness";
import { startStripeTestServer } from "./stripe-test-server";

// Stripe Tax on the Stripe test server, through the SDK: settings, registrations, calculations on its fixed rate
// table (resources/tax.ts), transactions and their reversals (resources/tax-transactions.ts), each account's own.
// Shapes are checked against Stripe's examples in stripe-test-shapes.test.ts.

setUpStripeTestServer();

const CA = {
  country: "US",
  country_options: { us: { state: "CA", type: "state_sales_tax" } },
  active_from: "now",
} as const satisfies Stripe.Tax.RegistrationCreateParams;
const TX = {
  country: "US",
  country_options: { us: { state: "TX", type: "state_sales_tax" } },
  active_from: "now",
} as const satisfies Stripe.Tax.RegistrationCreateParams;
const NY = {
  country: "US",
  country_options: { us: { state: "NY", type: "state_sales_tax" } },
  active_from: "now",
} as const satisfies Stripe.Tax.RegistrationCreateParams;
const GB = {
  country: "GB",
  country_options: { gb: { type: "standard" } },
  active_from: "now",
} as const satisfies Stripe.Tax.RegistrationCreateParams;

const inCA = {
  address: {
    line1: "354 Oyster Point Blvd",
    line2: "",
    city: "South San Francisco",
    state: "CA",
    postal_code: "94080",
    country: "US",
  },
  address_source: "shipping",
} as const;
const inNY = { address: { state: "NY", postal_code: "10001", country: "US" }, address_source: "billing" } as const;
const inGB = { address: { postal_code: "SW1A 1AA", country: "GB" } } as const;

const rateDetails = (country: string, state: string | null, percentage_decimal: string, tax_type: string | null) => ({
  country,
  state,
  percentage_decimal,
  tax_type,
  flat_amount: null,
  rate_type: "percentage",
});

/** A connected account with active tax settings (head office in Los Angeles) and these registrations. */
async function taxAccount(registrations: Stripe.Tax.RegistrationCreateParams[] = []) {
  const account = await stripe.accounts.create({ controller: EXPRESS_CONTROLLER });
  const on = { stripeAccount: account.id };
  await stripe.tax.settings.update(
    {
      head_office: {
        address: { line1: "1 Main St", city: "Los Angeles", state: "CA", postal_code: "90012", country: "US" },
      },
    },
    on,
  );
  for (const registration of registrations) await stripe.tax.registrations.create(registration, on);
  return on;
}

/** 1,000 and 300 (quantity 3) in California, exclusive: 95 and 28.5 → 29 of tax. */
const sessionAndGear = (currency = "usd") =>
  ({
    currency,
    customer_details: inCA,
    line_items: [
      { amount: 1000, reference: "session", tax_code: "txcd_20030000" },
      { amount: 300, reference: "gear", quantity: 3, metadata: { sku: "g1" } },
    ],
  }) satisfies Stripe.Tax.CalculationCreateParams;

const lines = (items: { reference: string; amount: number; amount_tax: number }[]) =>
  items.map((l) => [l.reference, l.amount, l.amount_tax]);

describe("Stripe Tax settings", () => {
  it("are pending until a head office is set, refuse calculations until then, and are each account's own", async () => {
    const account = await stripe.accounts.create({ controller: EXPRESS_CONTROLLER });
    const on = { stripeAccount: account.id };
    expect(raw(await stripe.tax.settings.retrieve({}, on))).toEqual({
      object: "tax.settings",
      defaults: { tax_behavior: null, tax_code: null, provider: "stripe" },
      head_office: null,
      livemode: false,
      status: "pending",
      status_details: { pending: { missing_fields: ["head_office"] } },
    });
    const inactive = await stripeError(
      stripe.tax.calculations.create(
        { currency: "usd", customer_details: inCA, line_items: [{ amount: 1000, reference: "a" }] },
        on,
      ),
    );
    expect(inactive).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "stripe_tax_inactive" });

    const active = await stripe.tax.settings.update(
      {
        defaults: { tax_behavior: "exclusive", tax_code: "txcd_20030000" },
        head_office: { address: { state: "CA", postal_code: "90012", country: "US" } },
      },
      on,
    );
    expect(raw(active)).toEqual({
      object: "tax.settings",
      defaults: { tax_behavior: "exclusive", tax_code: "txcd_20030000", provider: "stripe" },
      head_office: {
        address: { city: null, country: "US", line1: null, line2: null, postal_code: "90012", state: "CA" },
      },
      livemode: false,
      status: "active",
      status_details: { active: {} },
    });
    expect(raw(await stripe.tax.settings.retrieve({}, on))).toEqual(raw(active));
    const event = server.events.findLast((e) => e.type === "tax.settings.updated");
    expect(event).toMatchObject({
      account: account.id,
      data: { object: { status: "active" }, previous_attributes: { status: "pending", head_office: null } },
    });
    // The platform's settings are its own, and still pending.
    expect((await stripe.tax.settings.retrieve()).status).toBe("pending");
  });

  it("refuses what Stripe refuses: a head office without a country, unknown fields, bad defaults", async () => {
    const noCountry = await stripeError(
      stripe.tax.settings.update({ head_office: { address: { state: "CA" } } } as Stripe.Tax.SettingsUpdateParams),
    );
    expect(noCountry).toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "head_office[address][country]",
    });
    const typo = await stripeError(
      stripe.rawRequest("POST", "/v1/tax/settings", { head_office: { address: { country: "US", zip: "90012" } } }),
    );
    expect(typo).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "head_office[address][zip]" });
    const behavior = await stripeError(stripe.tax.settings.update({ defaults: { tax_behavior: "sometimes" } }));
    expect(behavior).toMatchObject({ statusCode: 400, param: "defaults[tax_behavior]" });
    const code = await stripeError(stripe.tax.settings.update({ defaults: { tax_code: "food" } }));
    expect(code).toMatchObject({ statusCode: 400, param: "defaults[tax_code]" });
    expect((await stripe.tax.settings.retrieve()).status).toBe("pending");
  });
});

describe("Stripe Tax registrations", () => {
  it("are active, scheduled or expired by their dates, listed by status, and ended by expires_at", async () => {
    const on = await taxAccount();
    const ca = await stripe.tax.registrations.create(CA, on);
    expect(ca.id).toMatch(/^taxreg_/);
    expect(raw(ca)).toMatchObject({
      object: "tax.registration",
      country: "US",
      country_options: { us: { state: "CA", type: "state_sales_tax" } },
      expires_at: null,
      status: "active",
      livemode: false,
    });
    expect(ca.active_from).toBe(ca.created);
    const tomorrow = Math.floor(Date.now() / 1000) + 24 * 3600;
    const fr = await stripe.tax.registrations.create(
      {
        country: "FR",
        country_options: { fr: { type: "oss_union" } },
        active_from: tomorrow,
        expires_at: tomorrow + 3600,
      },
      on,
    );
    expect(fr).toMatchObject({ status: "scheduled", active_from: tomorrow, expires_at: tomorrow + 3600 });
    const ids = async (status?: Stripe.Tax.RegistrationListParams.Status) =>
      (await stripe.tax.registrations.list(status ? { status } : {}, on)).data.map((r) => r.id);
    expect(await ids()).toEqual([fr.id, ca.id]);
    expect(await ids("active")).toEqual([ca.id]);
    expect(await ids("scheduled")).toEqual([fr.id]);
    expect(await ids("expired")).toEqual([]);

    // A registration cannot be deleted: it is ended. California is then no longer taxed.
    const ended = await stripe.tax.registrations.update(ca.id, { expires_at: "now" }, on);
    expect(ended.status).toBe("expired");
    expect(await ids("expired")).toEqual([ca.id]);
    expect(await stripe.tax.registrations.retrieve(ca.id, {}, on)).toMatchObject({ status: "expired" });
    const after = await stripe.tax.calculations.create(sessionAndGear(), on);
    expect(after.tax_breakdown.map((b) => b.taxability_reason)).toEqual(["not_collecting"]);
  });

  it("refuses a registration without its country's options, with a type or date Stripe does not take", async () => {
    const on = await taxAccount();
    const wrongCountry = await stripeError(
      stripe.tax.registrations.create(
        { country: "FR", country_options: { us: { state: "CA", type: "state_sales_tax" } }, active_from: "now" },
        on,
      ),
    );
    expect(wrongCountry).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "country_options[us]" });
    const noState = await stripeError(
      stripe.tax.registrations.create(
        { country: "US", country_options: { us: { type: "state_sales_tax" } }, active_from: "now" } as never,
        on,
      ),
    );
    expect(noState).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "country_options[us][state]" });
    const type = await stripeError(
      stripe.tax.registrations.create(
        { country: "GB", country_options: { gb: { type: "vat" } }, active_from: "now" } as never,
        on,
      ),
    );
    expect(type).toMatchObject({ statusCode: 400, param: "country_options[gb][type]" });
    const past = await stripeError(stripe.tax.registrations.create({ ...GB, active_from: 1_000_000_000 }, on));
    expect(past).toMatchObject({ statusCode: 400, param: "active_from" });
    expect((await stripe.tax.registrations.list({}, on)).data).toEqual([]);
  });
});

describe("Stripe Tax calculations", () => {
  it("adds exclusive tax in USD per line, rounded half up, with the line items listed and expandable", async () => {
    const on = await taxAccount([CA]);
    const calculation = await stripe.tax.calculations.create({ ...sessionAndGear("USD"), expand: ["line_items"] }, on);
    expect(calculation.id).toMatch(/^taxcalc_/);
    expect(calculation).toMatchObject({
      object: "tax.calculation",
      currency: "usd",
      amount_total: 1424,
      tax_amount_exclusive: 124,
      tax_amount_inclusive: 0,
      customer: null,
      customer_details: { ...inCA, ip_address: null, tax_ids: [], taxability_override: "none" },
      ship_from_details: null,
      shipping_cost: null,
      livemode: false,
    });
    expect(calculation.tax_breakdown).toEqual([
      {
        amount: 124,
        inclusive: false,
        taxable_amount: 1300,
        taxability_reason: "standard_rated",
        tax_rate_details: rateDetails("US", "CA", "9.5", "sales_tax"),
      },
    ]);
    // 300 × 9.5 % = 28.5, rounded half up to 29; the tax code defaults to Stripe's preset one.
    expect(
      calculation.line_items!.data.map((l) => [
        l.reference,
        l.amount,
        l.amount_tax,
        l.quantity,
        l.tax_code,
        l.metadata,
      ]),
    ).toEqual([
      ["session", 1000, 95, 1, "txcd_20030000", null],
      ["gear", 300, 29, 3, "txcd_10000000", { sku: "g1" }],
    ]);
    expect(calculation.line_items).toMatchObject({
      object: "list",
      has_more: false,
      url: `/v1/tax/calculations/${calculation.id}/line_items`,
    });
    expect(calculation.line_items!.data[0]).toMatchObject({
      object: "tax.calculation_line_item",
      tax_behavior: "exclusive",
      product: null,
    });
    expect(calculation.expires_at).toBe(calculation.tax_date + 90 * 24 * 3600);

    const retrieved = await stripe.tax.calculations.retrieve(calculation.id!, {}, on);
    expect(raw(retrieved)).not.toHaveProperty("line_items");
    const { line_items: _lines, ...rest } = raw(calculation);
    expect(raw(retrieved)).toEqual(rest);
    const first = await stripe.tax.calculations.listLineItems(calculation.id!, { limit: 1 }, on);
    expect(first).toMatchObject({ has_more: true, url: `/v1/tax/calculations/${calculation.id}/line_items` });
    expect(first.data.map((l) => l.reference)).toEqual(["session"]);
    const next = await stripe.tax.calculations.listLineItems(calculation.id!, { starting_after: first.data[0].id }, on);
    expect(next.data.map((l) => l.reference)).toEqual(["gear"]);
  });

  it("takes inclusive tax out of the amount in USD, beside exclusive tax on another line", async () => {
    const on = await taxAccount([NY]);
    const calculation = await stripe.tax.calculations.create(
      {
        currency: "usd",
        customer_details: inNY,
        line_items: [
          { amount: 10000, reference: "booking", tax_behavior: "inclusive" },
          { amount: 200, reference: "fee", tax_behavior: "exclusive" },
        ],
        expand: ["line_items"],
      },
      on,
    );
    // 10,000 × 8.875 / 108.875 = 815.15 → 815, inside the amount; 200 × 8.875 % = 17.75 → 18, on top.
    expect(calculation).toMatchObject({ amount_total: 10218, tax_amount_inclusive: 815, tax_amount_exclusive: 18 });
    expect(lines(calculation.line_items!.data)).toEqual([
      ["booking", 10000, 815],
      ["fee", 200, 18],
    ]);
    expect(calculation.tax_breakdown).toEqual([
      {
        amount: 815,
        inclusive: true,
        taxable_amount: 9185,
        taxability_reason: "standard_rated",
        tax_rate_details: rateDetails("US", "NY", "8.875", "sales_tax"),
      },
      {
        amount: 18,
        inclusive: false,
        taxable_amount: 200,
        taxability_reason: "standard_rated",
        tax_rate_details: rateDetails("US", "NY", "8.875", "sales_tax"),
      },
    ]);
  });

  it("rounds JPY, a zero-decimal currency, to the yen: exclusive and inclusive", async () => {
    const on = await taxAccount([GB, CA]);
    const calculation = await stripe.tax.calculations.create(
      {
        currency: "jpy",
        customer_details: inGB,
        line_items: [
          { amount: 1234, reference: "session" },
          { amount: 1239, reference: "gear", tax_behavior: "inclusive" },
        ],
        expand: ["line_items"],
      },
      on,
    );
    // 1,234 × 20 % = 246.8 → 247 on top; 1,239 × 20 / 120 = 206.5 → 207 inside (half up, not to even).
    expect(calculation).toMatchObject({
      currency: "jpy",
      amount_total: 2720,
      tax_amount_exclusive: 247,
      tax_amount_inclusive: 207,
    });
    expect(lines(calculation.line_items!.data)).toEqual([
      ["session", 1234, 247],
      ["gear", 1239, 207],
    ]);
    expect(calculation.tax_breakdown).toEqual([
      {
        amount: 247,
        inclusive: false,
        taxable_amount: 1234,
        taxability_reason: "standard_rated",
        tax_rate_details: rateDetails("GB", null, "20.0", "vat"),
      },
      {
        amount: 207,
        inclusive: true,
        taxable_amount: 1032,
        taxability_reason: "standard_rated",
        tax_rate_details: rateDetails("GB", null, "20.0", "vat"),
      },
    ]);
    // The same yen in California: 1,234 × 9.5 % = 117.23 → 117.
    const inCalifornia = await stripe.tax.calculations.create(
      { currency: "jpy", customer_details: inCA, line_items: [{ amount: 1234, reference: "session" }] },
      on,
    );
    expect(inCalifornia).toMatchObject({ amount_total: 1351, tax_amount_exclusive: 117 });
  });

  it("collects nothing where the account has no registration (not_collecting), nor outside the rate table", async () => {
    const unregistered = await taxAccount();
    const none = await stripe.tax.calculations.create(sessionAndGear(), unregistered);
    expect(none).toMatchObject({ amount_total: 1300, tax_amount_exclusive: 0, tax_amount_inclusive: 0 });
    expect(none.tax_breakdown).toEqual([
      {
        amount: 0,
        inclusive: false,
        taxable_amount: 0,
        taxability_reason: "not_collecting",
        tax_rate_details: rateDetails("US", "CA", "0.0", "sales_tax"),
      },
    ]);

    const on = await taxAccount([CA, TX]);
    const ny = await stripe.tax.calculations.create(
      { currency: "usd", customer_details: inNY, line_items: [{ amount: 1000, reference: "a" }] },
      on,
    );
    expect(ny).toMatchObject({ amount_total: 1000, tax_amount_exclusive: 0 });
    expect(ny.tax_breakdown).toEqual([
      {
        amount: 0,
        inclusive: false,
        taxable_amount: 0,
        taxability_reason: "not_collecting",
        tax_rate_details: rateDetails("US", "NY", "0.0", "sales_tax"),
      },
    ]);
    const france = await stripe.tax.calculations.create(
      {
        currency: "eur",
        customer_details: { address: { country: "FR" } },
        line_items: [{ amount: 1000, reference: "a", tax_behavior: "inclusive" }],
      },
      on,
    );
    expect(france).toMatchObject({ amount_total: 1000, tax_amount_inclusive: 0 });
    expect(france.tax_breakdown[0]).toMatchObject({
      taxability_reason: "not_collecting",
      inclusive: true,
      tax_rate_details: rateDetails("FR", null, "0.0", "vat"),
    });
    // Registered in Texas, which the test server's table has no rate for: 0, and said so.
    const texas = await stripe.tax.calculations.create(
      {
        currency: "usd",
        customer_details: { address: { state: "TX", postal_code: "73301", country: "US" } },
        line_items: [{ amount: 1000, reference: "a" }],
      },
      on,
    );
    expect(texas).toMatchObject({ amount_total: 1000, tax_amount_exclusive: 0 });
    expect(texas.tax_breakdown[0]).toMatchObject({ amount: 0, taxability_reason: "not_supported" });
  });

  it("refuses an address it cannot place and line items Stripe refuses", async () => {
    const on = await taxAccount([CA]);
    const before = server.objects.taxCalculations.size;
    const calculate = (params: Partial<Stripe.Tax.CalculationCreateParams>) =>
      stripeError(
        stripe.tax.calculations.create({ ...sessionAndGear(), ...params } as Stripe.Tax.CalculationCreateParams, on),
      );

    expect(await calculate({ customer_details: undefined })).toMatchObject({
      statusCode: 400,
      param: "customer_details",
    });
    expect(await calculate({ customer_details: { address: { postal_code: "94080" } } as never })).toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "customer_details[address][country]",
    });
    for (const address of [
      { state: "CA", country: "US" },
      { postal_code: "94080", country: "US" },
    ]) {
      expect(await calculate({ customer_details: { address } })).toMatchObject({
        statusCode: 400,
        code: "customer_tax_location_invalid",
        param: "customer_details[address]",
      });
    }
    expect(await calculate({ line_items: [{ amount: -1, reference: "a" }] })).toMatchObject({
      statusCode: 400,
      param: "line_items[0][amount]",
    });
    expect(await calculate({ line_items: [{ amount: 1, reference: "a" }, { amount: 1 }] })).toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "line_items[1][reference]",
    });
    expect(
      await calculate({
        line_items: [
          { amount: 1, reference: "a" },
          { amount: 2, reference: "a" },
        ],
      }),
    ).toMatchObject({ statusCode: 400, param: "line_items[1][reference]" });
    expect(await calculate({ line_items: [] })).toMatchObject({ statusCode: 400, param: "line_items" });
    expect(await calculate({ line_items: [{ amount: 1, reference: "a", price: "p" } as never] })).toMatchObject({
      statusCode: 400,
      code: "parameter_unknown",
      param: "line_items[0][price]",
    });
    expect(await calculate({ tax_date: Math.floor(Date.now() / 1000) - 40 * 24 * 3600 })).toMatchObject({
      statusCode: 400,
      param: "tax_date",
    });
    expect(await calculate({ customer: "cus_1" })).toMatchObject({ statusCode: 400, param: "customer" });
    expect(server.objects.taxCalculations.size).toBe(before);
  });

  it("keeps a calculation, its line items and its transaction to the account that made them", async () => {
    const a = await taxAccount([CA]);
    const b = await taxAccount([CA]);
    const calculation = await stripe.tax.calculations.create(sessionAndGear(), a);
    const id = calculation.id!;
    for (const elsewhere of [b, {}]) {
      expect(await stripeError(stripe.tax.calculations.retrieve(id, {}, elsewhere))).toMatchObject({
        statusCode: 404,
        code: "resource_missing",
        message: `No such tax.calculation: '${id}'`,
      });
      expect(await stripeError(stripe.tax.calculations.listLineItems(id, {}, elsewhere))).toMatchObject({
        statusCode: 404,
      });
      expect(
        await stripeError(
          stripe.tax.transactions.createFromCalculation({ calculation: id, reference: "x" }, elsewhere),
        ),
      ).toMatchObject({ statusCode: 404, param: "calculation" });
    }
    const transaction = await stripe.tax.transactions.createFromCalculation(
      { calculation: id, reference: "order-1" },
      a,
    );
    expect(await stripeError(stripe.tax.transactions.retrieve(transaction.id, {}, b))).toMatchObject({
      statusCode: 404,
      message: `No such tax.transaction: '${transaction.id}'`,
    });
    expect(await stripeError(stripe.tax.transactions.listLineItems(transaction.id, {}, b))).toMatchObject({
      statusCode: 404,
    });
    expect(
      await stripeError(
        stripe.tax.transactions.createReversal(
          { mode: "full", original_transaction: transaction.id, reference: "order-1-refund" },
          b,
        ),
      ),
    ).toMatchObject({ statusCode: 404, param: "original_transaction" });
    // References are unique per account: b may use a's.
    const other = await stripe.tax.calculations.create(sessionAndGear(), b);
    const same = await stripe.tax.transactions.createFromCalculation(
      { calculation: other.id!, reference: "order-1" },
      b,
    );
    expect(same.reference).toBe("order-1");
    expect((await stripe.tax.registrations.list({}, b)).data).toHaveLength(1);
  });
});

describe("Stripe Tax transactions", () => {
  it("commits a calculation, then reverses it in part (flat amount, then a line) and in full, never beyond", async () => {
    const on = await taxAccount([CA]);
    const calculation = await stripe.tax.calculations.create(sessionAndGear(), on);
    const transaction = await stripe.tax.transactions.createFromCalculation(
      { calculation: calculation.id!, reference: "order-1", metadata: { invoice: "in_1" }, expand: ["line_items"] },
      on,
    );
    expect(transaction.id).toMatch(/^tax_/);
    expect(transaction).toMatchObject({
      object: "tax.transaction",
      type: "transaction",
      reference: "order-1",
      reversal: null,
      currency: "usd",
      customer: null,
      customer_details: calculation.customer_details,
      tax_date: calculation.tax_date,
      metadata: { invoice: "in_1" },
      shipping_cost: null,
    });
    const original = transaction.line_items!.data;
    expect(original.map((l) => [l.reference, l.amount, l.amount_tax, l.quantity, l.type, l.reversal])).toEqual([
      ["session", 1000, 95, 1, "transaction", null],
      ["gear", 300, 29, 3, "transaction", null],
    ]);
    expect(transaction.line_items!.url).toBe(`/v1/tax/transactions/${transaction.id}/line_items`);
    const retrieved = await stripe.tax.transactions.retrieve(transaction.id, {}, on);
    expect(raw(retrieved)).not.toHaveProperty("line_items");
    expect((await stripe.tax.transactions.listLineItems(transaction.id, {}, on)).data).toEqual(original);
    const [session, gear] = original;

    const reverse = (params: Omit<Stripe.Tax.TransactionCreateReversalParams, "original_transaction">) =>
      stripe.tax.transactions.createReversal(
        { original_transaction: transaction.id, expand: ["line_items"], ...params },
        on,
      );
    const reversed = (t: Stripe.Tax.Transaction) =>
      t.line_items!.data.map((l) => [l.reversal?.original_line_item, l.reference, l.amount, l.amount_tax, l.type]);

    // -712 of 1,424: 547.5 and 164.5 of the lines' 1,095 and 329 → 548 (the tie goes to the first line) and 164;
    // tax 548 × 95 / 1,095 = 47.54 → 48 and 164 × 29 / 329 = 14.46 → 14.
    const half = await reverse({ mode: "partial", reference: "order-1-refund-1", flat_amount: -712 });
    expect(half).toMatchObject({
      type: "reversal",
      reversal: { original_transaction: transaction.id },
      reference: "order-1-refund-1",
      customer_details: calculation.customer_details,
      metadata: null,
    });
    expect(reversed(half)).toEqual([
      [session.id, "session", -500, -48, "reversal"],
      [gear.id, "gear", -150, -14, "reversal"],
    ]);

    // What is left of the gear, by line: 150 and 15 of tax; one more cent is refused.
    const rest = await reverse({
      mode: "partial",
      reference: "order-1-refund-2",
      line_items: [
        { original_line_item: gear.id, reference: "gear-refund", amount: -150, amount_tax: -15, quantity: 3 },
      ],
    });
    expect(reversed(rest)).toEqual([[gear.id, "gear-refund", -150, -15, "reversal"]]);
    const beyondLine = await stripeError(
      reverse({
        mode: "partial",
        reference: "order-1-refund-x",
        line_items: [{ original_line_item: gear.id, reference: "gear-again", amount: -1, amount_tax: 0 }],
      }),
    );
    expect(beyondLine).toMatchObject({ statusCode: 400, param: "line_items[0][amount]" });

    // Full: the session's 500 and 47 of tax are all that is left.
    const full = await reverse({ mode: "full", reference: "order-1-refund-3" });
    expect(reversed(full)).toEqual([[session.id, "session", -500, -47, "reversal"]]);
    for (const [params, param] of [
      [{ mode: "full", reference: "order-1-refund-4" }, "original_transaction"],
      [{ mode: "partial", reference: "order-1-refund-4", flat_amount: -1 }, "flat_amount"],
    ] as const) {
      expect(await stripeError(reverse(params))).toMatchObject({ statusCode: 400, param });
    }

    // Every line was reversed exactly: the reversals add up to the original.
    const all = [...server.objects.taxTransactionLineItems.values()].filter((l) =>
      original.some((o) => o.id === l.reversal?.original_line_item),
    );
    for (const line of original) {
      const mine = all.filter((l) => l.reversal?.original_line_item === line.id);
      expect(mine.reduce((sum, l) => sum + l.amount, 0)).toBe(-line.amount);
      expect(mine.reduce((sum, l) => sum + l.amount_tax, 0)).toBe(-line.amount_tax);
    }
    const refused = await stripeError(
      stripe.tax.transactions.createReversal(
        { mode: "full", original_transaction: full.id, reference: "order-1-refund-5" },
        on,
      ),
    );
    expect(refused).toMatchObject({ statusCode: 400, param: "original_transaction" });
  });

  it("refuses a reversal of more than the transaction, or a malformed one", async () => {
    const on = await taxAccount([CA]);
    const calculation = await stripe.tax.calculations.create(sessionAndGear(), on);
    const transaction = await stripe.tax.transactions.createFromCalculation(
      { calculation: calculation.id!, reference: "order-2" },
      on,
    );
    const [session] = (await stripe.tax.transactions.listLineItems(transaction.id, {}, on)).data;
    const reverse = (params: Omit<Stripe.Tax.TransactionCreateReversalParams, "original_transaction" | "reference">) =>
      stripeError(
        stripe.tax.transactions.createReversal(
          { original_transaction: transaction.id, reference: "order-2-refund", ...params },
          on,
        ),
      );
    expect(await reverse({ mode: "partial", flat_amount: -1425 })).toMatchObject({ param: "flat_amount" });
    expect(await reverse({ mode: "partial", flat_amount: 100 })).toMatchObject({ param: "flat_amount" });
    expect(await reverse({ mode: "partial" })).toMatchObject({ param: "flat_amount", code: "parameter_missing" });
    expect(await reverse({ mode: "full", flat_amount: -100 })).toMatchObject({ param: "flat_amount" });
    expect(
      await reverse({
        mode: "partial",
        line_items: [{ original_line_item: session.id, reference: "r", amount: -1001, amount_tax: 0 }],
      }),
    ).toMatchObject({ param: "line_items[0][amount]" });
    expect(
      await reverse({
        mode: "partial",
        line_items: [{ original_line_item: session.id, reference: "r", amount: 0, amount_tax: -96 }],
      }),
    ).toMatchObject({ param: "line_items[0][amount]" });
    expect(
      await reverse({
        mode: "partial",
        line_items: [{ original_line_item: "tax_li_other", reference: "r", amount: -1, amount_tax: 0 }],
      }),
    ).toMatchObject({ param: "line_items[0][original_line_item]" });
    // All of it, in one flat amount: exactly the original, negated.
    const all = await stripe.tax.transactions.createReversal(
      {
        original_transaction: transaction.id,
        reference: "order-2-refund",
        mode: "partial",
        flat_amount: -1424,
        expand: ["line_items"],
      },
      on,
    );
    expect(lines(all.line_items!.data)).toEqual([
      ["session", -1000, -95],
      ["gear", -300, -29],
    ]);
  });

  it("refuses a reference the account has used, yet replays the answer to a retry with the same Idempotency-Key", async () => {
    const on = await taxAccount([CA]);
    const calculation = await stripe.tax.calculations.create(sessionAndGear(), on);
    const params = { calculation: calculation.id!, reference: "order-7" };
    const first = await stripe.tax.transactions.createFromCalculation(params, { ...on, idempotencyKey: "tax-order-7" });
    const retry = await stripe.tax.transactions.createFromCalculation(params, { ...on, idempotencyKey: "tax-order-7" });
    expect(retry.id).toBe(first.id);
    expect(server.requests.at(-1)).toMatchObject({ replayed: true, status: 200 });

    const count = server.objects.taxTransactions.size;
    for (const options of [on, { ...on, idempotencyKey: "tax-order-7-again" }]) {
      expect(await stripeError(stripe.tax.transactions.createFromCalculation(params, options))).toMatchObject({
        statusCode: 400,
        code: "resource_already_exists",
        param: "reference",
      });
    }
    const reversal = await stripeError(
      stripe.tax.transactions.createReversal(
        { mode: "full", original_transaction: first.id, reference: "order-7" },
        on,
      ),
    );
    expect(reversal).toMatchObject({ statusCode: 400, code: "resource_already_exists", param: "reference" });
    expect(server.objects.taxTransactions.size).toBe(count);
    // A refused request kept nothing under its key: with a new reference, the same key goes through.
    const renamed = await stripe.tax.transactions.createFromCalculation(
      { ...params, reference: "order-7b" },
      { ...on, idempotencyKey: "tax-order-7-again" },
    );
    expect(renamed.reference).toBe("order-7b");
  });

  it("refuses a transaction from a calculation that has expired (after 90 days), or from an unknown one", async () => {
    let now = Date.UTC(2026, 0, 15, 12);
    const own = await startStripeTestServer({ clock: () => now });
    try {
      const api = own.client();
      await api.tax.settings.update({ head_office: { address: { state: "CA", postal_code: "90012", country: "US" } } });
      await api.tax.registrations.create(CA);
      const [early, late] = [
        await api.tax.calculations.create(sessionAndGear()),
        await api.tax.calculations.create(sessionAndGear()),
      ];
      expect(early.expires_at).toBe(now / 1000 + 90 * 24 * 3600);
      now += (90 * 24 * 3600 - 1) * 1000;
      const inTime = await api.tax.transactions.createFromCalculation({ calculation: early.id!, reference: "in-time" });
      expect(inTime.posted_at).toBe(now / 1000);
      now += 1000;
      const expired = await stripeError(
        api.tax.transactions.createFromCalculation({ calculation: late.id!, reference: "too-late" }),
      );
      expect(expired).toMatchObject({ statusCode: 400, param: "calculation" });
      expect(await stripeError(api.tax.calculations.listLineItems(late.id!))).toMatchObject({ statusCode: 400 });
      const unknown = await stripeError(
        api.tax.transactions.createFromCalculation({ calculation: "taxcalc_missing", reference: "nothing" }),
      );
      expect(unknown).toMatchObject({ statusCode: 404, code: "resource_missing", param: "calculation" });
    } finally {
      await own.close();
    }
  });
});
