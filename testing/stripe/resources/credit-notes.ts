import { invalid, newId, type MetadataInput } from "../stripe-test-common";
import type { TestCharge, TestCreditNote, TestCreditNoteLine, TestInvoice } from "../stripe-test-objects";
import { int, metadata, missing, page, PAGE_PARAMS, required, str, unknown, type Params } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";
import { refundCharge } from "./charges";
import { cancelPayment, openPayment, settle } from "./invoice-payments";
import { recompute, terms } from "./invoices";
import { is, type Route } from "./route";

/**
 * Credit notes: a credit note reduces what an open invoice asks for, or refunds what a paid one charged (refunds
 * themselves are charges.ts).
 *
 * A credit note on a paid invoice gives the money back by refunds: a new one (`refund_amount`), or refunds already
 * made of the invoice's charge, linked with `refunds[]` (say, one made with `refund_application_fee`, which a credit
 * note cannot ask for). Either way the note's `refunds` lists each with the part of it that the note covers.
 */

export type CreditNoteLineInput = {
  type: string;
  description?: string;
  quantity?: number;
  unitAmount?: number;
  amount?: number;
  invoiceLineItem?: string;
};
export type CreditNoteRefundInput = { refund: string; amountRefunded?: number };
type CreditNoteRefund = TestCreditNote["refunds"][number];

const CREDIT_NOTE_REASONS = ["duplicate", "fraudulent", "order_change", "product_unsatisfactory"];

export function createCreditNote(
  s: StripeTestStore,
  input: {
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
  },
): TestCreditNote {
  const invoice = s.get(s.objects.invoices, input.invoice, "invoice");
  if (invoice.status !== "open" && invoice.status !== "paid") {
    throw invalid(
      `Invoice ${invoice.id} is ${invoice.status}: credit notes can only be issued for open or paid invoices.`,
      "invoice",
    );
  }
  if (input.reason !== undefined && !CREDIT_NOTE_REASONS.includes(input.reason)) {
    throw invalid(`Invalid reason: must be one of ${CREDIT_NOTE_REASONS.join(", ")}`, "reason");
  }
  if (input.lines && input.amount !== undefined)
    throw invalid("You may only specify one of these parameters: amount, lines.", "amount");
  const lines = (input.lines ?? []).map((line, i) => creditLine(s, invoice, line, i));
  const total = input.lines ? lines.reduce((sum, line) => sum + line.amount, 0) : input.amount;
  if (total === undefined) throw invalid("You must pass either amount or lines.", "lines");
  const credited = [...s.objects.creditNotes.values()]
    .filter((n) => n.invoice === invoice.id)
    .reduce((sum, n) => sum + n.total, 0);
  if (total <= 0) throw invalid("The credit note total must be greater than 0.", "amount");
  const outOfBandPaid = terms(s, invoice.id).paidOutOfBand;
  const charge = invoice.status === "paid" && !outOfBandPaid ? chargeOf(s, invoice) : null;
  const linked = (input.refunds ?? []).map((r, i) => linkedRefund(s, invoice, charge, r, i));
  const linkedAmount = linked.reduce((sum, r) => sum + r.amount_refunded, 0);
  // As Stripe does, refunds made outside credit notes (in the Dashboard, or by the API) lower what can still be
  // credited, except those this note links, which it now accounts for.
  const creditable = Math.min(
    invoice.total - credited,
    charge ? charge.amount - charge.amount_refunded + linkedAmount : Infinity,
  );
  if (total > creditable) {
    throw invalid(
      `The credit note total (${total}) exceeds the amount that can still be credited on invoice ${invoice.id} (${creditable}).`,
      "amount",
    );
  }
  const refundAmount = input.refundAmount ?? 0;
  const outOfBand = input.outOfBandAmount ?? 0;
  if (input.creditAmount)
    throw invalid("This test server does not keep customer balances: credit_amount is not supported.", "credit_amount");
  const paid = invoice.status === "paid";
  if (!paid && (refundAmount || outOfBand)) {
    throw invalid(
      "An open invoice has nothing paid to refund: leave out refund_amount and out_of_band_amount.",
      refundAmount ? "refund_amount" : "out_of_band_amount",
    );
  }
  // Kept strict: a credit note on a paid invoice refunds all of it (to the card, or outside Stripe if paid that way).
  if (paid && outOfBandPaid && (outOfBand !== total || refundAmount)) {
    throw invalid(
      `Invoice ${invoice.id} was paid outside Stripe: out_of_band_amount must equal the credit note total (${total}).`,
      "out_of_band_amount",
    );
  }
  if (paid && !outOfBandPaid && (refundAmount + linkedAmount !== total || outOfBand)) {
    const what = linked.length
      ? `refund_amount plus the linked refunds' amount_refunded (${linkedAmount})`
      : "refund_amount";
    throw invalid(`${what} must equal the credit note total (${total}) on a paid invoice.`, "refund_amount");
  }
  const id = newId("cn_");
  const note: TestCreditNote = {
    id,
    object: "credit_note",
    created: s.now(),
    livemode: false,
    invoice: invoice.id,
    customer: invoice.customer,
    currency: invoice.currency,
    number: `${invoice.number ?? invoice.id}-CN-${String([...s.objects.creditNotes.values()].filter((n) => n.invoice === invoice.id).length + 1).padStart(2, "0")}`,
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
    effective_at: s.now(),
    voided_at: null,
    metadata: input.metadata || {},
  };
  note.refunds.push(...linked);
  if (charge && refundAmount > 0) {
    const refund = refundCharge(s, charge.id, refundAmount);
    note.refunds.push({
      amount_refunded: refundAmount,
      refund: refund.id,
      type: "refund",
      payment_record_refund: null,
    });
  }
  s.save(s.objects.creditNotes, note);
  s.emit("credit_note.created", note);
  if (paid) {
    invoice.post_payment_credit_notes_amount += total;
  } else {
    invoice.pre_payment_credit_notes_amount += total;
    recompute(s, invoice);
  }
  s.emit("invoice.updated", invoice);
  // An open invoice credited down to nothing has nothing left to collect: Stripe marks it paid.
  if (!paid && invoice.amount_remaining === 0) {
    const payment = openPayment(s, invoice.id);
    cancelPayment(s, payment);
    settle(s, invoice, 0);
  }
  return note;
}

/**
 * An existing refund a credit note links (`refunds[i]`): it must be a refund of this invoice's charge, made on the
 * same account, with `amount_refunded` (default: all of it) not covered by other credit notes.
 */
function linkedRefund(
  s: StripeTestStore,
  invoice: TestInvoice,
  charge: TestCharge | null,
  input: CreditNoteRefundInput,
  i: number,
): CreditNoteRefund {
  const refund = s.objects.refunds.get(input.refund);
  if (!refund || s.ownerOf(refund.id) !== s.actingAccount || !charge || refund.charge !== charge.id) {
    throw invalid(
      `The refund '${input.refund}' is not a refund of the charge that paid invoice ${invoice.id}.`,
      "refunds",
    );
  }
  const covered = [...s.objects.creditNotes.values()]
    .flatMap((n) => n.refunds)
    .filter((r) => r.refund === refund.id)
    .reduce((sum, r) => sum + r.amount_refunded, 0);
  const amount = input.amountRefunded ?? refund.amount; // Stripe's default: the entire refund
  if (amount <= 0 || amount > refund.amount - covered) {
    throw invalid(
      `refunds[${i}][amount_refunded] (${amount}) must be positive and at most what other credit notes leave of refund ${refund.id} (${refund.amount - covered}).`,
      "refunds",
    );
  }
  return { amount_refunded: amount, refund: refund.id, type: "refund", payment_record_refund: null };
}

function creditLine(
  s: StripeTestStore,
  invoice: TestInvoice,
  line: CreditNoteLineInput,
  i: number,
): TestCreditNoteLine {
  const base = { id: newId("cnli_"), object: "credit_note_line_item" as const, livemode: false as const };
  if (line.type === "custom_line_item") {
    if (line.unitAmount === undefined)
      throw invalid(
        `Missing required param: lines[${i}][unit_amount].`,
        `lines[${i}][unit_amount]`,
        "parameter_missing",
      );
    if (!line.description)
      throw invalid(
        `Missing required param: lines[${i}][description].`,
        `lines[${i}][description]`,
        "parameter_missing",
      );
    const quantity = line.quantity ?? 1;
    return {
      ...base,
      type: "custom_line_item",
      amount: quantity * line.unitAmount,
      description: line.description,
      quantity,
      unit_amount: line.unitAmount,
      invoice_line_item: null,
    };
  }
  if (line.type === "invoice_line_item") {
    const target = invoice.lines.data.find((l) => l.id === line.invoiceLineItem);
    if (!target)
      throw invalid(
        `No such line item on invoice ${invoice.id}: '${line.invoiceLineItem ?? ""}'`,
        `lines[${i}][invoice_line_item]`,
      );
    const amount = line.amount ?? target.amount;
    return {
      ...base,
      type: "invoice_line_item",
      amount,
      description: target.description,
      quantity: null,
      unit_amount: null,
      invoice_line_item: target.id,
    };
  }
  throw invalid(`Invalid lines[${i}][type]: must be one of custom_line_item or invoice_line_item`, `lines[${i}][type]`);
}

function chargeOf(s: StripeTestStore, invoice: TestInvoice): TestCharge {
  const payment = [...s.objects.invoicePayments.values()].find((p) => p.invoice === invoice.id && p.status === "paid");
  const charge = [...s.objects.charges.values()].find((c) => c.payment_intent === payment?.payment.payment_intent);
  if (!charge) throw invalid(`Invoice ${invoice.id} has no charge to refund.`, "refund_amount");
  return charge;
}

// The parameters only credit notes take: `lines[i][...]` and `refunds[i][...]`.

function creditLines(p: Params): CreditNoteLineInput[] | undefined {
  const v = p.lines;
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid("Invalid array: lines", "lines");
  return v.map((raw, i) => {
    const at = (name: string) => `lines[${i}][${name}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw invalid(`Invalid object: lines[${i}]`, `lines[${i}]`);
    const line = raw as Params;
    for (const key of Object.keys(line)) if (!CREDIT_LINE_PARAMS.includes(key)) throw unknown(at(key));
    // Read each field with its full name, so an error names `lines[0][unit_amount]` as Stripe does.
    const read = <T>(fn: (q: Params, n: string) => T, name: string): T => fn({ [at(name)]: line[name] }, at(name));
    const type = read(str, "type");
    if (!type) throw missing(at("type"));
    return {
      type,
      description: read(str, "description"),
      quantity: read(int, "quantity"),
      unitAmount: read(int, "unit_amount"),
      amount: read(int, "amount"),
      invoiceLineItem: read(str, "invoice_line_item"),
    };
  });
}
const CREDIT_LINE_PARAMS = [
  "type",
  "description",
  "quantity",
  "unit_amount",
  "amount",
  "invoice_line_item",
  "metadata",
];

/** A credit note's `refunds[i][refund]` and `refunds[i][amount_refunded]`: refunds already made, to link. */
function creditRefunds(p: Params): CreditNoteRefundInput[] | undefined {
  const v = p.refunds;
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid("Invalid array: refunds", "refunds");
  return v.map((raw, i) => {
    const at = (name: string) => `refunds[${i}][${name}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw invalid(`Invalid object: refunds[${i}]`, `refunds[${i}]`);
    const item = raw as Params;
    for (const key of Object.keys(item))
      if (!["refund", "amount_refunded", "type"].includes(key)) throw unknown(at(key));
    // Stripe's other type, payment_record_refund, is for payments recorded outside Stripe, which this server lacks.
    if (item.type !== undefined && item.type !== "refund")
      throw invalid(`Invalid ${at("type")}: this test server supports only refund`, at("type"));
    const refund = str({ [at("refund")]: item.refund }, at("refund"));
    if (!refund) throw missing(at("refund"));
    return { refund, amountRefunded: int({ [at("amount_refunded")]: item.amount_refunded }, at("amount_refunded")) };
  });
}

export const creditNoteRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/credit_notes$/,
    params: [
      "invoice",
      "lines",
      "amount",
      "refund_amount",
      "refunds",
      "credit_amount",
      "out_of_band_amount",
      "reason",
      "memo",
      "metadata",
    ],
    handler: (s, p) =>
      createCreditNote(s, {
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
    handler: (s, p) => {
      const customer = str(p, "customer");
      const invoice = str(p, "invoice");
      return s.list(
        s.objects.creditNotes,
        "/v1/credit_notes",
        page(p),
        (n) => is(customer, n.customer) && is(invoice, n.invoice),
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/credit_notes\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.creditNotes, id),
  },
];
