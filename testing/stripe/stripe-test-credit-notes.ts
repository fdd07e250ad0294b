import { invalid, newId, type MetadataInput } from "./stripe-test-common";
import { StripeTestRefunds } from "./stripe-test-refunds";
import type { TestCharge, TestCreditNote, TestCreditNoteLine, TestInvoice } from "./stripe-test-objects";

/**
 * Credit notes: a credit note reduces what an open invoice asks for, or refunds what a paid one charged (refunds
 * themselves are stripe-test-refunds.ts). This is the last layer, so its class is the server's state.
 *
 * A credit note on a paid invoice gives the money back by refunds: a new one (`refund_amount`), or refunds already
 * made of the invoice's charge, linked with `refunds[]` (say, one made with `refund_application_fee`, which a credit
 * note cannot ask for). Either way the note's `refunds` lists each with the part of it that the note covers.
 */

export type CreditNoteLineInput = { type: string; description?: string; quantity?: number; unitAmount?: number; amount?: number; invoiceLineItem?: string };
export type CreditNoteRefundInput = { refund: string; amountRefunded?: number };
type CreditNoteRefund = TestCreditNote["refunds"][number];

const CREDIT_NOTE_REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"];

/** All the Stripe test server's objects and rules: store, Connect, customers, fees, invoices, refunds, and here credit notes. */
export class StripeTestState extends StripeTestRefunds {
  createCreditNote(input: {
    invoice: string;
    lines?: CreditNoteLineInput[];
    amount?: number;
    refundAmount?: number;
    refunds?: CreditNoteRefundInput[];
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
    const linked = (input.refunds ?? []).map((r, i) => this.linkedRefund(invoice, charge, r, i));
    const linkedAmount = linked.reduce((sum, r) => sum + r.amount_refunded, 0);
    // As Stripe does, refunds made outside credit notes (in the Dashboard, or by the API) lower what can still be
    // credited, except those this note links, which it now accounts for.
    const creditable = Math.min(invoice.total - credited, charge ? charge.amount - charge.amount_refunded + linkedAmount : Infinity);
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
    if (paid && !outOfBandPaid && (refundAmount + linkedAmount !== total || outOfBand)) {
      const what = linked.length ? `refund_amount plus the linked refunds' amount_refunded (${linkedAmount})` : "refund_amount";
      throw invalid(`${what} must equal the credit note total (${total}) on a paid invoice.`, "refund_amount");
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
    note.refunds.push(...linked);
    if (charge && refundAmount > 0) {
      const refund = this.refundCharge(charge.id, refundAmount);
      note.refunds.push({ amount_refunded: refundAmount, refund: refund.id, type: "refund", payment_record_refund: null });
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
      this.cancelPayment(payment);
      this.settle(invoice, 0);
    }
    return note;
  }

  /**
   * An existing refund a credit note links (`refunds[i]`): it must be a refund of this invoice's charge, made on the
   * same account, with `amount_refunded` (default: all of it) not covered by other credit notes.
   */
  private linkedRefund(invoice: TestInvoice, charge: TestCharge | null, input: CreditNoteRefundInput, i: number): CreditNoteRefund {
    const refund = this.objects.refunds.get(input.refund);
    if (!refund || this.ownerOf(refund.id) !== this.actingAccount || !charge || refund.charge !== charge.id) {
      throw invalid(`The refund '${input.refund}' is not a refund of the charge that paid invoice ${invoice.id}.`, "refunds");
    }
    const covered = [...this.objects.creditNotes.values()].flatMap((n) => n.refunds).filter((r) => r.refund === refund.id).reduce((sum, r) => sum + r.amount_refunded, 0);
    const amount = input.amountRefunded ?? refund.amount; // Stripe's default: the entire refund
    if (amount <= 0 || amount > refund.amount - covered) {
      throw invalid(`refunds[${i}][amount_refunded] (${amount}) must be positive and at most what other credit notes leave of refund ${refund.id} (${refund.amount - covered}).`, "refunds");
    }
    return { amount_refunded: amount, refund: refund.id, type: "refund", payment_record_refund: null };
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
