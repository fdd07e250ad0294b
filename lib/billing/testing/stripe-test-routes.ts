import { invalid, StripeTestApiError, type ListPage, type MetadataInput, type PageInput, type StoredObject } from "./stripe-test-objects";
import type { CreditNoteLineInput, StripeTestState } from "./stripe-test-invoices";

/**
 * The API surface of the Stripe test server: Stripe's form encoding, its parameter checks (unknown or missing
 * parameters are refused as Stripe refuses them, so a typo in our code fails here too) and the route table.
 */

export type Params = Record<string, unknown>;

/** Parses Stripe's form encoding, where `a[b]=1`, `a[]=x` and `lines[0][type]=y` build nested objects and arrays. */
export function parseStripeForm(text: string): Params {
  const root: Params = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`);
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    assign(root, path, value, key);
  }
  return compact(root) as Params;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    throw invalid("The request body is not valid form encoding.");
  }
}

function assign(container: Params | unknown[], path: string[], value: string, key: string): void {
  const [head, ...rest] = path;
  const isArray = Array.isArray(container);
  if (isArray && head !== "" && !/^\d{1,4}$/.test(head)) throw invalid(`Invalid array index in parameter ${key}`);
  const slot: string | number = isArray ? (head === "" ? container.length : Number(head)) : head;
  const get = () => (isArray ? container[slot as number] : (container as Params)[slot]);
  const set = (v: unknown) => (isArray ? (container[slot as number] = v) : ((container as Params)[slot] = v));
  if (rest.length === 0) {
    if (get() !== undefined && typeof get() === "object") throw invalid(`Conflicting values for parameter ${key}`);
    set(value);
    return;
  }
  const wantArray = rest[0] === "" || /^\d+$/.test(rest[0]);
  let child = get();
  if (child === undefined) set((child = wantArray ? [] : {}));
  if (typeof child !== "object" || child === null || Array.isArray(child) !== wantArray) throw invalid(`Conflicting values for parameter ${key}`);
  assign(child as Params | unknown[], rest, value, key);
}

/** Index gaps (`a[0]`, `a[5]`) would leave holes; Stripe reads the items in order. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

// Parameter readers: every value arrives as a string, as on the wire.

const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");

function str(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalid(`Invalid string: ${name} must be a string`, name);
  return v;
}
function required(p: Params, name: string): string {
  const v = str(p, name);
  if (!v) throw missing(name);
  return v;
}
function int(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(v)) throw invalid(`Invalid integer: ${v}`, name);
  return Number(v);
}
function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw invalid(`Invalid boolean: ${v}`, name);
  return v === "true";
}
function strings(p: Params, name: string): string[] | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw invalid(`Invalid array: ${name} must be a list of strings`, name);
  return v as string[];
}
/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
function metadata(p: Params): MetadataInput | undefined {
  const v = p.metadata;
  if (v === undefined || v === "") return v;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid("Invalid object: metadata must be a set of key-value pairs", "metadata");
  const entries = Object.entries(v);
  if (entries.length > 50) throw invalid("Invalid metadata: at most 50 keys", "metadata");
  for (const [key, value] of entries) {
    if (typeof value !== "string" || key.length > 40 || value.length > 500) throw invalid(`Invalid value for metadata[${key}]`, `metadata[${key}]`);
  }
  return v as Record<string, string>;
}
function nested(p: Params, name: string, allowed: string[]): Params {
  const v = p[name];
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid(`Invalid object: ${name}`, name);
  for (const key of Object.keys(v)) if (!allowed.includes(key)) throw unknown(`${name}[${key}]`);
  return v as Params;
}
function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  const found = allowed.find((a) => a === v);
  if (!found) throw invalid(`Invalid ${name}: must be one of ${allowed.join(", ")}`, name);
  return found;
}
/** Stripe's pagination parameters, which every list endpoint takes. */
const PAGE_PARAMS = ["limit", "starting_after", "ending_before"];
function page(p: Params): PageInput {
  return { limit: int(p, "limit"), startingAfter: str(p, "starting_after"), endingBefore: str(p, "ending_before") };
}
/** A list filter: no value given lets everything through. */
const is = <T>(wanted: T | undefined, actual: T) => wanted === undefined || wanted === actual;
const INVOICE_STATUSES = ["draft", "open", "paid", "uncollectible", "void"] as const;
const unknown = (param: string) => invalid(`Received unknown parameter: ${param}`, param, "parameter_unknown");

function creditLines(p: Params): CreditNoteLineInput[] | undefined {
  const v = p.lines;
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid("Invalid array: lines", "lines");
  return v.map((raw, i) => {
    const at = (name: string) => `lines[${i}][${name}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid(`Invalid object: lines[${i}]`, `lines[${i}]`);
    const line = raw as Params;
    for (const key of Object.keys(line)) if (!CREDIT_LINE_PARAMS.includes(key)) throw unknown(at(key));
    // Read each field with its full name, so an error names `lines[0][unit_amount]` as Stripe does.
    const read = <T>(fn: (q: Params, n: string) => T, name: string): T => fn({ [at(name)]: line[name] }, at(name));
    const type = read(str, "type");
    if (!type) throw missing(at("type"));
    return { type, description: read(str, "description"), quantity: read(int, "quantity"), unitAmount: read(int, "unit_amount"), amount: read(int, "amount"), invoiceLineItem: read(str, "invoice_line_item") };
  });
}
const CREDIT_LINE_PARAMS = ["type", "description", "quantity", "unit_amount", "amount", "invoice_line_item", "metadata"];

// The route table.

type Route = { method: "GET" | "POST"; pattern: RegExp; params: string[]; run: (s: StripeTestState, p: Params, id: string) => StoredObject | ListPage };

const routes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/customers$/,
    params: ["email", "name", "metadata", "invoice_settings"],
    run: (s, p) => s.createCustomer({ email: str(p, "email"), name: str(p, "name"), metadata: metadata(p), defaultPaymentMethod: str(nested(p, "invoice_settings", ["default_payment_method"]), "default_payment_method") }),
  },
  { method: "GET", pattern: /^\/v1\/customers\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.customers, id) },
  {
    method: "POST",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    params: ["email", "name", "metadata", "invoice_settings"],
    run: (s, p, id) => s.updateCustomer(id, { email: str(p, "email"), name: str(p, "name"), metadata: metadata(p), defaultPaymentMethod: str(nested(p, "invoice_settings", ["default_payment_method"]), "default_payment_method") }),
  },
  { method: "GET", pattern: /^\/v1\/payment_methods\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.paymentMethods, id) },
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    params: ["mode", "customer", "success_url", "cancel_url", "currency", "payment_method_types", "client_reference_id", "metadata"],
    run: (s, p) =>
      s.createCheckoutSession({
        mode: required(p, "mode"),
        customer: required(p, "customer"),
        successUrl: str(p, "success_url"),
        cancelUrl: str(p, "cancel_url"),
        currency: str(p, "currency"),
        paymentMethodTypes: strings(p, "payment_method_types"),
        clientReferenceId: str(p, "client_reference_id"),
        metadata: metadata(p),
      }),
  },
  { method: "GET", pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.checkoutSessions, id) },
  { method: "GET", pattern: /^\/v1\/setup_intents\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.setupIntents, id) },
  {
    method: "POST",
    pattern: /^\/v1\/billing_portal\/sessions$/,
    params: ["customer", "return_url"],
    run: (s, p) => s.createPortalSession({ customer: required(p, "customer"), returnUrl: str(p, "return_url") }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/invoices$/,
    params: ["customer", "currency", "collection_method", "auto_advance", "pending_invoice_items_behavior", "description", "days_until_due", "metadata"],
    run: (s, p) =>
      s.createInvoice({
        customer: required(p, "customer"),
        currency: str(p, "currency"),
        collectionMethod: str(p, "collection_method"),
        autoAdvance: bool(p, "auto_advance"),
        pendingItems: str(p, "pending_invoice_items_behavior"),
        description: str(p, "description"),
        daysUntilDue: int(p, "days_until_due"),
        metadata: metadata(p),
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/invoices$/,
    params: ["customer", "status", ...PAGE_PARAMS],
    run: (s, p) => {
      const customer = str(p, "customer");
      const status = oneOf(p, "status", INVOICE_STATUSES);
      return s.list(s.objects.invoices, "/v1/invoices", page(p), (i) => is(customer, i.customer) && is(status, i.status));
    },
  },
  { method: "GET", pattern: /^\/v1\/invoices\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.invoices, id) },
  { method: "POST", pattern: /^\/v1\/invoices\/([^/]+)\/finalize$/, params: ["auto_advance"], run: (s, p, id) => s.finalizeInvoice(id, { autoAdvance: bool(p, "auto_advance") }) },
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)\/pay$/,
    params: ["payment_method", "paid_out_of_band", "off_session"],
    run: (s, p, id) => {
      bool(p, "off_session"); // always off-session here: there is no customer present to authenticate
      return s.payInvoice(id, { paymentMethod: str(p, "payment_method"), paidOutOfBand: bool(p, "paid_out_of_band") });
    },
  },
  { method: "POST", pattern: /^\/v1\/invoices\/([^/]+)\/void$/, params: [], run: (s, _p, id) => s.voidInvoice(id) },
  {
    method: "POST",
    pattern: /^\/v1\/invoiceitems$/,
    params: ["customer", "invoice", "amount", "currency", "description", "metadata"],
    run: (s, p) => {
      const amount = int(p, "amount");
      if (amount === undefined) throw missing("amount");
      return s.createInvoiceItem({ customer: required(p, "customer"), invoice: str(p, "invoice"), amount, currency: str(p, "currency"), description: str(p, "description"), metadata: metadata(p) });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/invoiceitems$/,
    params: ["customer", "invoice", "pending", ...PAGE_PARAMS],
    run: (s, p) => {
      const customer = str(p, "customer");
      const invoice = str(p, "invoice");
      const pending = bool(p, "pending");
      return s.list(s.objects.invoiceItems, "/v1/invoiceitems", page(p), (i) => is(customer, i.customer) && is(invoice, i.invoice) && is(pending, i.invoice === null));
    },
  },
  { method: "GET", pattern: /^\/v1\/invoiceitems\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.invoiceItems, id) },
  { method: "GET", pattern: /^\/v1\/charges\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.charges, id) },
  { method: "GET", pattern: /^\/v1\/refunds\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.refunds, id) },
  {
    method: "POST",
    pattern: /^\/v1\/credit_notes$/,
    params: ["invoice", "lines", "amount", "refund_amount", "credit_amount", "out_of_band_amount", "reason", "memo", "metadata"],
    run: (s, p) =>
      s.createCreditNote({
        invoice: required(p, "invoice"),
        lines: creditLines(p),
        amount: int(p, "amount"),
        refundAmount: int(p, "refund_amount"),
        creditAmount: int(p, "credit_amount"),
        outOfBandAmount: int(p, "out_of_band_amount"),
        reason: str(p, "reason"),
        memo: str(p, "memo"),
        metadata: metadata(p),
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/credit_notes$/,
    params: ["customer", "invoice", ...PAGE_PARAMS],
    run: (s, p) => {
      const customer = str(p, "customer");
      const invoice = str(p, "invoice");
      return s.list(s.objects.creditNotes, "/v1/credit_notes", page(p), (n) => is(customer, n.customer) && is(invoice, n.invoice));
    },
  },
  { method: "GET", pattern: /^\/v1\/credit_notes\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.creditNotes, id) },
];

/** Runs one API request against the state and returns the response body; Stripe's errors are thrown. */
export function runApiRequest(state: StripeTestState, method: string, path: string, params: Params): Record<string, unknown> {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    for (const key of Object.keys(params)) if (key !== "expand" && !route.params.includes(key)) throw unknown(key);
    const expand = strings(params, "expand") ?? [];
    const object = route.run(state, params, match[1] ? decode(match[1]) : "");
    try {
      return state.render(object, expand);
    } catch (err) {
      // The operation has happened by now, so its answer is kept under the idempotency key like any other.
      throw err instanceof StripeTestApiError ? new StripeTestApiError(err.status, err.body, true) : err;
    }
  }
  throw new StripeTestApiError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
}
