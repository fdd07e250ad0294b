import { applyMetadata, invalid, newId, StripeTestApiError, type Metadata } from "../stripe-test-common";
import type {
  TestTaxAddress,
  TestTaxBreakdown,
  TestTaxCalculation,
  TestTaxCalculationLineItem,
  TestTaxRegistration,
  TestTaxSettings,
  TestTaxTransactionLineItem,
  ListPage,
} from "../stripe-test-objects";
import { int, metadata, missing, page, PAGE_PARAMS, str, unknown, type Params } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";
import type { Route } from "./route";

/**
 * Stripe Tax: an account's tax settings, its registrations (where it collects tax) and tax calculations.
 * Transactions, which commit a calculation, and their reversals are tax-transactions.ts.
 *
 * Everything is the account's own, as in Stripe: the platform's, or the connected account of the Stripe-Account header.
 * An account calculates tax once its settings are active (a head office address is set) and collects it only where it
 * has a registration active at the calculation's `tax_date`: a US registration covers its state, any other its country.
 * Elsewhere every line is taxed 0 with taxability_reason `not_collecting`, as Stripe does.
 *
 * The rates are a fixed table, not Stripe's (TAX_RATES below):
 *
 *   | jurisdiction   | percentage_decimal | tax_type  |
 *   |----------------|--------------------|-----------|
 *   | US, state CA   | "9.5"              | sales_tax |
 *   | US, state NY   | "8.875"            | sales_tax |
 *   | FR             | "20.0"             | vat       |
 *   | GB             | "20.0"             | vat       |
 *   | DE             | "19.0"             | vat       |
 *
 * A registered jurisdiction outside the table is taxed 0 with taxability_reason `not_supported`, so a test never
 * mistakes this server's gap for a rate. Tax codes are echoed but do not change the rate.
 *
 * Rounding, per line item, to the currency's minor unit (a cent, or a yen for JPY: amounts are integers either way),
 * half up, on the line's rate r: exclusive tax = amount × r / 100; inclusive tax (the amount includes it) =
 * amount × r / (100 + r). The calculation's tax_amount_exclusive and tax_amount_inclusive are the sums of its lines',
 * amount_total is the sum of the amounts plus the exclusive tax, and tax_breakdown sums the lines by jurisdiction,
 * inclusive or not, and taxability reason (taxable_amount excludes the tax).
 */

/** A jurisdiction of the table: a US state, or a whole country (state null). */
type TaxRate = { country: string; state: string | null; percentage: string; taxType: string };

export const TAX_RATES: readonly TaxRate[] = [
  { country: "US", state: "CA", percentage: "9.5", taxType: "sales_tax" },
  { country: "US", state: "NY", percentage: "8.875", taxType: "sales_tax" },
  { country: "FR", state: null, percentage: "20.0", taxType: "vat" },
  { country: "GB", state: null, percentage: "20.0", taxType: "vat" },
  { country: "DE", state: null, percentage: "19.0", taxType: "vat" },
];

/** Stripe's calculations expire after 90 days; a transaction can no longer be made from one after that. */
const CALCULATION_SECONDS = 90 * 24 * 3600;
/** How far from now Stripe accepts a calculation's tax_date. */
const TAX_DATE_SECONDS = 31 * 24 * 3600;
/** Stripe's preset tax code (General - Electronically Supplied Services), used when neither line nor settings name one. */
const DEFAULT_TAX_CODE = "txcd_10000000";

const EU = new Set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" "));

/** A percentage such as "8.875" in thousandths of a percent (8875n), exactly. */
function thousandths(percentage: string): bigint {
  const [whole, fraction = ""] = percentage.split(".");
  return BigInt(whole) * 1000n + BigInt(`${fraction}000`.slice(0, 3));
}

/** `amount` × `numerator` / `denominator` rounded half up to a whole unit (all three ≥ 0), in exact integers. */
export function shareOf(amount: number, numerator: bigint, denominator: bigint): number {
  return Number((2n * BigInt(amount) * numerator + denominator) / (2n * denominator));
}

/** The tax on a line of `amount` at `percentage` (a decimal string), rounded half up to the minor unit. */
export function lineTax(amount: number, percentage: string, inclusive: boolean): number {
  const rate = thousandths(percentage);
  return shareOf(amount, rate, inclusive ? 100_000n + rate : 100_000n);
}

// Settings

const settingsKey = (s: StripeTestStore) => s.actingAccount ?? "platform";

/** The acting account's settings; an account that never set any has pending ones, as in Stripe. */
export function taxSettings(s: StripeTestStore): TestTaxSettings {
  const found = s.objects.taxSettings.get(settingsKey(s));
  if (found) return found;
  const settings: TestTaxSettings = {
    object: "tax.settings",
    defaults: { tax_behavior: null, tax_code: null, provider: "stripe" },
    head_office: null,
    livemode: false,
    status: "pending",
    status_details: { pending: { missing_fields: ["head_office"] } },
  };
  s.objects.taxSettings.set(settingsKey(s), settings);
  return settings;
}

export function updateTaxSettings(
  s: StripeTestStore,
  input: { taxBehavior?: TestTaxSettings["defaults"]["tax_behavior"]; taxCode?: string; headOffice?: TestTaxAddress },
): TestTaxSettings {
  const settings = taxSettings(s);
  const before = structuredClone(settings);
  if (input.taxBehavior !== undefined) settings.defaults.tax_behavior = input.taxBehavior;
  if (input.taxCode !== undefined) settings.defaults.tax_code = input.taxCode;
  if (input.headOffice !== undefined) settings.head_office = { address: input.headOffice };
  if (settings.head_office) {
    settings.status = "active";
    settings.status_details = { active: {} };
  }
  const previous: Record<string, unknown> = {};
  for (const key of ["defaults", "head_office", "status", "status_details"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(settings[key])) previous[key] = before[key];
  }
  // Settings have no id, so the event names the account they belong to itself.
  if (Object.keys(previous).length > 0)
    s.emit("tax.settings.updated", settings, previous, s.actingAccount ?? undefined);
  return settings;
}

// Registrations

/** The registration types this server takes, by country: Stripe has more for the US (local taxes) and Canada. */
function registrationTypes(country: string): readonly string[] {
  if (country === "US") return ["state_sales_tax"];
  if (EU.has(country)) return ["standard", "oss_union", "oss_non_union", "ioss"];
  return ["standard", "simplified"];
}

/** `country_options[<cc>]` as given: its `type`, the US `state`, and `standard[place_of_supply_scheme]`. */
export type RegistrationOptionsInput = { type: string; state?: string; placeOfSupplyScheme?: string };

function statusAt(registration: TestTaxRegistration, now: number): TestTaxRegistration["status"] {
  if (registration.expires_at !== null && registration.expires_at <= now) return "expired";
  return registration.active_from > now ? "scheduled" : "active";
}

/** A registration with its status as of now: it follows from active_from and expires_at, as Stripe says. */
function current(s: StripeTestStore, registration: TestTaxRegistration): TestTaxRegistration {
  registration.status = statusAt(registration, s.now());
  return registration;
}

export function createTaxRegistration(
  s: StripeTestStore,
  input: { country: string; options: RegistrationOptionsInput; activeFrom: number | "now"; expiresAt?: number },
): TestTaxRegistration {
  const country = input.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw invalid(`Invalid country: ${input.country}`, "country");
  const cc = country.toLowerCase();
  const { type, state, placeOfSupplyScheme } = input.options;
  const types = registrationTypes(country);
  if (!types.includes(type))
    throw invalid(
      `Invalid country_options[${cc}][type]: must be one of ${types.join(", ")} (the types this test server supports).`,
      `country_options[${cc}][type]`,
    );
  if (country === "US" && !state) throw missing("country_options[us][state]");
  if (country === "US" && !/^[A-Z]{2}$/i.test(state!))
    throw invalid(
      `Invalid country_options[us][state]: ${state} (a two-letter state code)`,
      "country_options[us][state]",
    );
  const now = s.now();
  const activeFrom = input.activeFrom === "now" ? now : input.activeFrom;
  if (activeFrom < now) throw invalid("active_from must be `now` or a timestamp in the future.", "active_from");
  if (input.expiresAt !== undefined && input.expiresAt <= activeFrom)
    throw invalid("expires_at must be after active_from.", "expires_at");
  const registration: TestTaxRegistration = {
    id: newId("taxreg_"),
    object: "tax.registration",
    active_from: activeFrom,
    country,
    country_options: {
      [cc]: {
        ...(placeOfSupplyScheme ? { standard: { place_of_supply_scheme: placeOfSupplyScheme } } : {}),
        ...(country === "US" ? { state: state!.toUpperCase() } : {}),
        type,
      },
    },
    created: now,
    expires_at: input.expiresAt ?? null,
    livemode: false,
    status: "active",
  };
  return s.save(s.objects.taxRegistrations, current(s, registration));
}

/** Stripe's way to end a registration (it cannot be deleted): set expires_at, `now` or later; "" clears it. */
export function updateTaxRegistration(
  s: StripeTestStore,
  id: string,
  input: { activeFrom?: number | "now"; expiresAt?: number | "now" | "" },
): TestTaxRegistration {
  const registration = s.get(s.objects.taxRegistrations, id);
  const now = s.now();
  const at = (value: number | "now") => (value === "now" ? now : value);
  const activeFrom = input.activeFrom === undefined ? registration.active_from : at(input.activeFrom);
  const expiresAt =
    input.expiresAt === undefined ? registration.expires_at : input.expiresAt === "" ? null : at(input.expiresAt);
  if (expiresAt !== null && expiresAt < activeFrom)
    throw invalid("expires_at must not be before active_from.", "expires_at");
  registration.active_from = activeFrom;
  registration.expires_at = expiresAt;
  return current(s, registration);
}

/** Whether one of the acting account's registrations, active at `at`, covers `location`. */
function registered(s: StripeTestStore, location: { country: string; state: string | null }, at: number): boolean {
  return [...s.objects.taxRegistrations.values()].some(
    (r) =>
      s.ownerOf(r.id) === s.actingAccount &&
      statusAt(r, at) === "active" &&
      r.country === location.country &&
      (r.country !== "US" || r.country_options.us?.state === location.state),
  );
}

// Calculations

export type TaxLineInput = {
  amount: number;
  reference: string;
  taxBehavior: "exclusive" | "inclusive";
  taxCode?: string;
  quantity: number;
  metadata?: Metadata;
};

/** Where the customer is taxed, or Stripe's refusal: a country always, and for the US a state and a postal code. */
function taxLocation(address: TestTaxAddress | undefined): { country: string; state: string | null } {
  if (!address) {
    throw invalid(
      "You must pass customer_details[address] (this test server does not look up customers' addresses).",
      "customer_details",
      "parameter_missing",
    );
  }
  if (!address.country) throw missing("customer_details[address][country]");
  if (address.country === "US" && (!address.postal_code || !address.state)) {
    throw invalid(
      "We could not determine the customer's tax location based on the provided customer address: a US address needs at least a postal_code and a state here.",
      "customer_details[address]",
      "customer_tax_location_invalid",
    );
  }
  return { country: address.country, state: address.country === "US" ? address.state!.toUpperCase() : null };
}

export function createTaxCalculation(
  s: StripeTestStore,
  input: {
    currency: string;
    lineItems: TaxLineInput[];
    address?: TestTaxAddress;
    addressSource?: "billing" | "shipping";
    taxDate?: number;
  },
): TestTaxCalculation {
  const settings = taxSettings(s);
  if (settings.status !== "active") {
    throw invalid(
      "Stripe Tax has not been activated on your account. Please visit https://stripe.com/docs/tax/set-up to get started.",
      undefined,
      "stripe_tax_inactive",
    );
  }
  const location = taxLocation(input.address);
  const now = s.now();
  const taxDate = input.taxDate ?? now;
  if (Math.abs(taxDate - now) > TAX_DATE_SECONDS)
    throw invalid("tax_date must be within 31 days of the current time.", "tax_date");
  const collecting = registered(s, location, taxDate);
  const rate = TAX_RATES.find((r) => r.country === location.country && r.state === location.state);
  const id = newId("taxcalc_");
  const breakdown: TestTaxBreakdown[] = [];
  const lines = input.lineItems.map((line): TestTaxCalculationLineItem => {
    const inclusive = line.taxBehavior === "inclusive";
    const percentage = collecting && rate ? rate.percentage : "0.0";
    const tax = lineTax(line.amount, percentage, inclusive);
    const reason = !collecting ? "not_collecting" : rate ? "standard_rated" : "not_supported";
    addToBreakdown(breakdown, {
      amount: tax,
      inclusive,
      tax_rate_details: {
        country: location.country,
        state: location.state,
        percentage_decimal: percentage,
        tax_type: rate?.taxType ?? (location.country === "US" ? "sales_tax" : null),
        flat_amount: null,
        rate_type: "percentage",
      },
      taxability_reason: reason,
      taxable_amount: reason === "standard_rated" ? line.amount - (inclusive ? tax : 0) : 0,
    });
    return {
      id: newId("tax_li_"),
      object: "tax.calculation_line_item",
      amount: line.amount,
      amount_tax: tax,
      livemode: false,
      metadata: line.metadata ?? null,
      product: null,
      quantity: line.quantity,
      reference: line.reference,
      tax_behavior: line.taxBehavior,
      tax_code: line.taxCode ?? settings.defaults.tax_code ?? DEFAULT_TAX_CODE,
    };
  });
  const taxOf = (inclusive: boolean) =>
    lines.filter((l) => (l.tax_behavior === "inclusive") === inclusive).reduce((sum, l) => sum + l.amount_tax, 0);
  const calculation: TestTaxCalculation = {
    id,
    object: "tax.calculation",
    amount_total: lines.reduce((sum, l) => sum + l.amount, 0) + taxOf(false),
    currency: input.currency,
    customer: null,
    customer_details: {
      address: input.address!,
      address_source: input.addressSource ?? null,
      ip_address: null,
      tax_ids: [],
      taxability_override: "none",
    },
    expires_at: now + CALCULATION_SECONDS,
    livemode: false,
    ship_from_details: null,
    shipping_cost: null,
    tax_amount_exclusive: taxOf(false),
    tax_amount_inclusive: taxOf(true),
    tax_breakdown: breakdown,
    tax_date: taxDate,
  };
  s.save(s.objects.taxCalculations, calculation);
  for (const line of lines) s.saveItem(s.objects.taxCalculationLineItems, line, id);
  return calculation;
}

/** Adds a line's tax to the entry of the same jurisdiction, rate, inclusiveness and reason, or starts one. */
function addToBreakdown(breakdown: TestTaxBreakdown[], entry: TestTaxBreakdown): void {
  const key = (e: TestTaxBreakdown) => JSON.stringify([e.inclusive, e.taxability_reason, e.tax_rate_details]);
  const same = breakdown.find((e) => key(e) === key(entry));
  if (!same) breakdown.push(entry);
  else {
    same.amount += entry.amount;
    same.taxable_amount += entry.taxable_amount;
  }
}

/** A calculation of the acting account that has not expired: what a transaction can be made from. */
export function liveCalculation(s: StripeTestStore, id: string, param: string): TestTaxCalculation {
  const calculation = s.get(s.objects.taxCalculations, id, param);
  if (calculation.expires_at <= s.now()) {
    throw invalid(
      `The tax calculation ${id} expired at ${calculation.expires_at}: calculations can be used for 90 days.`,
      param,
    );
  }
  return calculation;
}

/**
 * One page of a calculation's or transaction's line items, in the order they were made (as Stripe lists them). The
 * store's lists run newest first, so it is handed them the other way round.
 */
export function lineItemPage<T extends TestTaxCalculationLineItem | TestTaxTransactionLineItem>(
  s: StripeTestStore,
  map: Map<string, T>,
  parent: string,
  url: string,
  p: Params,
): ListPage {
  const items = s.itemsOf(map, parent).reverse();
  return s.list(new Map(items.map((item) => [item.id, item])), url, page(p), () => true);
}

// Parameters

/** An object parameter, its keys checked, named in full (`customer_details[address]`) in any error. */
export function objectParam(v: unknown, name: string, allowed: readonly string[]): Params | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`Invalid object: ${name}`, name);
  for (const key of Object.keys(v)) if (!allowed.includes(key)) throw unknown(`${name}[${key}]`);
  return v as Params;
}

/** An array of objects parameter (`line_items[i][...]`), each item's keys checked. */
export function arrayParam(v: unknown, name: string, allowed: readonly string[]): Params[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid(`Invalid array: ${name}`, name);
  return v.map((item, i) => objectParam(item, `${name}[${i}]`, allowed)!);
}

/** Reads `container[key]` with a reader of stripe-test-params, naming it `name` in full. */
export function field<T>(fn: (p: Params, name: string) => T, container: Params, key: string, name: string): T {
  const full = `${name}[${key}]`;
  return fn({ [full]: container[key] }, full);
}

/** A Stripe parameter this server does not simulate: refused with a reason rather than as unknown. */
export function unsupported(param: string, why = "this test server does not support it"): StripeTestApiError {
  return invalid(`${param} is not supported: ${why}.`, param);
}

/** A timestamp parameter that also takes `now` (and "" where `emptyable`). */
function timestamp(p: Params, name: string, emptyable = false): number | "now" | "" | undefined {
  const v = str(p, name);
  if (v === "now" || (emptyable && v === "")) return v;
  return int(p, name);
}

const ADDRESS_PARAMS = ["line1", "line2", "city", "state", "postal_code", "country"];

function addressParam(v: unknown, name: string): TestTaxAddress | undefined {
  const raw = objectParam(v, name, ADDRESS_PARAMS);
  if (!raw) return undefined;
  const read = (key: string) => field(str, raw, key, name) ?? null;
  return {
    city: read("city"),
    country: read("country")?.toUpperCase() || null,
    line1: read("line1"),
    line2: read("line2"),
    postal_code: read("postal_code"),
    state: read("state"),
  };
}

function oneOfValues<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (!found) throw invalid(`Invalid ${name}: must be one of ${allowed.join(", ")}`, name);
  return found;
}

const TAX_CODE = /^txcd_\d{8}$/;
function taxCodeParam(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !TAX_CODE.test(value))
    throw invalid(`No such tax code: '${value}'`, name, "resource_missing");
  return value;
}

function settingsInput(p: Params): Parameters<typeof updateTaxSettings>[1] {
  const defaults = objectParam(p.defaults, "defaults", ["tax_behavior", "tax_code"]) ?? {};
  const headOffice = objectParam(p.head_office, "head_office", ["address"]);
  const address = headOffice ? addressParam(headOffice.address, "head_office[address]") : undefined;
  if (headOffice && !address) throw missing("head_office[address]");
  if (address && !address.country) throw missing("head_office[address][country]");
  return {
    taxBehavior: oneOfValues(
      field(str, defaults, "tax_behavior", "defaults"),
      ["exclusive", "inclusive", "inferred_by_currency"] as const,
      "defaults[tax_behavior]",
    ),
    taxCode: taxCodeParam(field(str, defaults, "tax_code", "defaults"), "defaults[tax_code]"),
    headOffice: address,
  };
}

function registrationOptions(p: Params, country: string): RegistrationOptionsInput {
  const options = objectParam(p.country_options, "country_options", [country.toLowerCase()]);
  const cc = country.toLowerCase();
  const name = `country_options[${cc}]`;
  const raw = objectParam(
    options?.[cc],
    name,
    country.toUpperCase() === "US" ? ["type", "state"] : ["type", "standard"],
  );
  if (!raw) throw missing(name);
  const type = field(str, raw, "type", name);
  if (!type) throw missing(`${name}[type]`);
  const standard = objectParam(raw.standard, `${name}[standard]`, ["place_of_supply_scheme"]);
  const scheme = standard ? field(str, standard, "place_of_supply_scheme", `${name}[standard]`) : undefined;
  return {
    type,
    state: field(str, raw, "state", name),
    placeOfSupplyScheme: oneOfValues(
      scheme,
      EU.has(country.toUpperCase()) ? ["standard", "small_seller", "inbound_goods"] : ["standard", "inbound_goods"],
      `${name}[standard][place_of_supply_scheme]`,
    ),
  };
}

const LINE_ITEM_PARAMS = [
  "amount",
  "reference",
  "tax_behavior",
  "tax_code",
  "quantity",
  "metadata",
  "product",
  "performance_location",
];

function taxLineItems(p: Params): TaxLineInput[] {
  const raw = arrayParam(p.line_items, "line_items", LINE_ITEM_PARAMS);
  if (!raw || raw.length === 0) throw missing("line_items");
  if (raw.length > 100) throw invalid("You can pass up to 100 line items.", "line_items");
  const references = new Set<string>();
  return raw.map((line, i) => {
    const name = `line_items[${i}]`;
    for (const key of ["product", "performance_location"])
      if (line[key] !== undefined)
        throw unsupported(`${name}[${key}]`, "this test server has no products or tax locations");
    const amount = field(int, line, "amount", name);
    if (amount === undefined) throw missing(`${name}[amount]`);
    if (amount < 0)
      throw invalid(`${name}[amount] must be a positive integer (or 0), not ${amount}.`, `${name}[amount]`);
    // Stripe's current API lets the reference out; this server requires it, so that every line can be told apart in
    // transactions and reversals (and an app that passes it works against either).
    const reference = field(str, line, "reference", name);
    if (!reference) throw missing(`${name}[reference]`);
    if (references.has(reference))
      throw invalid(
        `The reference '${reference}' is used by more than one line item: line item references must be unique within a calculation.`,
        `${name}[reference]`,
      );
    references.add(reference);
    const quantity = field(int, line, "quantity", name) ?? 1;
    if (quantity < 1) throw invalid(`${name}[quantity] must be at least 1.`, `${name}[quantity]`);
    const meta = metadata({ metadata: line.metadata });
    return {
      amount,
      reference,
      taxBehavior:
        oneOfValues(
          field(str, line, "tax_behavior", name),
          ["exclusive", "inclusive"] as const,
          `${name}[tax_behavior]`,
        ) ?? "exclusive",
      taxCode: taxCodeParam(field(str, line, "tax_code", name), `${name}[tax_code]`),
      quantity,
      metadata: meta === undefined ? undefined : applyMetadata({}, meta),
    };
  });
}

function calculationInput(p: Params): Parameters<typeof createTaxCalculation>[1] {
  const currency = str(p, "currency");
  if (!currency) throw missing("currency");
  if (!/^[a-z]{3}$/i.test(currency)) throw invalid(`Invalid currency: ${currency}`, "currency");
  const lineItems = taxLineItems(p);
  for (const key of ["customer", "ship_from_details", "shipping_cost"])
    if (p[key] !== undefined) throw unsupported(key, "pass customer_details[address]; shipping is not simulated");
  const details = objectParam(p.customer_details, "customer_details", [
    "address",
    "address_source",
    "ip_address",
    "tax_ids",
    "taxability_override",
  ]);
  for (const key of ["ip_address", "tax_ids"])
    if (details?.[key] !== undefined) throw unsupported(`customer_details[${key}]`);
  const override = details ? field(str, details, "taxability_override", "customer_details") : undefined;
  if (override !== undefined && override !== "none")
    throw unsupported("customer_details[taxability_override]", "only none is simulated");
  return {
    currency: currency.toLowerCase(),
    lineItems,
    address: details ? addressParam(details.address, "customer_details[address]") : undefined,
    addressSource: oneOfValues(
      details ? field(str, details, "address_source", "customer_details") : undefined,
      ["billing", "shipping"] as const,
      "customer_details[address_source]",
    ),
    taxDate: int(p, "tax_date"),
  };
}

export const taxRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/tax\/settings$/,
    params: [],
    handler: (s) => taxSettings(s),
  },
  {
    method: "POST",
    pattern: /^\/v1\/tax\/settings$/,
    params: ["defaults", "head_office"],
    handler: (s, p) => updateTaxSettings(s, settingsInput(p)),
  },
  {
    method: "POST",
    pattern: /^\/v1\/tax\/registrations$/,
    params: ["country", "country_options", "active_from", "expires_at"],
    handler: (s, p) => {
      const country = str(p, "country");
      if (!country) throw missing("country");
      const activeFrom = timestamp(p, "active_from");
      if (activeFrom === undefined || activeFrom === "") throw missing("active_from");
      return createTaxRegistration(s, {
        country,
        options: registrationOptions(p, country),
        activeFrom,
        expiresAt: int(p, "expires_at"),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/registrations$/,
    params: ["status", ...PAGE_PARAMS],
    handler: (s, p) => {
      const status = oneOfValues(str(p, "status"), ["active", "all", "expired", "scheduled"] as const, "status");
      return s.list(
        s.objects.taxRegistrations,
        "/v1/tax/registrations",
        page(p),
        (r) => status === undefined || status === "all" || current(s, r).status === status,
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/registrations\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => current(s, s.get(s.objects.taxRegistrations, id)),
  },
  {
    method: "POST",
    pattern: /^\/v1\/tax\/registrations\/([^/]+)$/,
    params: ["active_from", "expires_at"],
    handler: (s, p, id) => {
      const activeFrom = timestamp(p, "active_from");
      if (activeFrom === "") throw invalid("active_from cannot be emptied.", "active_from");
      return updateTaxRegistration(s, id, { activeFrom, expiresAt: timestamp(p, "expires_at", true) });
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/tax\/calculations$/,
    params: [
      "currency",
      "line_items",
      "customer",
      "customer_details",
      "ship_from_details",
      "shipping_cost",
      "tax_date",
    ],
    handler: (s, p) => createTaxCalculation(s, calculationInput(p)),
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/calculations\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.taxCalculations, id),
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/calculations\/([^/]+)\/line_items$/,
    params: PAGE_PARAMS,
    handler: (s, p, id) =>
      lineItemPage(
        s,
        s.objects.taxCalculationLineItems,
        liveCalculation(s, id, "id").id,
        `/v1/tax/calculations/${id}/line_items`,
        p,
      ),
  },
];
