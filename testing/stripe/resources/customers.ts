import { applyMetadata, invalid, newId, type MetadataInput } from "../stripe-test-common";
import type {
  TestCard,
  TestCheckoutSession,
  TestCustomer,
  TestPaymentMethod,
  TestPortalSession,
  TestSetupIntent,
} from "../stripe-test-objects";
import { metadata, nested, required, str, strings, type Params } from "../stripe-test-params";
import { perStore, type StripeTestStore } from "../stripe-test-store";
import type { Route } from "./route";

/**
 * Customers and their cards (payment methods), Checkout in setup mode (and its setup intent) and the customer
 * portal: how a customer comes to have a card that invoices can charge (invoice-payments.ts charges it).
 */

/** Cards that attach fine but are declined when charged (Stripe's 4000 0000 0000 0341). */
const decliningCards = perStore(() => new Set<string>());

export function createCustomer(
  s: StripeTestStore,
  input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string },
): TestCustomer {
  const customer: TestCustomer = {
    id: newId("cus_"),
    object: "customer",
    created: s.now(),
    livemode: false,
    email: input.email || null,
    name: input.name || null,
    metadata: applyMetadata({}, input.metadata),
    invoice_settings: { default_payment_method: null },
  };
  // Stripe requires the default to be attached to this customer, which a customer being created cannot have yet.
  if (input.defaultPaymentMethod)
    attachedCard(s, customer.id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
  s.save(s.objects.customers, customer);
  s.emit("customer.created", customer);
  return customer;
}

export function updateCustomer(
  s: StripeTestStore,
  id: string,
  input: { email?: string; name?: string; metadata?: MetadataInput; defaultPaymentMethod?: string },
): TestCustomer {
  const customer = s.get(s.objects.customers, id);
  if (input.defaultPaymentMethod)
    attachedCard(s, id, input.defaultPaymentMethod, "invoice_settings[default_payment_method]");
  const before = structuredClone(customer);
  if (input.email !== undefined) customer.email = input.email || null;
  if (input.name !== undefined) customer.name = input.name || null;
  customer.metadata = applyMetadata(customer.metadata, input.metadata);
  if (input.defaultPaymentMethod !== undefined)
    customer.invoice_settings = { default_payment_method: input.defaultPaymentMethod || null };
  const previous: Record<string, unknown> = {};
  for (const key of ["email", "name", "metadata", "invoice_settings"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(customer[key])) previous[key] = before[key];
  }
  if (Object.keys(previous).length > 0) s.emit("customer.updated", customer, previous);
  return customer;
}

function attachedCard(s: StripeTestStore, customerId: string, pmId: string, param: string): TestPaymentMethod {
  const pm = s.get(s.objects.paymentMethods, pmId, param);
  if (pm.customer !== customerId) {
    throw invalid(
      `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
      param,
    );
  }
  return pm;
}

export function attachCard(s: StripeTestStore, customerId: string, card: TestCard = {}): TestPaymentMethod {
  s.get(s.objects.customers, customerId, "customer");
  const pm: TestPaymentMethod = {
    id: newId("pm_"),
    object: "payment_method",
    type: "card",
    created: s.now(),
    livemode: false,
    customer: customerId,
    card: {
      brand: card.brand ?? "visa",
      last4: card.last4 ?? (card.declines ? "0341" : "4242"),
      exp_month: 12,
      exp_year: new Date(s.clock()).getUTCFullYear() + 3,
      funding: "credit",
      country: "US",
    },
    metadata: {},
  };
  s.save(s.objects.paymentMethods, pm);
  if (card.declines) decliningCards(s).add(pm.id);
  s.emit("payment_method.attached", pm);
  return pm;
}

/** A card attached and made the default for invoices, as a customer would do in the portal. */
export function addCard(s: StripeTestStore, customerId: string, card: TestCard = {}): string {
  const pm = attachCard(s, customerId, card);
  updateCustomer(s, customerId, { defaultPaymentMethod: pm.id });
  return pm.id;
}

export function createCheckoutSession(
  s: StripeTestStore,
  input: {
    mode: string;
    customer: string;
    successUrl?: string;
    cancelUrl?: string;
    currency?: string;
    paymentMethodTypes?: string[];
    clientReferenceId?: string;
    metadata?: MetadataInput;
  },
): TestCheckoutSession {
  if (input.mode !== "setup") throw invalid(`This test server supports only mode=setup, not '${input.mode}'.`, "mode");
  s.get(s.objects.customers, input.customer, "customer");
  if (input.paymentMethodTypes && !input.paymentMethodTypes.includes("card")) {
    throw invalid("This test server supports only card payment methods.", "payment_method_types");
  }
  const id = newId("cs_test_");
  const created = s.now();
  const session: TestCheckoutSession = {
    id,
    object: "checkout.session",
    created,
    livemode: false,
    mode: "setup",
    status: "open",
    payment_status: "no_payment_required",
    url: `${s.baseUrl}/checkout/${id}`,
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
  s.save(s.objects.checkoutSessions, session);
  return session;
}

/** What the hosted page does when the customer saves a card. Like Stripe, it does not change the customer's default. */
export function completeCheckout(s: StripeTestStore, sessionId: string, card: TestCard = {}): TestCheckoutSession {
  const session = s.get(s.objects.checkoutSessions, sessionId);
  if (session.status !== "open") throw invalid("This Checkout Session is no longer active.", "id");
  const pm = attachCard(s, session.customer, card);
  const setupIntent: TestSetupIntent = {
    id: newId("seti_"),
    object: "setup_intent",
    created: s.now(),
    livemode: false,
    status: "succeeded",
    customer: session.customer,
    payment_method: pm.id,
    usage: "off_session",
    payment_method_types: ["card"],
    metadata: {},
  };
  s.save(s.objects.setupIntents, setupIntent);
  Object.assign(session, { status: "complete", setup_intent: setupIntent.id, url: null });
  s.emit("setup_intent.succeeded", setupIntent);
  s.emit("checkout.session.completed", session);
  return session;
}

export function createPortalSession(
  s: StripeTestStore,
  input: { customer: string; returnUrl?: string },
): TestPortalSession {
  s.get(s.objects.customers, input.customer, "customer");
  const id = newId("bps_");
  const session: TestPortalSession = {
    id,
    object: "billing_portal.session",
    created: s.now(),
    livemode: false,
    url: `${s.baseUrl}/portal/${id}`,
    customer: input.customer,
    return_url: input.returnUrl ?? null,
  };
  s.save(s.objects.portalSessions, session);
  return session;
}

/** For paying invoices (invoice-payments.ts). */
export function declines(s: StripeTestStore, pmId: string): boolean {
  return decliningCards(s).has(pmId);
}

const customerParams = ["email", "name", "metadata", "invoice_settings"];
const defaultPaymentMethod = (p: Params) =>
  str(nested(p, "invoice_settings", ["default_payment_method"]), "default_payment_method");

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/customers$/,
    params: customerParams,
    handler: (s, p) =>
      createCustomer(s, {
        email: str(p, "email"),
        name: str(p, "name"),
        metadata: metadata(p),
        defaultPaymentMethod: defaultPaymentMethod(p),
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.customers, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    params: customerParams,
    handler: (s, p, id) =>
      updateCustomer(s, id, {
        email: str(p, "email"),
        name: str(p, "name"),
        metadata: metadata(p),
        defaultPaymentMethod: defaultPaymentMethod(p),
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/payment_methods\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.paymentMethods, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    params: [
      "mode",
      "customer",
      "success_url",
      "cancel_url",
      "currency",
      "payment_method_types",
      "client_reference_id",
      "metadata",
    ],
    handler: (s, p) =>
      createCheckoutSession(s, {
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
  {
    method: "GET",
    pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.checkoutSessions, id),
  },
  {
    method: "GET",
    pattern: /^\/v1\/setup_intents\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.setupIntents, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/billing_portal\/sessions$/,
    params: ["customer", "return_url"],
    handler: (s, p) => createPortalSession(s, { customer: required(p, "customer"), returnUrl: str(p, "return_url") }),
  },
];
