import { applyMetadata, invalid, newId, type Metadata, type MetadataInput } from "../stripe-test-common";
import type { TestTaxTransaction, TestTaxTransactionLineItem } from "../stripe-test-objects";
import { int, metadata, missing, oneOf, PAGE_PARAMS, str, type Params } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";
import type { Route } from "./route";
import { arrayParam, field, lineItemPage, liveCalculation, shareOf, unsupported } from "./tax";

/**
 * Stripe Tax transactions: a calculation committed (`create_from_calculation`, type `transaction`), and reversals of
 * one (`create_reversal`, type `reversal`, whose line items carry negative amounts and name the line they reverse).
 * A transaction's `reference` must be unique among all the account's transactions, reversals included, as Stripe
 * says; a retry with the same Idempotency-Key still gets the first answer, since keys are answered before this runs.
 *
 * What a reversal takes back, per line of the original ("left" is the original less the earlier reversals):
 * - `mode=full`: all that is left of every line; refused once nothing is left.
 * - `mode=partial` with `line_items[]`: each names an `original_line_item` and the `amount` and `amount_tax` to reverse
 *   (negative, as Stripe takes them); refused if it is more than is left of that line's amount or tax.
 * - `mode=partial` with `flat_amount` (negative, tax included): shared over the lines in proportion to what is left of
 *   each line's gross (amount, plus its tax when exclusive), in whole minor units by largest remainder (ties to the
 *   earlier line). Each line's share is split as the original line was: tax = share × the line's original tax / its
 *   original gross, rounded half up, kept within what is left of the line's tax and net; the rest of the share is net.
 *   A flat_amount of all that is left reverses exactly what is left; more is refused.
 */

function checkReference(s: StripeTestStore, reference: string): void {
  const taken = [...s.objects.taxTransactions.values()].some(
    (t) => t.reference === reference && s.ownerOf(t.id) === s.actingAccount,
  );
  if (taken) {
    throw invalid(
      `A tax transaction with the reference '${reference}' already exists: references must be unique across all transactions, including reversals.`,
      "reference",
      "resource_already_exists",
    );
  }
}

const negative = (amount: number) => (amount === 0 ? 0 : -amount);

export function createTaxTransactionFromCalculation(
  s: StripeTestStore,
  input: { calculation: string; reference: string; metadata?: MetadataInput; postedAt?: number },
): TestTaxTransaction {
  const calculation = liveCalculation(s, input.calculation, "calculation");
  checkReference(s, input.reference);
  const now = s.now();
  // Stripe's rule: between the calculation's tax_date and now, whichever comes first.
  const postedAt = input.postedAt ?? now;
  if (postedAt < Math.min(calculation.tax_date, now) || postedAt > Math.max(calculation.tax_date, now)) {
    throw invalid(
      `posted_at (${postedAt}) must fall between the calculation's tax_date (${calculation.tax_date}) and the current time (${now}).`,
      "posted_at",
    );
  }
  const transaction: TestTaxTransaction = {
    id: newId("tax_"),
    object: "tax.transaction",
    created: now,
    currency: calculation.currency,
    customer: null,
    customer_details: structuredClone(calculation.customer_details),
    livemode: false,
    metadata: input.metadata === undefined ? null : applyMetadata({}, input.metadata),
    posted_at: postedAt,
    reference: input.reference,
    reversal: null,
    ship_from_details: null,
    shipping_cost: null,
    tax_date: calculation.tax_date,
    type: "transaction",
  };
  s.save(s.objects.taxTransactions, transaction);
  for (const line of s.itemsOf(s.objects.taxCalculationLineItems, calculation.id)) {
    const item: TestTaxTransactionLineItem = {
      id: newId("tax_li_"),
      object: "tax.transaction_line_item",
      amount: line.amount,
      amount_tax: line.amount_tax,
      livemode: false,
      metadata: line.metadata && { ...line.metadata },
      product: null,
      quantity: line.quantity,
      reference: line.reference,
      reversal: null,
      tax_behavior: line.tax_behavior,
      tax_code: line.tax_code,
      type: "transaction",
    };
    s.saveItem(s.objects.taxTransactionLineItems, item, transaction.id);
  }
  return transaction;
}

export type ReversalLineInput = {
  originalLineItem: string;
  amount: number;
  amountTax: number;
  reference: string;
  quantity?: number;
  metadata?: Metadata;
};

/** What is left of a line of the original transaction, as positive amounts (amount includes the tax if inclusive). */
type Left = { line: TestTaxTransactionLineItem; amount: number; tax: number };
/** What a reversal takes back from a line, as positive amounts; its line item carries them negated. */
type Reversed = Left & { reference: string; quantity: number; metadata: Metadata | null };

const gross = (l: { line: TestTaxTransactionLineItem; amount: number; tax: number }) =>
  l.amount + (l.line.tax_behavior === "exclusive" ? l.tax : 0);

function leftOf(s: StripeTestStore, original: TestTaxTransaction): Left[] {
  const lines = s.itemsOf(s.objects.taxTransactionLineItems, original.id);
  const reversals = [...s.objects.taxTransactionLineItems.values()].filter((item) => item.reversal !== null);
  return lines.map((line) => {
    const earlier = reversals.filter((r) => r.reversal!.original_line_item === line.id);
    return {
      line,
      amount: earlier.reduce((sum, r) => sum + r.amount, line.amount),
      tax: earlier.reduce((sum, r) => sum + r.amount_tax, line.amount_tax),
    };
  });
}

function flatReversal(original: TestTaxTransaction, left: Left[], flatAmount: number): Reversed[] {
  if (flatAmount >= 0)
    throw invalid(
      `flat_amount must be negative (the amount to reverse, tax included), not ${flatAmount}.`,
      "flat_amount",
    );
  const wanted = -flatAmount;
  const grossLeft = left.map(gross);
  const total = grossLeft.reduce((sum, g) => sum + g, 0);
  if (wanted > total) {
    throw invalid(
      `flat_amount (${flatAmount}) is more than is left to reverse of transaction ${original.id} (${negative(total)}).`,
      "flat_amount",
    );
  }
  // Largest remainder: each line gets the floor of its exact share, and the units still missing go to the lines
  // with the largest remainders. A share never exceeds what is left of its line.
  const exact = grossLeft.map((g) => BigInt(wanted) * BigInt(g));
  const shares = exact.map((e) => Number(e / BigInt(total)));
  let missingUnits = wanted - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, remainder: e % BigInt(total) }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder) {
    if (missingUnits === 0) break;
    shares[i] += 1;
    missingUnits -= 1;
  }
  return left.flatMap((l, i): Reversed[] => {
    const share = shares[i];
    if (share === 0) return [];
    const exclusive = l.line.tax_behavior === "exclusive";
    const originalGross = gross({ line: l.line, amount: l.line.amount, tax: l.line.amount_tax });
    const netLeft = grossLeft[i] - l.tax;
    const proportional = shareOf(share, BigInt(l.line.amount_tax), BigInt(originalGross));
    const tax = Math.max(Math.min(proportional, l.tax), share - netLeft);
    return [
      {
        line: l.line,
        amount: exclusive ? share - tax : share,
        tax,
        reference: l.line.reference,
        quantity: l.line.quantity,
        metadata: null,
      },
    ];
  });
}

function lineReversal(original: TestTaxTransaction, left: Left[], inputs: ReversalLineInput[]): Reversed[] {
  const lines = new Set<string>();
  const references = new Set<string>();
  return inputs.map((input, i) => {
    const name = `line_items[${i}]`;
    const l = left.find((candidate) => candidate.line.id === input.originalLineItem);
    if (!l)
      throw invalid(
        `Transaction ${original.id} has no line item '${input.originalLineItem}'.`,
        `${name}[original_line_item]`,
      );
    if (lines.has(l.line.id))
      throw invalid(`Line item ${l.line.id} is named more than once.`, `${name}[original_line_item]`);
    if (references.has(input.reference))
      throw invalid(`The reference '${input.reference}' is used by more than one line item.`, `${name}[reference]`);
    lines.add(l.line.id);
    references.add(input.reference);
    if (input.amount > 0 || input.amountTax > 0 || (input.amount === 0 && input.amountTax === 0)) {
      throw invalid(
        `${name}[amount] and ${name}[amount_tax] are what to reverse, in negative: they cannot be positive or both 0.`,
        `${name}[amount]`,
      );
    }
    if (-input.amount > l.amount || -input.amountTax > l.tax) {
      throw invalid(
        `${name} reverses more than is left of line item ${l.line.id} (amount ${negative(l.amount)}, amount_tax ${negative(l.tax)}).`,
        `${name}[amount]`,
      );
    }
    return {
      line: l.line,
      amount: -input.amount,
      tax: -input.amountTax,
      reference: input.reference,
      quantity: input.quantity ?? l.line.quantity,
      metadata: input.metadata ?? null,
    };
  });
}

export function createTaxReversal(
  s: StripeTestStore,
  input: {
    mode: "full" | "partial";
    originalTransaction: string;
    reference: string;
    flatAmount?: number;
    lineItems?: ReversalLineInput[];
    metadata?: MetadataInput;
  },
): TestTaxTransaction {
  const original = s.get(s.objects.taxTransactions, input.originalTransaction, "original_transaction");
  if (original.type !== "transaction")
    throw invalid(`${original.id} is itself a reversal: only a transaction can be reversed.`, "original_transaction");
  checkReference(s, input.reference);
  const left = leftOf(s, original);
  let reversed: Reversed[];
  if (input.mode === "full") {
    if (input.flatAmount !== undefined || input.lineItems)
      throw invalid(
        "flat_amount and line_items are for mode=partial: a full reversal reverses all that is left.",
        input.flatAmount !== undefined ? "flat_amount" : "line_items",
      );
    reversed = left
      .filter((l) => l.amount !== 0 || l.tax !== 0)
      .map((l) => ({ ...l, reference: l.line.reference, quantity: l.line.quantity, metadata: null }));
    if (reversed.length === 0)
      throw invalid(`Transaction ${original.id} has already been reversed in full.`, "original_transaction");
  } else if (input.flatAmount !== undefined) {
    if (input.lineItems)
      throw invalid("You may only specify one of these parameters: flat_amount, line_items.", "flat_amount");
    reversed = flatReversal(original, left, input.flatAmount);
  } else if (input.lineItems) {
    reversed = lineReversal(original, left, input.lineItems);
  } else {
    throw invalid("A partial reversal needs flat_amount or line_items.", "flat_amount", "parameter_missing");
  }
  const now = s.now();
  const reversal: TestTaxTransaction = {
    ...structuredClone(original),
    id: newId("tax_"),
    created: now,
    metadata: input.metadata === undefined ? null : applyMetadata({}, input.metadata),
    posted_at: now,
    reference: input.reference,
    reversal: { original_transaction: original.id },
    type: "reversal",
  };
  s.save(s.objects.taxTransactions, reversal);
  for (const r of reversed) {
    const item: TestTaxTransactionLineItem = {
      id: newId("tax_li_"),
      object: "tax.transaction_line_item",
      amount: negative(r.amount),
      amount_tax: negative(r.tax),
      livemode: false,
      metadata: r.metadata,
      product: null,
      quantity: r.quantity,
      reference: r.reference,
      reversal: { original_line_item: r.line.id },
      tax_behavior: r.line.tax_behavior,
      tax_code: r.line.tax_code,
      type: "reversal",
    };
    s.saveItem(s.objects.taxTransactionLineItems, item, reversal.id);
  }
  return reversal;
}

// Parameters

function reversalLines(p: Params): ReversalLineInput[] | undefined {
  const raw = arrayParam(p.line_items, "line_items", [
    "amount",
    "amount_tax",
    "original_line_item",
    "reference",
    "quantity",
    "metadata",
  ]);
  return raw?.map((line, i) => {
    const name = `line_items[${i}]`;
    const required = <T>(value: T | undefined, key: string): T => {
      if (value === undefined || value === "") throw missing(`${name}[${key}]`);
      return value;
    };
    const meta = metadata({ metadata: line.metadata });
    return {
      originalLineItem: required(field(str, line, "original_line_item", name), "original_line_item"),
      amount: required(field(int, line, "amount", name), "amount"),
      amountTax: required(field(int, line, "amount_tax", name), "amount_tax"),
      reference: required(field(str, line, "reference", name), "reference"),
      quantity: field(int, line, "quantity", name),
      metadata: meta === undefined ? undefined : applyMetadata({}, meta),
    };
  });
}

const requiredStr = (p: Params, name: string) => {
  const v = str(p, name);
  if (!v) throw missing(name);
  return v;
};

export const taxTransactionRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/tax\/transactions\/create_from_calculation$/,
    params: ["calculation", "reference", "metadata", "posted_at"],
    handler: (s, p) =>
      createTaxTransactionFromCalculation(s, {
        calculation: requiredStr(p, "calculation"),
        reference: requiredStr(p, "reference"),
        metadata: metadata(p),
        postedAt: int(p, "posted_at"),
      }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/tax\/transactions\/create_reversal$/,
    params: ["mode", "original_transaction", "reference", "flat_amount", "line_items", "metadata", "shipping_cost"],
    handler: (s, p) => {
      if (p.shipping_cost !== undefined) throw unsupported("shipping_cost", "shipping is not simulated");
      const mode = oneOf(p, "mode", ["full", "partial"] as const);
      if (!mode) throw missing("mode");
      return createTaxReversal(s, {
        mode,
        originalTransaction: requiredStr(p, "original_transaction"),
        reference: requiredStr(p, "reference"),
        flatAmount: int(p, "flat_amount"),
        lineItems: reversalLines(p),
        metadata: metadata(p),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/transactions\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.taxTransactions, id),
  },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/transactions\/([^/]+)\/line_items$/,
    params: PAGE_PARAMS,
    handler: (s, p, id) =>
      lineItemPage(
        s,
        s.objects.taxTransactionLineItems,
        s.get(s.objects.taxTransactions, id).id,
        `/v1/tax/transactions/${id}/line_items`,
        p,
      ),
  },
];
