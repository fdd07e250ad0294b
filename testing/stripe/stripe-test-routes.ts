import { StripeTestApiError } from "./stripe-test-common";
import type { StripeTestState } from "./stripe-test-credit-notes";
import type { ListPage, StoredObject } from "./stripe-test-objects";
import { bool, creditLines, creditRefunds, decode, int, metadata, missing, nested, oneOf, page, PAGE_PARAMS, required, str, strings, unknown, type Params } from "./stripe-test-params";

/**
 * The API surface of the Stripe test server: the route table, which names each endpoint's parameters (any other is
 * refused, as Stripe refuses it) and hands them to the state, and runApiRequest, which serves one request with it.
 */

// The form parser is part of this module's interface, as it always was; it lives with the parameter readers.
export { parseStripeForm, type Params } from "./stripe-test-params";

/** A list filter: no value given lets everything through. */
const is = <T>(wanted: T | undefined, actual: T) => wanted === undefined || wanted === actual;
const INVOICE_STATUSES = ["draft", "open", "paid", "uncollectible", "void"] as const;

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
    params: ["customer", "currency", "collection_method", "auto_advance", "pending_invoice_items_behavior", "description", "days_until_due", "metadata", "application_fee_amount"],
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
        applicationFeeAmount: int(p, "application_fee_amount"),
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
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)$/,
    params: ["description", "metadata", "auto_advance", "application_fee_amount"],
    run: (s, p, id) => s.updateInvoice(id, { description: str(p, "description"), metadata: metadata(p), autoAdvance: bool(p, "auto_advance"), applicationFeeAmount: int(p, "application_fee_amount") }),
  },
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
  { method: "GET", pattern: /^\/v1\/payment_intents\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.paymentIntents, id) },
  {
    method: "GET",
    pattern: /^\/v1\/charges$/,
    params: ["customer", "payment_intent", ...PAGE_PARAMS],
    run: (s, p) => {
      const customer = str(p, "customer");
      const paymentIntent = str(p, "payment_intent");
      return s.list(s.objects.charges, "/v1/charges", page(p), (c) => is(customer, c.customer) && is(paymentIntent, c.payment_intent));
    },
  },
  { method: "GET", pattern: /^\/v1\/charges\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.charges, id) },
  {
    method: "POST",
    pattern: /^\/v1\/refunds$/,
    params: ["charge", "payment_intent", "amount", "reason", "metadata", "refund_application_fee"],
    run: (s, p) =>
      s.createRefund({
        charge: str(p, "charge"),
        paymentIntent: str(p, "payment_intent"),
        amount: int(p, "amount"),
        reason: str(p, "reason"),
        metadata: metadata(p),
        refundApplicationFee: bool(p, "refund_application_fee"),
      }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/refunds$/,
    params: ["charge", "payment_intent", ...PAGE_PARAMS],
    run: (s, p) => {
      const charge = str(p, "charge");
      const paymentIntent = str(p, "payment_intent");
      return s.list(s.objects.refunds, "/v1/refunds", page(p), (r) => is(charge, r.charge) && is(paymentIntent, r.payment_intent));
    },
  },
  { method: "GET", pattern: /^\/v1\/refunds\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.refunds, id) },
  // Application fees: the platform's (a request with a Stripe-Account header finds none of them).
  {
    method: "GET",
    pattern: /^\/v1\/application_fees$/,
    params: ["charge", ...PAGE_PARAMS],
    run: (s, p) => {
      const charge = str(p, "charge");
      return s.list(s.objects.applicationFees, "/v1/application_fees", page(p), (f) => is(charge, f.charge));
    },
  },
  { method: "GET", pattern: /^\/v1\/application_fees\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.applicationFees, id) },
  {
    method: "POST",
    pattern: /^\/v1\/application_fees\/([^/]+)\/refunds$/,
    params: ["amount", "metadata"],
    run: (s, p, id) => s.refundApplicationFee(id, { amount: int(p, "amount"), metadata: metadata(p) }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/application_fees\/([^/]+)\/refunds$/,
    params: PAGE_PARAMS,
    run: (s, p, id) => {
      const fee = s.get(s.objects.applicationFees, id);
      return s.list(s.objects.feeRefunds, `/v1/application_fees/${fee.id}/refunds`, page(p), (r) => r.fee === fee.id);
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/credit_notes$/,
    params: ["invoice", "lines", "amount", "refund_amount", "refunds", "credit_amount", "out_of_band_amount", "reason", "memo", "metadata"],
    run: (s, p) =>
      s.createCreditNote({
        invoice: required(p, "invoice"),
        lines: creditLines(p),
        amount: int(p, "amount"),
        refundAmount: int(p, "refund_amount"),
        refunds: creditRefunds(p),
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
  // Connect
  {
    method: "POST",
    pattern: /^\/v1\/accounts$/,
    params: ["controller", "type", "country", "email", "business_profile", "capabilities", "metadata"],
    run: (s, p) => {
      if (p.type !== undefined) throw unknown("type"); // this server makes accounts with controller properties only
      const controller = nested(p, "controller", ["stripe_dashboard", "requirement_collection", "fees", "losses"]);
      return s.createAccount({
        controller: {
          stripeDashboard: str(nested(controller, "stripe_dashboard", ["type"]), "type"),
          requirementCollection: str(controller, "requirement_collection"),
          feesPayer: str(nested(controller, "fees", ["payer"]), "payer"),
          lossesPayments: str(nested(controller, "losses", ["payments"]), "payments"),
        },
        country: str(p, "country"),
        email: str(p, "email"),
        businessName: str(nested(p, "business_profile", ["name", "url", "product_description", "support_email"]), "name"),
        capabilities: Object.keys(nested(p, "capabilities", ["card_payments", "transfers"])),
        metadata: metadata(p),
      });
    },
  },
  { method: "GET", pattern: /^\/v1\/accounts\/([^/]+)$/, params: [], run: (s, _p, id) => s.get(s.objects.accounts, id) },
  {
    method: "POST",
    pattern: /^\/v1\/accounts\/([^/]+)$/,
    params: ["email", "business_profile", "metadata"],
    run: (s, p, id) => s.updateAccount(id, { email: str(p, "email"), businessName: str(nested(p, "business_profile", ["name"]), "name"), metadata: metadata(p) }),
  },
  { method: "POST", pattern: /^\/v1\/accounts\/([^/]+)\/login_links$/, params: [], run: (s, _p, id) => s.createLoginLink(id) },
  {
    method: "POST",
    pattern: /^\/v1\/account_links$/,
    params: ["account", "type", "refresh_url", "return_url", "collect"],
    run: (s, p) => s.createAccountLink({ account: required(p, "account"), type: required(p, "type"), refreshUrl: required(p, "refresh_url"), returnUrl: required(p, "return_url") }),
  },
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
