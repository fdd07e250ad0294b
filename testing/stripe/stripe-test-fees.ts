import { applyMetadata, invalid, newId, type MetadataInput } from "./stripe-test-common";
import { StripeTestCustomers } from "./stripe-test-customers";
import type { TestApplicationFee, TestCharge, TestFeeRefund } from "./stripe-test-objects";

/**
 * Connect application fees: what the platform takes from a charge on a connected account (a direct charge). The fee
 * is an object at the platform (`fee_...`, seen only without a Stripe-Account header) naming the account and the
 * charge, and the charge names it back; it can be refunded in parts (`fr_...`). Invoices take fees when they are
 * paid (stripe-test-invoices.ts), and refunds can give back part of them (stripe-test-refunds.ts).
 */

/** The Connect application this server's secret key belongs to, as `application` names it on fees. */
const APPLICATION = "ca_LivebaseTestServer";
const NOT_ON_BEHALF =
  "Can only apply an application_fee_amount when the request is made on behalf of another account (using an OAuth key, the Stripe-Account header, or the destination parameter).";

export class StripeTestFees extends StripeTestCustomers {
  /** Stripe's checks of an `application_fee_amount` parameter: a connected account's request, and not negative. */
  protected checkApplicationFeeAmount(amount: number | undefined): void {
    if (amount === undefined) return;
    if (this.actingAccount === null) throw invalid(NOT_ON_BEHALF, "application_fee_amount");
    if (amount < 0) throw invalid("This value must be greater than or equal to 0.", "application_fee_amount");
  }

  /** Takes `amount` from a connected account's charge: an ApplicationFee at the platform, named by the charge. */
  protected takeApplicationFee(charge: TestCharge, amount: number): TestApplicationFee {
    const account = this.ownerOf(charge.id);
    if (account === null) throw new Error(`Stripe test server bug: charge ${charge.id} is the platform's and cannot pay it a fee`);
    const id = newId("fee_");
    const fee: TestApplicationFee = {
      id,
      object: "application_fee",
      account,
      amount,
      amount_refunded: 0,
      application: APPLICATION,
      balance_transaction: newId("txn_"),
      charge: charge.id,
      created: this.now(),
      currency: charge.currency,
      fee_source: { charge: charge.id, type: "charge" },
      livemode: false,
      originating_transaction: null,
      refunded: false,
      refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
    };
    this.save(this.objects.applicationFees, fee, null);
    charge.application_fee = id;
    charge.application_fee_amount = amount;
    this.emit("application_fee.created", fee);
    return fee;
  }

  /** `POST /v1/application_fees/:id/refunds`: refunds `amount` (default: all that is left) of a fee. Platform only. */
  refundApplicationFee(id: string, input: { amount?: number; metadata?: MetadataInput } = {}): TestFeeRefund {
    return this.giveBackFee(this.get(this.objects.applicationFees, id), input.amount, input.metadata);
  }

  /** The fee a charge paid, wherever the request comes from: a refund on the connected account reaches it too. */
  protected feeOf(charge: TestCharge): TestApplicationFee | undefined {
    return charge.application_fee ? this.objects.applicationFees.get(charge.application_fee) : undefined;
  }

  /** Refunds part of a fee (a fee_refund at the platform) and emits application_fee.refunded, a platform event. */
  protected giveBackFee(fee: TestApplicationFee, amount?: number, metadata?: MetadataInput): TestFeeRefund {
    const left = fee.amount - fee.amount_refunded;
    if (left === 0) throw invalid(`Application fee ${fee.id} has already been refunded.`, "amount");
    const value = amount ?? left;
    if (!Number.isInteger(value) || value <= 0) throw invalid("Refund amount must be a positive integer.", "amount");
    if (value > left) throw invalid(`Refund amount (${value}) is greater than unrefunded amount on application fee (${left})`, "amount");
    const refund: TestFeeRefund = {
      id: newId("fr_"),
      object: "fee_refund",
      amount: value,
      balance_transaction: newId("txn_"),
      created: this.now(),
      currency: fee.currency,
      fee: fee.id,
      metadata: applyMetadata({}, metadata),
    };
    this.save(this.objects.feeRefunds, refund, null);
    const previous: Record<string, unknown> = { amount_refunded: fee.amount_refunded };
    fee.amount_refunded += value;
    fee.refunds.data.unshift(refund);
    if (fee.amount_refunded === fee.amount) {
      previous.refunded = fee.refunded;
      fee.refunded = true;
    }
    this.emit("application_fee.refunded", fee, previous);
    return refund;
  }
}
