import { applyMetadata, invalid, newId, StripeTestApiError, type MetadataInput } from "../stripe-test-common";
import type { TestApplicationFee, TestCharge, TestRefund } from "../stripe-test-objects";
import { bool, int, metadata, page, PAGE_PARAMS, str } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";
import { feeOf, giveBackFee } from "./application-fees";
import { is, type Route } from "./route";

/**
 * Charges, their payment intents, and refunds. Charges and payment intents are made by paying an invoice
 * (invoice-payments.ts); here they are read, and refunded: `POST /v1/refunds`, the Dashboard's refund
 * (StripeTestServer.refundCharge) and a credit note's refund all come to refundCharge, so the charge's
 * `amount_refunded` and `refunded`, its refunds list and the `charge.refunded` event behave the same whichever made
 * them. A refund on a connected account can give back the platform's application fee in proportion
 * (`refund_application_fee`).
 */

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

export type RefundInput = {
  charge?: string;
  paymentIntent?: string;
  amount?: number;
  reason?: string;
  metadata?: MetadataInput;
  refundApplicationFee?: boolean;
};

/** `POST /v1/refunds`: a refund of a charge, named by itself or by its payment intent. */
export function createRefund(s: StripeTestStore, input: RefundInput): TestRefund {
  if (input.charge && input.paymentIntent)
    throw invalid("You may only specify one of these parameters: charge, payment_intent.", "charge");
  if (!input.charge && !input.paymentIntent)
    throw invalid(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "charge",
      "parameter_missing",
    );
  if (input.reason !== undefined && !REFUND_REASONS.includes(input.reason))
    throw invalid(`Invalid reason: must be one of ${REFUND_REASONS.join(", ")}`, "reason");
  const charge = input.charge
    ? s.get(s.objects.charges, input.charge, "charge")
    : chargeOfPaymentIntent(s, input.paymentIntent ?? "");
  return refundCharge(s, charge.id, input.amount, input);
}

/** The charge of a payment intent (this server keeps payment intents only as the ids its charges name). */
function chargeOfPaymentIntent(s: StripeTestStore, paymentIntent: string): TestCharge {
  const charge = [...s.objects.charges.values()].find(
    (c) => c.payment_intent === paymentIntent && s.ownerOf(c.id) === s.actingAccount,
  );
  if (charge) return charge;
  throw new StripeTestApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    param: "payment_intent",
    message: `No such payment_intent: '${paymentIntent}'`,
  });
}

/**
 * Refunds `amount` (default: all that is left) of a charge, as the API, a credit note or the Dashboard does, and
 * emits refund.created and charge.refunded. Refunding more than is left is refused, as Stripe refuses it.
 */
export function refundCharge(
  s: StripeTestStore,
  chargeId: string,
  amount?: number,
  options: Omit<RefundInput, "charge" | "paymentIntent" | "amount"> = {},
): TestRefund {
  const charge = s.get(s.objects.charges, chargeId, "charge");
  const left = charge.amount - charge.amount_refunded;
  if (left === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
  const value = amount ?? left;
  if (!Number.isInteger(value) || value <= 0) throw invalid("Refund amount must be a positive integer.", "amount");
  if (value > left)
    throw invalid(`Refund amount (${value}) is greater than unrefunded amount on charge (${left})`, "amount");
  const refund: TestRefund = {
    id: newId("re_"),
    object: "refund",
    created: s.now(),
    amount: value,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    currency: charge.currency,
    status: "succeeded",
    reason: options.reason ?? null,
    metadata: applyMetadata({}, options.metadata),
  };
  s.save(s.objects.refunds, refund);
  const previous: Record<string, unknown> = { amount_refunded: charge.amount_refunded };
  charge.amount_refunded += value;
  if (charge.amount_refunded === charge.amount) {
    previous.refunded = charge.refunded;
    charge.refunded = true;
  }
  s.emit("refund.created", refund);
  s.emit("charge.refunded", charge, previous);
  const fee = options.refundApplicationFee ? feeOf(s, charge) : undefined;
  if (fee) {
    const share = feeShare(fee, charge, value);
    if (share > 0) giveBackFee(s, fee, share);
  }
  return refund;
}

/**
 * How much of the application fee a refund of `refunded` gives back. Stripe's docs for `refund_application_fee`:
 * "If a full charge refund is given, the full application fee will be refunded. Otherwise, the application fee will
 * be refunded in an amount proportional to the amount of the charge refunded" (it refunds the application fee in
 * proportion to the amount of the charge refunded). So: round-half-up(fee.amount × refund ÷ charge.amount), at most
 * what is left of the fee; and once the charge is fully refunded, all that is left of it. `charge` is already updated.
 */
export function feeShare(fee: TestApplicationFee, charge: TestCharge, refunded: number): number {
  const left = fee.amount - fee.amount_refunded;
  if (charge.amount_refunded === charge.amount) return left;
  // Integer arithmetic for the half-up rounding: floor((2·fee·refund + charge) / (2·charge)).
  const proportional = Math.floor((2 * fee.amount * refunded + charge.amount) / (2 * charge.amount));
  return Math.min(proportional, left);
}

export const chargeRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.paymentIntents, id),
  },
  {
    method: "GET",
    pattern: /^\/v1\/charges$/,
    params: ["customer", "payment_intent", ...PAGE_PARAMS],
    handler: (s, p) => {
      const customer = str(p, "customer");
      const paymentIntent = str(p, "payment_intent");
      return s.list(
        s.objects.charges,
        "/v1/charges",
        page(p),
        (c) => is(customer, c.customer) && is(paymentIntent, c.payment_intent),
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/charges\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.charges, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/refunds$/,
    params: ["charge", "payment_intent", "amount", "reason", "metadata", "refund_application_fee"],
    handler: (s, p) =>
      createRefund(s, {
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
    handler: (s, p) => {
      const charge = str(p, "charge");
      const paymentIntent = str(p, "payment_intent");
      return s.list(
        s.objects.refunds,
        "/v1/refunds",
        page(p),
        (r) => is(charge, r.charge) && is(paymentIntent, r.payment_intent),
      );
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/refunds\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.refunds, id),
  },
];
