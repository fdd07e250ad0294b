import { invalid, newId, StripeTestApiError } from "../stripe-test-common";
import type { TestCharge, TestInvoice, TestInvoicePayment, TestPaymentIntent } from "../stripe-test-objects";
import { bool, str } from "../stripe-test-params";
import { perStore, type StripeTestStore } from "../stripe-test-store";
import { takeApplicationFee } from "./application-fees";
import { addCard, declines } from "./customers";
import { recompute, terms } from "./invoices";
import type { Route } from "./route";

/**
 * What collects an invoice: finalizing opens it (or settles a zero) and makes its invoice payment and payment
 * intent, paying charges the chosen or default card (the charge, and on a connected account the platform's fee),
 * and an open invoice can be voided. The drafts themselves are invoices.ts.
 */

/** Invoice numbers run per server: TEST-0001, TEST-0002, … */
const invoiceCount = perStore(() => ({ value: 0 }));

/**
 * Stripe refuses a fee larger than what the payment charges. Checked where the amount is known: when finalizing
 * (against amount_due) and when paying (against amount_remaining, which credit notes may have lowered since).
 */
function checkFeeFits(s: StripeTestStore, invoice: TestInvoice, amount: number): void {
  const fee = terms(s, invoice.id).applicationFeeAmount ?? 0;
  if (fee > amount) {
    throw invalid(
      `The application_fee_amount (${fee}) cannot be greater than the amount the invoice charges (${amount}).`,
      "application_fee_amount",
    );
  }
}

export function finalizeInvoice(s: StripeTestStore, id: string, input: { autoAdvance?: boolean } = {}): TestInvoice {
  const invoice = s.get(s.objects.invoices, id);
  if (invoice.status !== "draft")
    throw invalid(`This invoice is already finalized (status ${invoice.status}); only drafts can be finalized.`, "id");
  checkFeeFits(s, invoice, invoice.amount_due);
  const now = s.now();
  const days = terms(s, id).daysUntilDue;
  Object.assign(invoice, {
    status: "open",
    number: nextInvoiceNumber(s),
    hosted_invoice_url: `${s.baseUrl}/invoice/${id}`,
    invoice_pdf: `${s.baseUrl}/invoice/${id}/pdf`,
    due_date: days === null ? null : now + days * 86400,
    auto_advance: input.autoAdvance ?? invoice.auto_advance,
  });
  invoice.status_transitions.finalized_at = now;
  recompute(s, invoice);
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
      payment: { type: "payment_intent", payment_intent: newPaymentIntent(s, invoice).id },
      status_transitions: { paid_at: null, canceled_at: null },
    };
    s.save(s.objects.invoicePayments, payment);
  }
  s.emit("invoice.finalized", invoice);
  // Nothing to collect: Stripe marks a zero invoice paid as it finalizes it.
  if (invoice.amount_due === 0) settle(s, invoice, 0);
  return invoice;
}

/** The payment intent Stripe makes for an invoice's payment as it finalizes it, with the invoice's fee. */
function newPaymentIntent(s: StripeTestStore, invoice: TestInvoice): TestPaymentIntent {
  const fee = terms(s, invoice.id).applicationFeeAmount;
  const intent: TestPaymentIntent = {
    id: newId("pi_"),
    object: "payment_intent",
    created: s.now(),
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
  s.save(s.objects.paymentIntents, intent);
  s.emit("payment_intent.created", intent);
  return intent;
}

/** An invoice payment that will not be made (void, paid out of band, credited to nothing), and its payment intent. */
export function cancelPayment(s: StripeTestStore, payment: TestInvoicePayment | undefined): void {
  if (!payment) return;
  Object.assign(payment, { status: "canceled", status_transitions: { paid_at: null, canceled_at: s.now() } });
  const intent = s.objects.paymentIntents.get(payment.payment.payment_intent);
  if (!intent) return;
  Object.assign(intent, { status: "canceled", canceled_at: s.now(), cancellation_reason: "void_invoice" });
  s.emit("payment_intent.canceled", intent);
}

export function settle(s: StripeTestStore, invoice: TestInvoice, amountPaid: number): void {
  invoice.status = "paid";
  invoice.amount_paid += amountPaid;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = s.now();
  s.emit("invoice.paid", invoice);
}

export function openPayment(s: StripeTestStore, invoiceId: string): TestInvoicePayment | undefined {
  return [...s.objects.invoicePayments.values()].find((p) => p.invoice === invoiceId && p.status === "open");
}

export function payInvoice(
  s: StripeTestStore,
  id: string,
  input: { paymentMethod?: string; paidOutOfBand?: boolean } = {},
): TestInvoice {
  const invoice = s.get(s.objects.invoices, id);
  if (invoice.status === "paid") throw invalid("Invoice is already paid");
  if (invoice.status === "void") throw invalid("This invoice is void and cannot be paid.");
  const customer = s.get(s.objects.customers, invoice.customer, "customer");
  const chosen = input.paymentMethod ? s.get(s.objects.paymentMethods, input.paymentMethod, "payment_method") : null;
  if (chosen && chosen.customer !== customer.id)
    throw invalid(`The payment method ${chosen.id} is not attached to this invoice's customer.`, "payment_method");
  if (!input.paidOutOfBand) checkFeeFits(s, invoice, invoice.amount_remaining);
  // Paying a draft finalizes it first, as Stripe does; from here on the request has changed state.
  if (invoice.status === "draft") {
    const finalized = finalizeInvoice(s, id);
    if (finalized.status === "paid") return finalized;
  }
  const payment = openPayment(s, id);
  if (input.paidOutOfBand) {
    terms(s, id).paidOutOfBand = true;
    cancelPayment(s, payment);
    settle(s, invoice, invoice.amount_remaining);
    return invoice;
  }
  const pmId = chosen?.id ?? customer.invoice_settings.default_payment_method;
  if (!pmId || declines(s, pmId)) {
    invoice.attempted = true;
    invoice.attempt_count += 1;
    s.emit("invoice.payment_failed", invoice);
    if (!pmId)
      throw new StripeTestApiError(
        400,
        {
          type: "invalid_request_error",
          message: "This customer has no attached payment source or default payment method.",
        },
        true,
      );
    throw new StripeTestApiError(
      402,
      {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
      },
      true,
    );
  }
  const paymentIntent = payment?.payment.payment_intent ?? newId("pi_");
  const amount = invoice.amount_remaining;
  const charge: TestCharge = {
    id: newId("ch_"),
    object: "charge",
    created: s.now(),
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
  s.save(s.objects.charges, charge);
  const fee = terms(s, id).applicationFeeAmount ?? 0;
  if (fee > 0) takeApplicationFee(s, charge, fee);
  if (payment)
    Object.assign(payment, {
      status: "paid",
      amount_paid: amount,
      status_transitions: { paid_at: s.now(), canceled_at: null },
    });
  const intent = s.objects.paymentIntents.get(paymentIntent);
  if (intent)
    Object.assign(intent, {
      amount,
      amount_received: amount,
      status: "succeeded",
      latest_charge: charge.id,
      payment_method: pmId,
    });
  invoice.attempted = true;
  invoice.attempt_count += 1;
  s.emit("charge.succeeded", charge);
  if (intent) s.emit("payment_intent.succeeded", intent);
  settle(s, invoice, amount);
  s.emit("invoice.payment_succeeded", invoice);
  return invoice;
}

/** The hosted invoice page's "Pay": the customer enters a working card, which becomes their default, and pays. */
export function payInvoiceWithNewCard(s: StripeTestStore, id: string): TestInvoice {
  const invoice = s.get(s.objects.invoices, id);
  if (invoice.status !== "open") throw invalid(`This invoice is ${invoice.status} and cannot be paid.`);
  addCard(s, invoice.customer);
  return payInvoice(s, id);
}

export function voidInvoice(s: StripeTestStore, id: string): TestInvoice {
  const invoice = s.get(s.objects.invoices, id);
  if (invoice.status !== "open") throw invalid(`You can only void open invoices; this one is ${invoice.status}.`, "id");
  invoice.status = "void";
  invoice.status_transitions.voided_at = s.now();
  const payment = openPayment(s, id);
  cancelPayment(s, payment);
  s.emit("invoice.voided", invoice);
  return invoice;
}

function nextInvoiceNumber(s: StripeTestStore): string {
  const count = invoiceCount(s);
  count.value += 1;
  return `TEST-${String(count.value).padStart(4, "0")}`;
}

export const invoicePaymentRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)\/finalize$/,
    params: ["auto_advance"],
    handler: (s, p, id) => finalizeInvoice(s, id, { autoAdvance: bool(p, "auto_advance") }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)\/pay$/,
    params: ["payment_method", "paid_out_of_band", "off_session"],
    handler: (s, p, id) => {
      bool(p, "off_session"); // always off-session here: there is no customer present to authenticate
      return payInvoice(s, id, { paymentMethod: str(p, "payment_method"), paidOutOfBand: bool(p, "paid_out_of_band") });
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/invoices\/([^/]+)\/void$/,
    params: [],
    handler: (s, _p, id) => voidInvoice(s, id),
  },
];
