import { invalid, newId, type MetadataInput } from "./stripe-test-common";
import { StripeTestInvoices } from "./stripe-test-invoices";
import type { TestCharge, TestCreditNote, TestCreditNoteLine, TestInvoice, TestRefund } from "./stripe-test-objects";

/**
 * Credit notes and refunds: a credit note reduces what an open invoice asks for, or refunds what a paid one charged;
 * a refund can also be made alone, as in the Dashboard. This is the last layer, so its class is the server's state.
 */

export type CreditNoteLineInput = { type: string; description?: string; quantity?: number; unitAmount?: number; amount?: number; invoiceLineItem?: string };

const CREDIT_NOTE_REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"];

/** All the Stripe test server's objects and rules: store, customers, invoices, and here credit notes and refunds. */
export class StripeTestState extends StripeTestInvoices {
  createCreditNote(input: {
    invoice: string;
    lines?: CreditNoteLineInput[];
    amount?: number;
    refundAmount?: number;
    creditAmount?: number;
    outOfBandAmount?: number;
    reason?: string;
    memo?: string;
    metadata?: MetadataInput;
  }): TestCreditNote {
    const invoice = this.get(this.objects.invoices, input.invoice, "invoice");
    if (invoice.status !== "open" && invoice.status !== "paid") {
      throw invalid(`Invoice ${invoice.id} is ${invoice.status}: credit notes can only be issued for open or paid invoices.`, "invoice");
    }
    if (input.reason !== undefined && !CREDIT_NOTE_REASONS.includes(input.reason)) {
      throw invalid(`Invalid reason: must be one of ${CREDIT_NOTE_REASONS.join(", ")}`, "reason");
    }
    if (input.lines && input.amount !== undefined) throw invalid("You may only specify one of these parameters: amount, lines.", "amount");
    const lines = (input.lines ?? []).map((line, i) => this.creditLine(invoice, line, i));
    const total = input.lines ? lines.reduce((sum, line) => sum + line.amount, 0) : input.amount;
    if (total === undefined) throw invalid("You must pass either amount or lines.", "lines");
    const credited = [...this.objects.creditNotes.values()].filter((n) => n.invoice === invoice.id).reduce((sum, n) => sum + n.total, 0);
    if (total <= 0) throw invalid("The credit note total must be greater than 0.", "amount");
    const outOfBandPaid = this.terms(invoice.id).paidOutOfBand;
    const charge = invoice.status === "paid" && !outOfBandPaid ? this.chargeOf(invoice) : null;
    // As Stripe does, refunds made outside credit notes (in the Dashboard) lower what can still be credited.
    const creditable = Math.min(invoice.total - credited, charge ? charge.amount - charge.amount_refunded : Infinity);
    if (total > creditable) {
      throw invalid(`The credit note total (${total}) exceeds the amount that can still be credited on invoice ${invoice.id} (${creditable}).`, "amount");
    }
    const refundAmount = input.refundAmount ?? 0;
    const outOfBand = input.outOfBandAmount ?? 0;
    if (input.creditAmount) throw invalid("This test server does not keep customer balances: credit_amount is not supported.", "credit_amount");
    const paid = invoice.status === "paid";
    if (!paid && (refundAmount || outOfBand)) {
      throw invalid("An open invoice has nothing paid to refund: leave out refund_amount and out_of_band_amount.", refundAmount ? "refund_amount" : "out_of_band_amount");
    }
    // Kept strict: a credit note on a paid invoice refunds all of it (to the card, or outside Stripe if paid that way).
    if (paid && outOfBandPaid && (outOfBand !== total || refundAmount)) {
      throw invalid(`Invoice ${invoice.id} was paid outside Stripe: out_of_band_amount must equal the credit note total (${total}).`, "out_of_band_amount");
    }
    if (paid && !outOfBandPaid && (refundAmount !== total || outOfBand)) {
      throw invalid(`refund_amount must equal the credit note total (${total}) on a paid invoice.`, "refund_amount");
    }
    const id = newId("cn_");
    const note: TestCreditNote = {
      id,
      object: "credit_note",
      created: this.now(),
      livemode: false,
      invoice: invoice.id,
      customer: invoice.customer,
      currency: invoice.currency,
      number: `${invoice.number ?? invoice.id}-CN-${String([...this.objects.creditNotes.values()].filter((n) => n.invoice === invoice.id).length + 1).padStart(2, "0")}`,
      type: paid ? "post_payment" : "pre_payment",
      status: "issued",
      amount: total,
      subtotal: total,
      total,
      pre_payment_amount: paid ? 0 : total,
      post_payment_amount: paid ? total : 0,
      out_of_band_amount: input.outOfBandAmount ?? null,
      refunds: [],
      lines: { object: "list", data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
      reason: input.reason ?? null,
      memo: input.memo ?? null,
      effective_at: this.now(),
      voided_at: null,
      metadata: input.metadata || {},
    };
    if (charge) {
      const refund = this.refundCharge(charge.id, total);
      note.refunds.push({ amount_refunded: total, refund: refund.id, type: "refund", payment_record_refund: null });
    }
    this.save(this.objects.creditNotes, note);
    this.emit("credit_note.created", note);
    if (paid) {
      invoice.post_payment_credit_notes_amount += total;
    } else {
      invoice.pre_payment_credit_notes_amount += total;
      this.recompute(invoice);
    }
    this.emit("invoice.updated", invoice);
    // An open invoice credited down to nothing has nothing left to collect: Stripe marks it paid.
    if (!paid && invoice.amount_remaining === 0) {
      const payment = this.openPayment(invoice.id);
      if (payment) Object.assign(payment, { status: "canceled", status_transitions: { paid_at: null, canceled_at: this.now() } });
      this.settle(invoice, 0);
    }
    return note;
  }

  /**
   * Refunds `amount` (default: all that is left) of a charge, as a credit note or the Dashboard does, and emits
   * charge.refunded. Refunding more than is left is refused, as Stripe refuses it.
   */
  refundCharge(chargeId: string, amount?: number): TestRefund {
    const charge = this.get(this.objects.charges, chargeId, "charge");
    const left = charge.amount - charge.amount_refunded;
    if (left === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
    const value = amount ?? left;
    if (!Number.isInteger(value) || value <= 0) throw invalid("Refund amount must be a positive integer.", "amount");
    if (value > left) throw invalid(`Refund amount (${value}) is greater than unrefunded amount on charge (${left})`, "amount");
    const refund: TestRefund = {
      id: newId("re_"),
      object: "refund",
      created: this.now(),
      amount: value,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      currency: charge.currency,
      status: "succeeded",
      reason: null,
      metadata: {},
    };
    this.save(this.objects.refunds, refund);
    const previous: Record<string, unknown> = { amount_refunded: charge.amount_refunded };
    charge.amount_refunded += value;
    if (charge.amount_refunded === charge.amount) {
      previous.refunded = charge.refunded;
      charge.refunded = true;
    }
    this.emit("charge.refunded", charge, previous);
    return refund;
  }

  private creditLine(invoice: TestInvoice, line: CreditNoteLineInput, i: number): TestCreditNoteLine {
    const base = { id: newId("cnli_"), object: "credit_note_line_item" as const, livemode: false as const };
    if (line.type === "custom_line_item") {
      if (line.unitAmount === undefined) throw invalid(`Missing required param: lines[${i}][unit_amount].`, `lines[${i}][unit_amount]`, "parameter_missing");
      if (!line.description) throw invalid(`Missing required param: lines[${i}][description].`, `lines[${i}][description]`, "parameter_missing");
      const quantity = line.quantity ?? 1;
      return { ...base, type: "custom_line_item", amount: quantity * line.unitAmount, description: line.description, quantity, unit_amount: line.unitAmount, invoice_line_item: null };
    }
    if (line.type === "invoice_line_item") {
      const target = invoice.lines.data.find((l) => l.id === line.invoiceLineItem);
      if (!target) throw invalid(`No such line item on invoice ${invoice.id}: '${line.invoiceLineItem ?? ""}'`, `lines[${i}][invoice_line_item]`);
      const amount = line.amount ?? target.amount;
      return { ...base, type: "invoice_line_item", amount, description: target.description, quantity: null, unit_amount: null, invoice_line_item: target.id };
    }
    throw invalid(`Invalid lines[${i}][type]: must be one of custom_line_item or invoice_line_item`, `lines[${i}][type]`);
  }

  private chargeOf(invoice: TestInvoice): TestCharge {
    const payment = [...this.objects.invoicePayments.values()].find((p) => p.invoice === invoice.id && p.status === "paid");
    const charge = [...this.objects.charges.values()].find((c) => c.payment_intent === payment?.payment.payment_intent);
    if (!charge) throw invalid(`Invoice ${invoice.id} has no charge to refund.`, "refund_amount");
    return charge;
  }
}
