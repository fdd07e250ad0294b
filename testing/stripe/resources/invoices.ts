import { applyMetadata, invalid, newId, type MetadataInput } from "../stripe-test-common";
import type { TestInvoice, TestInvoiceItem } from "../stripe-test-objects";
import { bool, int, metadata, missing, oneOf, page, PAGE_PARAMS, required, str } from "../stripe-test-params";
import { perStore, type StripeTestStore } from "../stripe-test-store";
import { checkApplicationFeeAmount } from "./application-fees";
import { is, type Route } from "./route";

/**
 * Invoices as drafts: creating and updating them, invoice items and the lines they become, and the totals. What
 * collects an invoice (finalize, pay, void) is invoice-payments.ts; credit notes (credit-notes.ts) lower what it asks.
 * Following Stripe's rules closely enough that our billing code meets the same answers as in production.
 *
 * On a connected account an invoice can carry an `application_fee_amount`, which its payment's charge pays to the
 * platform (application-fees.ts). Stripe's invoice object does not show it (neither its example nor the SDK's type
 * has the field since the 2025 API versions), so it is kept beside the invoice, with the other terms.
 */

export type InvoiceTerms = { daysUntilDue: number | null; paidOutOfBand: boolean; applicationFeeAmount: number | null };

const COLLECTION_METHODS = ["charge_automatically", "send_invoice"] as const;

const invoiceTerms = perStore(() => new Map<string, InvoiceTerms>());
const INVOICE_STATUSES = ["draft", "open", "paid", "uncollectible", "void"] as const;

export function createInvoice(
  s: StripeTestStore,
  input: {
    customer: string;
    currency?: string;
    collectionMethod?: string;
    autoAdvance?: boolean;
    pendingItems?: string;
    description?: string;
    daysUntilDue?: number;
    metadata?: MetadataInput;
    applicationFeeAmount?: number;
  },
): TestInvoice {
  const customer = s.get(s.objects.customers, input.customer, "customer");
  checkApplicationFeeAmount(s, input.applicationFeeAmount);
  const method = COLLECTION_METHODS.find((m) => m === (input.collectionMethod ?? "charge_automatically"));
  if (!method)
    throw invalid(`Invalid collection_method: must be one of ${COLLECTION_METHODS.join(" or ")}`, "collection_method");
  if (method === "send_invoice" && input.daysUntilDue === undefined) {
    throw invalid("Invoices with collection_method=send_invoice need days_until_due.", "days_until_due");
  }
  if (method === "charge_automatically" && input.daysUntilDue !== undefined) {
    throw invalid("days_until_due can only be set when collection_method is send_invoice.", "days_until_due");
  }
  const pendingItems = input.pendingItems ?? "exclude";
  if (pendingItems !== "exclude" && pendingItems !== "include") {
    throw invalid(
      "Invalid pending_invoice_items_behavior: must be one of exclude or include",
      "pending_invoice_items_behavior",
    );
  }
  const pending = [...s.objects.invoiceItems.values()].filter((i) => i.customer === customer.id && i.invoice === null);
  const currency =
    input.currency?.toLowerCase() ?? (pendingItems === "include" ? pending[0]?.currency : undefined) ?? "usd";
  const id = newId("in_");
  const invoice: TestInvoice = {
    id,
    object: "invoice",
    created: s.now(),
    livemode: false,
    customer: customer.id,
    customer_email: customer.email,
    number: null,
    status: "draft",
    currency,
    description: input.description ?? null,
    collection_method: method,
    auto_advance: input.autoAdvance ?? false,
    due_date: null,
    subtotal: 0,
    total: 0,
    amount_due: 0,
    amount_paid: 0,
    amount_remaining: 0,
    pre_payment_credit_notes_amount: 0,
    post_payment_credit_notes_amount: 0,
    attempted: false,
    attempt_count: 0,
    lines: { object: "list", data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    hosted_invoice_url: null,
    invoice_pdf: null,
    status_transitions: { finalized_at: null, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    metadata: input.metadata || {},
  };
  s.save(s.objects.invoices, invoice);
  terms(s, id).daysUntilDue = input.daysUntilDue ?? null;
  terms(s, id).applicationFeeAmount = input.applicationFeeAmount ?? null;
  if (pendingItems === "include")
    for (const item of pending.filter((i) => i.currency === currency)) addLine(s, invoice, item);
  s.emit("invoice.created", invoice);
  return invoice;
}

/** Metadata and description can change at any time; the fee (a monetary value) only on a draft, as in Stripe. */
export function updateInvoice(
  s: StripeTestStore,
  id: string,
  input: { description?: string; metadata?: MetadataInput; autoAdvance?: boolean; applicationFeeAmount?: number },
): TestInvoice {
  const invoice = s.get(s.objects.invoices, id);
  checkApplicationFeeAmount(s, input.applicationFeeAmount);
  if (input.applicationFeeAmount !== undefined && invoice.status !== "draft") {
    throw invalid(
      `Invoice ${id} is ${invoice.status}: application_fee_amount can only be changed on a draft invoice.`,
      "application_fee_amount",
      "invoice_not_editable",
    );
  }
  const before = structuredClone(invoice);
  if (input.description !== undefined) invoice.description = input.description || null;
  if (input.autoAdvance !== undefined) invoice.auto_advance = input.autoAdvance;
  invoice.metadata = applyMetadata(invoice.metadata, input.metadata);
  if (input.applicationFeeAmount !== undefined) terms(s, id).applicationFeeAmount = input.applicationFeeAmount;
  const previous: Record<string, unknown> = {};
  for (const key of ["description", "auto_advance", "metadata"] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(invoice[key])) previous[key] = before[key];
  }
  s.emit("invoice.updated", invoice, previous);
  return invoice;
}

export function createInvoiceItem(
  s: StripeTestStore,
  input: {
    customer: string;
    invoice?: string;
    amount: number;
    currency?: string;
    description?: string;
    metadata?: MetadataInput;
  },
): TestInvoiceItem {
  s.get(s.objects.customers, input.customer, "customer");
  const invoice = input.invoice ? s.get(s.objects.invoices, input.invoice, "invoice") : null;
  if (invoice && invoice.customer !== input.customer)
    throw invalid(`The invoice ${invoice.id} belongs to another customer.`, "invoice");
  if (invoice && invoice.status !== "draft")
    throw invalid(`Invoice ${invoice.id} is not a draft: items can only be added to draft invoices.`, "invoice");
  const currency = input.currency?.toLowerCase() ?? invoice?.currency;
  if (!currency) throw invalid("Missing required param: currency.", "currency", "parameter_missing");
  if (invoice && currency !== invoice.currency)
    throw invalid(`The currency ${currency} does not match the invoice's currency ${invoice.currency}.`, "currency");
  const item: TestInvoiceItem = {
    id: newId("ii_"),
    object: "invoiceitem",
    livemode: false,
    customer: input.customer,
    invoice: null,
    amount: input.amount,
    currency,
    description: input.description ?? null,
    quantity: 1,
    date: s.now(),
    metadata: input.metadata || {},
  };
  s.save(s.objects.invoiceItems, item);
  if (invoice) addLine(s, invoice, item);
  s.emit("invoiceitem.created", item);
  return item;
}

function addLine(s: StripeTestStore, invoice: TestInvoice, item: TestInvoiceItem): void {
  item.invoice = invoice.id;
  invoice.lines.data.push({
    id: newId("il_"),
    object: "line_item",
    invoice: invoice.id,
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    quantity: 1,
    metadata: { ...item.metadata },
    livemode: false,
    parent: { type: "invoice_item_details", invoice_item_details: { invoice_item: item.id } },
  });
  recompute(s, invoice);
}

export function recompute(s: StripeTestStore, invoice: TestInvoice): void {
  invoice.subtotal = invoice.total = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  invoice.amount_due = Math.max(0, invoice.total - invoice.pre_payment_credit_notes_amount);
  invoice.amount_remaining = invoice.status === "paid" ? 0 : invoice.amount_due - invoice.amount_paid;
}

/**
 * Kept beside each invoice: its days until due, for finalizing, whether it was paid outside Stripe, for credit
 * notes, and its application fee, for paying.
 */
export function terms(s: StripeTestStore, invoiceId: string): InvoiceTerms {
  let terms = invoiceTerms(s).get(invoiceId);
  if (!terms)
    invoiceTerms(s).set(invoiceId, (terms = { daysUntilDue: null, paidOutOfBand: false, applicationFeeAmount: null }));
  return terms;
}

export const invoiceRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/invoices$/,
    params: [
      "customer",
      "currency",
      "collection_method",
      "auto_advance",
      "pending_invoice_items_behavior",
      "description",
      "days_until_due",
      "metadata",
      "application_fee_amount",
    ],
    handler: (s, p) =>
      createInvoice(s, {
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
    handler: (s, p) => {
      const customer = str(p, "customer");
      const status = oneOf(p, "status", INVOICE_STATUSES);
      return s.list(
        s.objects.invoices,
        "/v1/invoices",
        page(p),
        (i) => is(customer, i.customer) && is(status, i.status),
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/invoices\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.invoices, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)$/,
    params: ["description", "metadata", "auto_advance", "application_fee_amount"],
    handler: (s, p, id) =>
      updateInvoice(s, id, {
        description: str(p, "description"),
        metadata: metadata(p),
        autoAdvance: bool(p, "auto_advance"),
        applicationFeeAmount: int(p, "application_fee_amount"),
      }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/invoiceitems$/,
    params: ["customer", "invoice", "amount", "currency", "description", "metadata"],
    handler: (s, p) => {
      const amount = int(p, "amount");
      if (amount === undefined) throw missing("amount");
      return createInvoiceItem(s, {
        customer: required(p, "customer"),
        invoice: str(p, "invoice"),
        amount,
        currency: str(p, "currency"),
        description: str(p, "description"),
        metadata: metadata(p),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/invoiceitems$/,
    params: ["customer", "invoice", "pending", ...PAGE_PARAMS],
    handler: (s, p) => {
      const customer = str(p, "customer");
      const invoice = str(p, "invoice");
      const pending = bool(p, "pending");
      return s.list(
        s.objects.invoiceItems,
        "/v1/invoiceitems",
        page(p),
        (i) => is(customer, i.customer) && is(invoice, i.invoice) && is(pending, i.invoice === null),
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/invoiceitems\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.invoiceItems, id),
  },
];
