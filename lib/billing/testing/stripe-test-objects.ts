import { randomBytes } from "node:crypto";
import Stripe from "stripe";

/**
 * The state and rules of the Stripe test server: customers, cards, Checkout in setup mode, invoices, charges and
 * credit notes. Objects are stored in the shape the API returns, so tests can read them as they would from Stripe.
 */

export type Metadata = Record<string, string>;
/** A metadata parameter: merged key by key ("" removes a key), or "" to clear them all, as Stripe does. */
export type MetadataInput = Metadata | "";
export type TestCard = { brand?: string; last4?: string; declines?: boolean };

type Base = { id: string; created: number; livemode: false };
type List<T> = { object: "list"; data: T[]; has_more: false; url: string };

export type TestCustomer = Base & {
  object: "customer";
  email: string | null;
  name: string | null;
  metadata: Metadata;
  invoice_settings: { default_payment_method: string | null };
};
export type TestPaymentMethod = Base & {
  object: "payment_method";
  type: "card";
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: "credit"; country: "US" };
  metadata: Metadata;
};
export type TestSetupIntent = Base & {
  object: "setup_intent";
  status: "succeeded";
  customer: string;
  payment_method: string;
  usage: "off_session";
  payment_method_types: string[];
  metadata: Metadata;
};
export type TestCheckoutSession = Base & {
  object: "checkout.session";
  mode: "setup";
  status: "open" | "complete";
  payment_status: "no_payment_required";
  url: string | null;
  customer: string;
  setup_intent: string | null;
  success_url: string | null;
  cancel_url: string | null;
  currency: string | null;
  payment_method_types: string[];
  client_reference_id: string | null;
  expires_at: number;
  metadata: Metadata;
};
export type TestPortalSession = Base & { object: "billing_portal.session"; url: string; customer: string; return_url: string | null };
export type TestInvoiceLine = {
  id: string;
  object: "line_item";
  invoice: string;
  amount: number;
  currency: string;
  description: string | null;
  quantity: number;
  metadata: Metadata;
  livemode: false;
  parent: { type: "invoice_item_details"; invoice_item_details: { invoice_item: string } };
};
export type TestInvoice = Base & {
  object: "invoice";
  customer: string;
  customer_email: string | null;
  number: string | null;
  status: "draft" | "open" | "paid" | "void";
  currency: string;
  description: string | null;
  collection_method: "charge_automatically" | "send_invoice";
  auto_advance: boolean;
  due_date: number | null;
  subtotal: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  pre_payment_credit_notes_amount: number;
  post_payment_credit_notes_amount: number;
  attempted: boolean;
  attempt_count: number;
  lines: List<TestInvoiceLine>;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  status_transitions: { finalized_at: number | null; paid_at: number | null; voided_at: number | null; marked_uncollectible_at: null };
  metadata: Metadata;
};
export type TestInvoiceItem = Base & {
  object: "invoiceitem";
  customer: string;
  invoice: string | null;
  amount: number;
  currency: string;
  description: string | null;
  quantity: 1;
  date: number;
  metadata: Metadata;
};
export type TestInvoicePayment = Base & {
  object: "invoice_payment";
  invoice: string;
  status: "open" | "paid" | "canceled";
  amount_paid: number | null;
  amount_requested: number;
  currency: string;
  is_default: true;
  payment: { type: "payment_intent"; payment_intent: string };
  status_transitions: { paid_at: number | null; canceled_at: number | null };
};
export type TestCharge = Base & {
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string;
  payment_intent: string;
  payment_method: string;
  paid: true;
  captured: true;
  refunded: boolean;
  status: "succeeded";
  description: string | null;
  metadata: Metadata;
};
export type TestRefund = Base & {
  object: "refund";
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  status: "succeeded";
  reason: null;
  metadata: Metadata;
};
export type TestCreditNoteLine = {
  id: string;
  object: "credit_note_line_item";
  type: "custom_line_item" | "invoice_line_item";
  amount: number;
  description: string | null;
  quantity: number | null;
  unit_amount: number | null;
  invoice_line_item: string | null;
  livemode: false;
};
export type TestCreditNote = Base & {
  object: "credit_note";
  invoice: string;
  customer: string;
  currency: string;
  number: string;
  type: "pre_payment" | "post_payment";
  status: "issued";
  amount: number;
  subtotal: number;
  total: number;
  pre_payment_amount: number;
  post_payment_amount: number;
  out_of_band_amount: number | null;
  refunds: { amount_refunded: number; refund: string; type: "refund"; payment_record_refund: null }[];
  lines: List<TestCreditNoteLine>;
  reason: string | null;
  memo: string | null;
  effective_at: number;
  voided_at: null;
  metadata: Metadata;
};

export type StripeTestObjects = {
  customers: Map<string, TestCustomer>;
  paymentMethods: Map<string, TestPaymentMethod>;
  setupIntents: Map<string, TestSetupIntent>;
  checkoutSessions: Map<string, TestCheckoutSession>;
  portalSessions: Map<string, TestPortalSession>;
  invoices: Map<string, TestInvoice>;
  invoiceItems: Map<string, TestInvoiceItem>;
  invoicePayments: Map<string, TestInvoicePayment>;
  charges: Map<string, TestCharge>;
  creditNotes: Map<string, TestCreditNote>;
  refunds: Map<string, TestRefund>;
};
export type StoredObject = StripeTestObjects[keyof StripeTestObjects] extends Map<string, infer T> ? T : never;
/** One page of a list endpoint's answer. */
export type ListPage = { object: "list"; data: StoredObject[]; has_more: boolean; url: string };
/** Stripe's pagination parameters: `limit` 1 to 100 (default 10), and at most one cursor. */
export type PageInput = { limit?: number; startingAfter?: string; endingBefore?: string };

export type ApiErrorBody = { type: string; message: string; code?: string; param?: string; decline_code?: string };

/**
 * An error answered by the API. `stored` marks errors raised after the operation changed state (a declined
 * charge): Stripe saves those under the idempotency key and replays them, but not a request that failed validation.
 */
export class StripeTestApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly stored = false,
  ) {
    super(body.message);
  }
}

export function invalid(message: string, param?: string, code?: string): StripeTestApiError {
  return new StripeTestApiError(400, { type: "invalid_request_error", message, ...(code ? { code } : {}), ...(param ? { param } : {}) });
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export function newId(prefix: string): string {
  let id = prefix;
  for (const byte of randomBytes(24)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

function applyMetadata(current: Metadata, input: MetadataInput | undefined): Metadata {
  if (input === undefined) return { ...current };
  if (input === "") return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}

const NAMES: Record<string, string> = {
  cus_: "customer",
  pm_: "PaymentMethod",
  seti_: "setupintent",
  cs_: "checkout.session",
  bps_: "billing_portal.session",
  in_: "invoice",
  ii_: "invoiceitem",
  ch_: "charge",
  cn_: "credit note",
  re_: "refund",
  inpay_: "invoice payment",
};

type RequestInfo = { id: string; idempotency_key: string | null } | null;
type StateOptions = { baseUrl: string; clock: () => number; emitted: (event: Stripe.Event) => void; pendingWebhooks: () => number };

/** Customers, cards, Checkout and the portal; invoices and credit notes are added by StripeTestState. */
export class StripeTestCore {
  readonly objects: StripeTestObjects = {
    customers: new Map(),
    paymentMethods: new Map(),
    setupIntents: new Map(),
    checkoutSessions: new Map(),
    portalSessions: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    invoicePayments: new Map(),
    charges: new Map(),
    creditNotes: new Map(),
    refunds: new Map(),
  };
  readonly events: Stripe.Event[] = [];
  /** Cards that attach fine but are declined when charged (Stripe's 4000 0000 0000 0341). */
  private readonly decliningCards = new Set<string>();
  private readonly invoiceTerms = new Map<string, { daysUntilDue: number | null; paidOutOfBand: boolean }>();
  private invoiceCount = 0;
  private request: RequestInfo = null;

  constructor(private readonly opts: StateOptions) {}

  now(): number {
    return Math.floor(this.opts.clock() / 1000);
  }

  /** Runs `fn` on behalf of an API request, so its events carry the request id and idempotency key as Stripe's do. */
  during<T>(request: RequestInfo, fn: () => T): T {
    const outer = this.request;
    this.request = request;
    try {
      return fn();
    } finally {
      this.request = outer;
    }
  }

  find(id: string): StoredObject | undefined {
    for (const map of Object.values(this.objects) as Map<string, StoredObject>[]) {
      const found = map.get(id);
      if (found) return found;
    }
    return undefined;
  }

  get<T extends StoredObject>(map: Map<string, T>, id: string, param = "id"): T {
    const found = map.get(id);
    if (found) return found;
    const prefix = Object.keys(NAMES).find((p) => id.startsWith(p) && !(p === "in_" && id.startsWith("inpay_")));
    const name = prefix ? NAMES[prefix] : "object";
    throw new StripeTestApiError(404, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${name}: '${id}'` });
  }

  protected emit(type: string, object: StoredObject, previous?: Record<string, unknown>): void {
    const event = {
      id: newId("evt_"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: this.now(),
      livemode: false,
      pending_webhooks: this.opts.pendingWebhooks(),
      request: this.request ?? { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    };
    // The snapshot carries only the fields this server simulates, so it cannot satisfy the SDK's full union type.
    const typed = event as unknown as Stripe.Event;
    this.events.push(typed);
    this.opts.emitted(typed);
  }

  // Customers and cards

  createCustomer(input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string }): TestCustomer {
    const customer: TestCustomer = {
      id: newId("cus_"),
      object: "customer",
      created: this.now(),
      livemode: false,
      email: input.email || null,
      name: input.name || null,
      metadata: applyMetadata({}, input.metadata),
      invoice_settings: { default_payment_method: null },
    };
    // Stripe requires the default to be attached to this customer, which a customer being created cannot have yet.
    if (input.defaultPaymentMethod) this.attachedCard(customer.id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
    this.objects.customers.set(customer.id, customer);
    this.emit("customer.created", customer);
    return customer;
  }

  updateCustomer(id: string, input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string }): TestCustomer {
    const customer = this.get(this.objects.customers, id);
    if (input.defaultPaymentMethod) this.attachedCard(id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
    const before = structuredClone(customer);
    if (input.email !== undefined) customer.email = input.email || null;
    if (input.name !== undefined) customer.name = input.name || null;
    customer.metadata = applyMetadata(customer.metadata, input.metadata);
    if (input.defaultPaymentMethod !== undefined) customer.invoice_settings = { default_payment_method: input.defaultPaymentMethod || null };
    const previous: Record<string, unknown> = {};
    for (const key of ["email", "name", "metadata", "invoice_settings"] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(customer[key])) previous[key] = before[key];
    }
    if (Object.keys(previous).length > 0) this.emit("customer.updated", customer, previous);
    return customer;
  }

  private attachedCard(customerId: string, pmId: string, param: string): TestPaymentMethod {
    const pm = this.get(this.objects.paymentMethods, pmId, param);
    if (pm.customer !== customerId) {
      throw invalid(`The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`, param);
    }
    return pm;
  }

  attachCard(customerId: string, card: TestCard = {}): TestPaymentMethod {
    this.get(this.objects.customers, customerId, "customer");
    const pm: TestPaymentMethod = {
      id: newId("pm_"),
      object: "payment_method",
      type: "card",
      created: this.now(),
      livemode: false,
      customer: customerId,
      card: {
        brand: card.brand ?? "visa",
        last4: card.last4 ?? (card.declines ? "0341" : "4242"),
        exp_month: 12,
        exp_year: new Date(this.opts.clock()).getUTCFullYear() + 3,
        funding: "credit",
        country: "US",
      },
      metadata: {},
    };
    this.objects.paymentMethods.set(pm.id, pm);
    if (card.declines) this.decliningCards.add(pm.id);
    this.emit("payment_method.attached", pm);
    return pm;
  }

  /** A card attached and made the default for invoices, as a customer would do in the portal. */
  addCard(customerId: string, card: TestCard = {}): string {
    const pm = this.attachCard(customerId, card);
    this.updateCustomer(customerId, { defaultPaymentMethod: pm.id });
    return pm.id;
  }

  // Checkout (setup mode) and the customer portal

  createCheckoutSession(input: {
    mode: string;
    customer: string;
    successUrl?: string;
    cancelUrl?: string;
    currency?: string;
    paymentMethodTypes?: string[];
    clientReferenceId?: string;
    metadata?: MetadataInput;
  }): TestCheckoutSession {
    if (input.mode !== "setup") throw invalid(`This test server supports only mode=setup, not '${input.mode}'.`, "mode");
    this.get(this.objects.customers, input.customer, "customer");
    if (input.paymentMethodTypes && !input.paymentMethodTypes.includes("card")) {
      throw invalid("This test server supports only card payment methods.", "payment_method_types");
    }
    const id = newId("cs_test_");
    const created = this.now();
    const session: TestCheckoutSession = {
      id,
      object: "checkout.session",
      created,
      livemode: false,
      mode: "setup",
      status: "open",
      payment_status: "no_payment_required",
      url: `${this.opts.baseUrl}/checkout/${id}`,
      customer: input.customer,
      setup_intent: null,
      success_url: input.successUrl ?? null,
      cancel_url: input.cancelUrl ?? null,
      currency: input.currency?.toLowerCase() ?? null,
      payment_method_types: input.paymentMethodTypes ?? ["card"],
      client_reference_id: input.clientReferenceId ?? null,
      expires_at: created + 24 * 3600,
      metadata: applyMetadata({}, input.metadata),
    };
    this.objects.checkoutSessions.set(id, session);
    return session;
  }

  /** What the hosted page does when the customer saves a card. Like Stripe, it does not change the customer's default. */
  completeCheckout(sessionId: string, card: TestCard = {}): TestCheckoutSession {
    const session = this.get(this.objects.checkoutSessions, sessionId);
    if (session.status !== "open") throw invalid("This Checkout Session is no longer active.", "id");
    const pm = this.attachCard(session.customer, card);
    const setupIntent: TestSetupIntent = {
      id: newId("seti_"),
      object: "setup_intent",
      created: this.now(),
      livemode: false,
      status: "succeeded",
      customer: session.customer,
      payment_method: pm.id,
      usage: "off_session",
      payment_method_types: ["card"],
      metadata: {},
    };
    this.objects.setupIntents.set(setupIntent.id, setupIntent);
    Object.assign(session, { status: "complete", setup_intent: setupIntent.id, url: null });
    this.emit("setup_intent.succeeded", setupIntent);
    this.emit("checkout.session.completed", session);
    return session;
  }

  createPortalSession(input: { customer: string; returnUrl?: string }): TestPortalSession {
    this.get(this.objects.customers, input.customer, "customer");
    const id = newId("bps_");
    const session: TestPortalSession = {
      id,
      object: "billing_portal.session",
      created: this.now(),
      livemode: false,
      url: `${this.opts.baseUrl}/portal/${id}`,
      customer: input.customer,
      return_url: input.returnUrl ?? null,
    };
    this.objects.portalSessions.set(id, session);
    return session;
  }

  /**
   * One page of `map`'s objects that `keep` accepts, newest first. The map's insertion order is the creation order:
   * `created` has only seconds, so it cannot order objects made in the same second.
   */
  list<T extends StoredObject>(map: Map<string, T>, url: string, page: PageInput, keep: (object: T) => boolean): ListPage {
    const limit = page.limit ?? 10;
    if (limit < 1) throw invalid("This value must be greater than or equal to 1.", "limit");
    if (limit > 100) throw invalid("This value must be less than or equal to 100.", "limit");
    if (page.startingAfter && page.endingBefore) throw invalid("You may only specify one of these parameters: ending_before, starting_after.", "starting_after");
    const all = [...map.values()].reverse();
    // A cursor is any object of the kind, even one the filters leave out: the page starts next to it all the same.
    const from = page.startingAfter ? all.indexOf(this.get(map, page.startingAfter, "starting_after")) + 1 : 0;
    const to = page.endingBefore ? all.indexOf(this.get(map, page.endingBefore, "ending_before")) : all.length;
    const matching = all.slice(from, to).filter(keep);
    // ending_before pages backwards: the `limit` objects nearest the cursor, still listed newest first.
    const data = page.endingBefore ? matching.slice(-limit) : matching.slice(0, limit);
    return { object: "list", data, has_more: matching.length > limit, url };
  }

  /** `expand[]` on any response: ids of stored objects become the objects, and some objects can include related lists. */
  render(object: StoredObject | ListPage, expand: readonly string[]): Record<string, unknown> {
    const out = structuredClone(object) as Record<string, unknown>;
    for (const path of expand) {
      if (!this.expandIn(out, path.split("."))) throw invalid(`This property cannot be expanded (${path}).`, "expand");
    }
    return out;
  }

  /**
   * Expands the path `parts` below `node`. As in Stripe, an array on the way (a list's `data`, a credit note's
   * `refunds`) has each of its items expanded, and an id on the way is expanded too, to reach the fields below it.
   */
  private expandIn(node: unknown, parts: readonly string[]): boolean {
    if (Array.isArray(node)) return node.every((item) => this.expandIn(item, parts));
    if (typeof node !== "object" || node === null) return false;
    const record = node as Record<string, unknown>;
    const [head, ...rest] = parts;
    if (!head || head === "id") return false;
    const related = rest.length === 0 ? this.relatedList(record, head) : undefined;
    if (related) {
      record[head] = related;
      return true;
    }
    const value = record[head];
    if (value === null) return true; // Stripe accepts expanding a field that is empty now
    if (typeof value === "string") {
      const found = this.find(value);
      if (!found) return false;
      record[head] = structuredClone(found);
    }
    if (rest.length > 0) return this.expandIn(record[head], rest);
    // An object expanded by an earlier path (`a.b` expands `a` too) may be named again.
    return typeof value === "string" || (typeof value === "object" && !Array.isArray(value) && typeof (value as { object?: unknown }).object === "string");
  }

  /** The lists Stripe includes only when expanded: an invoice's payments, a charge's refunds. */
  private relatedList(record: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
    const id = String(record.id);
    if (record.object === "invoice" && field === "payments") {
      const data = [...this.objects.invoicePayments.values()].filter((p) => p.invoice === id);
      return { object: "list", data: structuredClone(data), has_more: false, url: `/v1/invoice_payments?invoice=${id}` };
    }
    if (record.object === "charge" && field === "refunds") {
      const data = [...this.objects.refunds.values()].filter((r) => r.charge === id).reverse(); // newest first
      return { object: "list", data: structuredClone(data), has_more: false, url: `/v1/charges/${id}/refunds` };
    }
    return undefined;
  }

  // For invoices and credit notes (stripe-test-invoices.ts).
  protected declines(pmId: string): boolean {
    return this.decliningCards.has(pmId);
  }
  protected terms(invoiceId: string): { daysUntilDue: number | null; paidOutOfBand: boolean } {
    let terms = this.invoiceTerms.get(invoiceId);
    if (!terms) this.invoiceTerms.set(invoiceId, (terms = { daysUntilDue: null, paidOutOfBand: false }));
    return terms;
  }
  protected nextInvoiceNumber(): string {
    this.invoiceCount += 1;
    return `TEST-${String(this.invoiceCount).padStart(4, "0")}`;
  }
  protected get baseUrl(): string {
    return this.opts.baseUrl;
  }
}
