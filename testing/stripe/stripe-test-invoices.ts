import { applyMetadata, invalid, newId, StripeTestApiError, type MetadataInput } from "./stripe-test-common";
import { StripeTestFees } from "./stripe-test-fees";
import type { TestCharge, TestInvoice, TestInvoiceItem, TestInvoicePayment, TestPaymentIntent } from "./stripe-test-objects";

/**
 * An invoice's life, following Stripe's rules closely enough that our billing code meets the same answers as in
 * production: drafts take items, finalizing opens (or settles a zero) invoice, paying charges the default card, and
 * an open invoice can be voided. Refunds (stripe-test-refunds.ts) and then credit notes build on it.
 *
 * On a connected account an invoice can carry an `application_fee_amount`, which its payment's charge pays to the
 * platform (stripe-test-fees.ts). Stripe's invoice object does not show it (neither its example nor the SDK's type
 * has the field since the 2025 API versions), so it is kept beside the invoice, with the other terms.
 */

type InvoiceTerms = { daysUntilDue: number | null; paidOutOfBand: boolean; applicationFeeAmount: number | null };

const COLLECTION_METHODS = ["charge_automatically", "send_invoice"] as const;

export class StripeTestInvoices extends StripeTestFees {
  private readonly invoiceTerms = new Map<string, InvoiceTerms>();
  private invoiceCount = 0;

  createInvoice(input: {
    customer: string;
    currency?: string;
    collectionMethod?: string;
    autoAdvance?: boolean;
    pendingItems?: string;
    description?: string;
    daysUntilDue?: number;
    metadata?: MetadataInput;
    applicationFeeAmount?: number;
  }): TestInvoice {
    const customer = this.get(this.objects.customers, input.customer, "customer");
    this.checkApplicationFeeAmount(input.applicationFeeAmount);
    const method = COLLECTION_METHODS.find((m) => m === (input.collectionMethod ?? "charge_automatically"));
    if (!method) throw invalid(`Invalid collection_method: must be one of ${COLLECTION_METHODS.join(" or ")}`, "collection_method");
    if (method === "send_invoice" && input.daysUntilDue === undefined) {
      throw invalid("Invoices with collection_method=send_invoice need days_until_due.", "days_until_due");
    }
    if (method === "charge_automatically" && input.daysUntilDue !== undefined) {
      throw invalid("days_until_due can only be set when collection_method is send_invoice.", "days_until_due");
    }
    const pendingItems = input.pendingItems ?? "exclude";
    if (pendingItems !== "exclude" && pendingItems !== "include") {
      throw invalid("Invalid pending_invoice_items_behavior: must be one of exclude or include", "pending_invoice_items_behavior");
    }
    const pending = [...this.objects.invoiceItems.values()].filter((i) => i.customer === customer.id && i.invoice === null);
    const currency = input.currency?.toLowerCase() ?? (pendingItems === "include" ? pending[0]?.currency : undefined) ?? "usd";
    const id = newId("in_");
    const invoice: TestInvoice = {
      id,
      object: "invoice",
      created: this.now(),
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
    this.save(this.objects.invoices, invoice);
    this.terms(id).daysUntilDue = input.daysUntilDue ?? null;
    this.terms(id).applicationFeeAmount = input.applicationFeeAmount ?? null;
    if (pendingItems === "include") for (const item of pending.filter((i) => i.currency === currency)) this.addLine(invoice, item);
    this.emit("invoice.created", invoice);
    return invoice;
  }

  /** Metadata and description can change at any time; the fee (a monetary value) only on a draft, as in Stripe. */
  updateInvoice(id: string, input: { description?: string; metadata?: MetadataInput; autoAdvance?: boolean; applicationFeeAmount?: number }): TestInvoice {
    const invoice = this.get(this.objects.invoices, id);
    this.checkApplicationFeeAmount(input.applicationFeeAmount);
    if (input.applicationFeeAmount !== undefined && invoice.status !== "draft") {
      throw invalid(`Invoice ${id} is ${invoice.status}: application_fee_amount can only be changed on a draft invoice.`, "application_fee_amount", "invoice_not_editable");
    }
    const before = structuredClone(invoice);
    if (input.description !== undefined) invoice.description = input.description || null;
    if (input.autoAdvance !== undefined) invoice.auto_advance = input.autoAdvance;
    invoice.metadata = applyMetadata(invoice.metadata, input.metadata);
    if (input.applicationFeeAmount !== undefined) this.terms(id).applicationFeeAmount = input.applicationFeeAmount;
    const previous: Record<string, unknown> = {};
    for (const key of ["description", "auto_advance", "metadata"] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(invoice[key])) previous[key] = before[key];
    }
    this.emit("invoice.updated", invoice, previous);
    return invoice;
  }

  /** The application fee the invoice takes from its payment, if any (0 is none). */
  applicationFeeAmount(invoiceId: string): number | null {
    return this.terms(invoiceId).applicationFeeAmount;
  }

  /**
   * Stripe refuses a fee larger than what the payment charges. Checked where the amount is known: when finalizing
   * (against amount_due) and when paying (against amount_remaining, which credit notes may have lowered since).
   */
  private checkFeeFits(invoice: TestInvoice, amount: number): void {
    const fee = this.terms(invoice.id).applicationFeeAmount ?? 0;
    if (fee > amount) {
      throw invalid(`The application_fee_amount (${fee}) cannot be greater than the amount the invoice charges (${amount}).`, "application_fee_amount");
    }
  }

  createInvoiceItem(input: { customer: string; invoice?: string; amount: number; currency?: string; description?: string; metadata?: MetadataInput }): TestInvoiceItem {
    this.get(this.objects.customers, input.customer, "customer");
    const invoice = input.invoice ? this.get(this.objects.invoices, input.invoice, "invoice") : null;
    if (invoice && invoice.customer !== input.customer) throw invalid(`The invoice ${invoice.id} belongs to another customer.`, "invoice");
    if (invoice && invoice.status !== "draft") throw invalid(`Invoice ${invoice.id} is not a draft: items can only be added to draft invoices.`, "invoice");
    const currency = input.currency?.toLowerCase() ?? invoice?.currency;
    if (!currency) throw invalid("Missing required param: currency.", "currency", "parameter_missing");
    if (invoice && currency !== invoice.currency) throw invalid(`The currency ${currency} does not match the invoice's currency ${invoice.currency}.`, "currency");
    const item: TestInvoiceItem = {
      id: newId("ii_"),
      object: "invoiceitem",
      created: this.now(),
      livemode: false,
      customer: input.customer,
      invoice: null,
      amount: input.amount,
      currency,
      description: input.description ?? null,
      quantity: 1,
      date: this.now(),
      metadata: input.metadata || {},
    };
    this.save(this.objects.invoiceItems, item);
    if (invoice) this.addLine(invoice, item);
    this.emit("invoiceitem.created", item);
    return item;
  }

  private addLine(invoice: TestInvoice, item: TestInvoiceItem): void {
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
    this.recompute(invoice);
  }

  protected recompute(invoice: TestInvoice): void {
    invoice.subtotal = invoice.total = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
    invoice.amount_due = Math.max(0, invoice.total - invoice.pre_payment_credit_notes_amount);
    invoice.amount_remaining = invoice.status === "paid" ? 0 : invoice.amount_due - invoice.amount_paid;
  }

  finalizeInvoice(id: string, input: { autoAdvance?: boolean } = {}): TestInvoice {
    const invoice = this.get(this.objects.invoices, id);
    if (invoice.status !== "draft") throw invalid(`This invoice is already finalized (status ${invoice.status}); only drafts can be finalized.`, "id");
    this.checkFeeFits(invoice, invoice.amount_due);
    const now = this.now();
    const days = this.terms(id).daysUntilDue;
    Object.assign(invoice, {
      status: "open",
      number: this.nextInvoiceNumber(),
      hosted_invoice_url: `${this.opts.baseUrl}/invoice/${id}`,
      invoice_pdf: `${this.opts.baseUrl}/invoice/${id}/pdf`,
      due_date: days === null ? null : now + days * 86400,
      auto_advance: input.autoAdvance ?? invoice.auto_advance,
    });
    invoice.status_transitions.finalized_at = now;
    this.recompute(invoice);
    if (invoice.amount_due > 0) {
      const payment: TestInvoicePayment = {
        id: newId("inpay_"),
        object: "invoice_payment",
        created: now,
        livemode: false,
        invoice: id,
        status: "open",
        amount_paid: null,
        amount_requested: invoice.amount_due,
        currency: invoice.currency,
        is_default: true,
        payment: { type: "payment_intent", payment_intent: this.newPaymentIntent(invoice).id },
        status_transitions: { paid_at: null, canceled_at: null },
      };
      this.save(this.objects.invoicePayments, payment);
    }
    this.emit("invoice.finalized", invoice);
    // Nothing to collect: Stripe marks a zero invoice paid as it finalizes it.
    if (invoice.amount_due === 0) this.settle(invoice, 0);
    return invoice;
  }

  /** The payment intent Stripe makes for an invoice's payment as it finalizes it, with the invoice's fee. */
  private newPaymentIntent(invoice: TestInvoice): TestPaymentIntent {
    const fee = this.terms(invoice.id).applicationFeeAmount;
    const intent: TestPaymentIntent = {
      id: newId("pi_"),
      object: "payment_intent",
      created: this.now(),
      livemode: false,
      amount: invoice.amount_due,
      amount_capturable: 0,
      amount_received: 0,
      application_fee_amount: fee ? fee : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic",
      confirmation_method: "automatic",
      currency: invoice.currency,
      customer: invoice.customer,
      description: invoice.description,
      latest_charge: null,
      payment_method: null,
      payment_method_types: ["card"],
      status: "requires_payment_method",
      metadata: {},
    };
    this.save(this.objects.paymentIntents, intent);
    this.emit("payment_intent.created", intent);
    return intent;
  }

  /** An invoice payment that will not be made (void, paid out of band, credited to nothing), and its payment intent. */
  protected cancelPayment(payment: TestInvoicePayment | undefined): void {
    if (!payment) return;
    Object.assign(payment, { status: "canceled", status_transitions: { paid_at: null, canceled_at: this.now() } });
    const intent = this.objects.paymentIntents.get(payment.payment.payment_intent);
    if (!intent) return;
    Object.assign(intent, { status: "canceled", canceled_at: this.now(), cancellation_reason: "void_invoice" });
    this.emit("payment_intent.canceled", intent);
  }

  protected settle(invoice: TestInvoice, amountPaid: number): void {
    invoice.status = "paid";
    invoice.amount_paid += amountPaid;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = this.now();
    this.emit("invoice.paid", invoice);
  }

  protected openPayment(invoiceId: string): TestInvoicePayment | undefined {
    return [...this.objects.invoicePayments.values()].find((p) => p.invoice === invoiceId && p.status === "open");
  }

  payInvoice(id: string, input: { paymentMethod?: string; paidOutOfBand?: boolean } = {}): TestInvoice {
    const invoice = this.get(this.objects.invoices, id);
    if (invoice.status === "paid") throw invalid("Invoice is already paid");
    if (invoice.status === "void") throw invalid("This invoice is void and cannot be paid.");
    const customer = this.get(this.objects.customers, invoice.customer, "customer");
    const chosen = input.paymentMethod ? this.get(this.objects.paymentMethods, input.paymentMethod, "payment_method") : null;
    if (chosen && chosen.customer !== customer.id) throw invalid(`The payment method ${chosen.id} is not attached to this invoice's customer.`, "payment_method");
    if (!input.paidOutOfBand) this.checkFeeFits(invoice, invoice.amount_remaining);
    // Paying a draft finalizes it first, as Stripe does; from here on the request has changed state.
    if (invoice.status === "draft") {
      const finalized = this.finalizeInvoice(id);
      if (finalized.status === "paid") return finalized;
    }
    const payment = this.openPayment(id);
    if (input.paidOutOfBand) {
      this.terms(id).paidOutOfBand = true;
      this.cancelPayment(payment);
      this.settle(invoice, invoice.amount_remaining);
      return invoice;
    }
    const pmId = chosen?.id ?? customer.invoice_settings.default_payment_method;
    if (!pmId || this.declines(pmId)) {
      invoice.attempted = true;
      invoice.attempt_count += 1;
      this.emit("invoice.payment_failed", invoice);
      if (!pmId) throw new StripeTestApiError(400, { type: "invalid_request_error", message: "This customer has no attached payment source or default payment method." }, true);
      throw new StripeTestApiError(402, { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." }, true);
    }
    const paymentIntent = payment?.payment.payment_intent ?? newId("pi_");
    const amount = invoice.amount_remaining;
    const charge: TestCharge = {
      id: newId("ch_"),
      object: "charge",
      created: this.now(),
      livemode: false,
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      currency: invoice.currency,
      customer: customer.id,
      payment_intent: paymentIntent,
      payment_method: pmId,
      paid: true,
      captured: true,
      refunded: false,
      status: "succeeded",
      description: invoice.description,
      metadata: {},
      application_fee: null,
      application_fee_amount: null,
    };
    this.save(this.objects.charges, charge);
    const fee = this.terms(id).applicationFeeAmount ?? 0;
    if (fee > 0) this.takeApplicationFee(charge, fee);
    if (payment) Object.assign(payment, { status: "paid", amount_paid: amount, status_transitions: { paid_at: this.now(), canceled_at: null } });
    const intent = this.objects.paymentIntents.get(paymentIntent);
    if (intent) Object.assign(intent, { amount, amount_received: amount, status: "succeeded", latest_charge: charge.id, payment_method: pmId });
    invoice.attempted = true;
    invoice.attempt_count += 1;
    this.emit("charge.succeeded", charge);
    if (intent) this.emit("payment_intent.succeeded", intent);
    this.settle(invoice, amount);
    this.emit("invoice.payment_succeeded", invoice);
    return invoice;
  }

  /** The hosted invoice page's "Pay": the customer enters a working card, which becomes their default, and pays. */
  payInvoiceWithNewCard(id: string): TestInvoice {
    const invoice = this.get(this.objects.invoices, id);
    if (invoice.status !== "open") throw invalid(`This invoice is ${invoice.status} and cannot be paid.`);
    this.addCard(invoice.customer);
    return this.payInvoice(id);
  }

  voidInvoice(id: string): TestInvoice {
    const invoice = this.get(this.objects.invoices, id);
    if (invoice.status !== "open") throw invalid(`You can only void open invoices; this one is ${invoice.status}.`, "id");
    invoice.status = "void";
    invoice.status_transitions.voided_at = this.now();
    const payment = this.openPayment(id);
    this.cancelPayment(payment);
    this.emit("invoice.voided", invoice);
    return invoice;
  }

  /**
   * Kept beside each invoice: its days until due, for finalizing, whether it was paid outside Stripe, for credit
   * notes, and its application fee, for paying.
   */
  protected terms(invoiceId: string): InvoiceTerms {
    let terms = this.invoiceTerms.get(invoiceId);
    if (!terms) this.invoiceTerms.set(invoiceId, (terms = { daysUntilDue: null, paidOutOfBand: false, applicationFeeAmount: null }));
    return terms;
  }

  private nextInvoiceNumber(): string {
    this.invoiceCount += 1;
    return `TEST-${String(this.invoiceCount).padStart(4, "0")}`;
  }
}
