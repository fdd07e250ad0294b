import { applyMetadata, invalid, newId, StripeTestApiError, type MetadataInput } from "./stripe-test-common";
import { StripeTestInvoices } from "./stripe-test-invoices";
import type { TestApplicationFee, TestCharge, TestRefund } from "./stripe-test-objects";

/**
 * Refunds of charges: `POST /v1/refunds`, the Dashboard's refund (StripeTestServer.refundCharge) and a credit note's
 * refund all come here, so the charge's `amount_refunded` and `refunded`, its refunds list and the `charge.refunded`
 * event behave the same whichever made them. A refund on a connected account can give back the platform's
 * application fee in proportion (`refund_application_fee`). Credit notes build on it (stripe-test-credit-notes.ts).
 */

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"];

export type RefundInput = { charge?: string; paymentIntent?: string; amount?: number; reason?: string; metadata?: MetadataInput; refundApplicationFee?: boolean };

export class StripeTestRefunds extends StripeTestInvoices {
  /** `POST /v1/refunds`: a refund of a charge, named by itself or by its payment intent. */
  createRefund(input: RefundInput): TestRefund {
    if (input.charge && input.paymentIntent) throw invalid("You may only specify one of these parameters: charge, payment_intent.", "charge");
    if (!input.charge && !input.paymentIntent) throw invalid("One of the following params should be provided for this request: payment_intent or charge.", "charge", "parameter_missing");
    if (input.reason !== undefined && !REFUND_REASONS.includes(input.reason)) throw invalid(`Invalid reason: must be one of ${REFUND_REASONS.join(", ")}`, "reason");
    const charge = input.charge ? this.get(this.objects.charges, input.charge, "charge") : this.chargeOfPaymentIntent(input.paymentIntent ?? "");
    return this.refundCharge(charge.id, input.amount, input);
  }

  /** The charge of a payment intent (this server keeps payment intents only as the ids its charges name). */
  protected chargeOfPaymentIntent(paymentIntent: string): TestCharge {
    const charge = [...this.objects.charges.values()].find((c) => c.payment_intent === paymentIntent && this.ownerOf(c.id) === this.actingAccount);
    if (charge) return charge;
    throw new StripeTestApiError(404, { type: "invalid_request_error", code: "resource_missing", param: "payment_intent", message: `No such payment_intent: '${paymentIntent}'` });
  }

  /**
   * Refunds `amount` (default: all that is left) of a charge, as the API, a credit note or the Dashboard does, and
   * emits refund.created and charge.refunded. Refunding more than is left is refused, as Stripe refuses it.
   */
  refundCharge(chargeId: string, amount?: number, options: Omit<RefundInput, "charge" | "paymentIntent" | "amount"> = {}): TestRefund {
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
      reason: options.reason ?? null,
      metadata: applyMetadata({}, options.metadata),
    };
    this.save(this.objects.refunds, refund);
    const previous: Record<string, unknown> = { amount_refunded: charge.amount_refunded };
    charge.amount_refunded += value;
    if (charge.amount_refunded === charge.amount) {
      previous.refunded = charge.refunded;
      charge.refunded = true;
    }
    this.emit("refund.created", refund);
    this.emit("charge.refunded", charge, previous);
    const fee = options.refundApplicationFee ? this.feeOf(charge) : undefined;
    if (fee) {
      const share = feeShare(fee, charge, value);
      if (share > 0) this.giveBackFee(fee, share);
    }
    return refund;
  }
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
