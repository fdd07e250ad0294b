import type { Metadata } from "./stripe-test-common";

/**
 * The objects of the Stripe test server, in the shape the API returns them, so tests can read them as they would
 * from Stripe: customers, cards, Checkout and portal sessions, invoices, charges, refunds and credit notes,
 * Connect's accounts and application fees, and Stripe Tax's settings, registrations, calculations and transactions.
 */

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
export type TestPortalSession = Base & {
  object: "billing_portal.session";
  url: string;
  customer: string;
  return_url: string | null;
};
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
  status_transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
    marked_uncollectible_at: null;
  };
  metadata: Metadata;
};
/** Stripe's invoice item has no `created`: its `date` is when it was made (its example and the SDK's type agree). */
export type TestInvoiceItem = Omit<Base, "created"> & {
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
/** The payment intent of an invoice's payment: made when the invoice is finalized, succeeded by its charge. */
export type TestPaymentIntent = Base & {
  object: "payment_intent";
  amount: number;
  amount_capturable: 0;
  amount_received: number;
  application_fee_amount: number | null;
  canceled_at: number | null;
  cancellation_reason: "void_invoice" | null;
  capture_method: "automatic";
  confirmation_method: "automatic";
  currency: string;
  customer: string;
  description: string | null;
  latest_charge: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  status: "requires_payment_method" | "succeeded" | "canceled";
  metadata: Metadata;
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
  /** On a connected account's charge, the platform's fee (an ApplicationFee at the platform) and its amount. */
  application_fee: string | null;
  application_fee_amount: number | null;
};
/** Stripe's refund object has no `livemode` (its example and the SDK's type agree). */
export type TestRefund = Omit<Base, "livemode"> & {
  object: "refund";
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  status: "succeeded";
  reason: string | null;
  metadata: Metadata;
};
/** A fee refund has no `livemode` either. */
export type TestFeeRefund = Omit<Base, "livemode"> & {
  object: "fee_refund";
  amount: number;
  balance_transaction: string | null;
  currency: string;
  fee: string;
  metadata: Metadata;
};
/** What the platform took from a connected account's charge; it lives at the platform. */
export type TestApplicationFee = Base & {
  object: "application_fee";
  account: string;
  amount: number;
  amount_refunded: number;
  application: string;
  balance_transaction: string | null;
  charge: string;
  currency: string;
  fee_source: { charge: string; type: "charge" };
  originating_transaction: string | null;
  refunded: boolean;
  /** Newest first, as Stripe lists them. */
  refunds: { object: "list"; data: TestFeeRefund[]; has_more: false; url: string };
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

/** Stripe's `requirements` (and `future_requirements`) of an account: what it must still provide, and by when. */
export type TestRequirements = {
  alternatives: never[];
  current_deadline: number | null;
  currently_due: string[];
  disabled_reason: string | null;
  errors: never[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
};
/** Stripe's account object has no `livemode` (its example and its API reference agree). */
export type TestAccount = Omit<Base, "livemode"> & {
  object: "account";
  type: "express" | "standard" | "custom" | "none";
  /** For an account the platform controls (controller properties), Stripe adds what it set to `type`. */
  controller: {
    type: "application" | "account";
    is_controller: boolean;
    stripe_dashboard: { type: "express" | "full" | "none" };
    requirement_collection: "stripe" | "application";
    fees: { payer: "application" | "account" };
    losses: { payments: "application" | "stripe" };
  };
  business_profile: {
    name: string | null;
    url: string | null;
    product_description: string | null;
    support_email: string | null;
    support_phone: string | null;
    mcc: string | null;
  };
  business_type: string | null;
  capabilities: Record<string, "active" | "inactive" | "pending">;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  country: string;
  default_currency: string;
  email: string | null;
  metadata: Metadata;
  requirements: TestRequirements;
  future_requirements: TestRequirements;
  tos_acceptance: { date: number | null; ip: string | null; user_agent: string | null };
};
/** Links are not objects one can read back; they are kept by their URL's token for the hosted pages. */
export type TestAccountLink = { object: "account_link"; created: number; expires_at: number; url: string };
export type TestLoginLink = { object: "login_link"; created: number; url: string };

/** An address as Stripe Tax shows it: every field present, null when not given. */
export type TestTaxAddress = {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
};
/**
 * An account's Stripe Tax settings: one per account, with no id (GET /v1/tax/settings). Pending until the head
 * office is known; calculations are refused until then.
 */
export type TestTaxSettings = {
  object: "tax.settings";
  defaults: {
    tax_behavior: "exclusive" | "inclusive" | "inferred_by_currency" | null;
    tax_code: string | null;
    provider: "stripe";
  };
  head_office: { address: TestTaxAddress } | null;
  livemode: false;
  status: "active" | "pending";
  status_details: { active: Record<string, never> } | { pending: { missing_fields: string[] } };
};
/** Where an account collects tax: a country, or a US state. Its status follows from active_from and expires_at. */
export type TestTaxRegistration = Base & {
  object: "tax.registration";
  active_from: number;
  country: string;
  /** Keyed by the registration's country in lower case: `{us: {state: "CA", type: "state_sales_tax"}}`. */
  country_options: Record<string, { type: string; state?: string; standard?: { place_of_supply_scheme: string } }>;
  expires_at: number | null;
  status: "active" | "expired" | "scheduled";
};
export type TestTaxBreakdown = {
  amount: number;
  inclusive: boolean;
  tax_rate_details: {
    country: string;
    state: string | null;
    percentage_decimal: string;
    tax_type: string | null;
    flat_amount: null;
    rate_type: "percentage";
  };
  taxability_reason: "standard_rated" | "not_collecting" | "not_supported";
  taxable_amount: number;
};
export type TestTaxCustomerDetails = {
  address: TestTaxAddress;
  address_source: "billing" | "shipping" | null;
  ip_address: null;
  tax_ids: never[];
  taxability_override: "none";
};
/** Stripe's calculation has no `created`; its line items are listed apart (or with `expand[]=line_items`). */
export type TestTaxCalculation = Omit<Base, "created"> & {
  object: "tax.calculation";
  amount_total: number;
  currency: string;
  customer: null;
  customer_details: TestTaxCustomerDetails;
  expires_at: number;
  ship_from_details: null;
  shipping_cost: null;
  tax_amount_exclusive: number;
  tax_amount_inclusive: number;
  tax_breakdown: TestTaxBreakdown[];
  tax_date: number;
};
export type TestTaxCalculationLineItem = Omit<Base, "created"> & {
  object: "tax.calculation_line_item";
  amount: number;
  amount_tax: number;
  metadata: Metadata | null;
  product: null;
  quantity: number;
  reference: string;
  tax_behavior: "exclusive" | "inclusive";
  tax_code: string;
};
/** A calculation committed (type transaction), or a reversal of one, whose amounts are negative. */
export type TestTaxTransaction = Base & {
  object: "tax.transaction";
  currency: string;
  customer: null;
  customer_details: TestTaxCustomerDetails;
  metadata: Metadata | null;
  posted_at: number;
  reference: string;
  reversal: { original_transaction: string } | null;
  ship_from_details: null;
  shipping_cost: null;
  tax_date: number;
  type: "transaction" | "reversal";
};
export type TestTaxTransactionLineItem = Omit<Base, "created"> & {
  object: "tax.transaction_line_item";
  amount: number;
  amount_tax: number;
  metadata: Metadata | null;
  product: null;
  quantity: number;
  reference: string;
  reversal: { original_line_item: string } | null;
  tax_behavior: "exclusive" | "inclusive";
  tax_code: string;
  type: "transaction" | "reversal";
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
  paymentIntents: Map<string, TestPaymentIntent>;
  charges: Map<string, TestCharge>;
  creditNotes: Map<string, TestCreditNote>;
  refunds: Map<string, TestRefund>;
  applicationFees: Map<string, TestApplicationFee>;
  feeRefunds: Map<string, TestFeeRefund>;
  accounts: Map<string, TestAccount>;
  accountLinks: Map<string, TestAccountLink>;
  loginLinks: Map<string, TestLoginLink>;
  /** Keyed by the account they belong to ("platform" for the platform's): settings have no id. */
  taxSettings: Map<string, TestTaxSettings>;
  taxRegistrations: Map<string, TestTaxRegistration>;
  taxCalculations: Map<string, TestTaxCalculation>;
  taxCalculationLineItems: Map<string, TestTaxCalculationLineItem>;
  taxTransactions: Map<string, TestTaxTransaction>;
  taxTransactionLineItems: Map<string, TestTaxTransactionLineItem>;
};
export type StoredObject = StripeTestObjects[keyof StripeTestObjects] extends Map<string, infer T> ? T : never;
/** One page of a list endpoint's answer. */
export type ListPage = { object: "list"; data: StoredObject[]; has_more: boolean; url: string };
/** Stripe's pagination parameters: `limit` 1 to 100 (default 10), and at most one cursor. */
export type PageInput = { limit?: number; startingAfter?: string; endingBefore?: string };
