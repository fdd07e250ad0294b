import { applyMetadata, invalid, newId, type MetadataInput } from "../stripe-test-common";
import type { TestApplicationFee, TestCharge, TestFeeRefund } from "../stripe-test-objects";
import { int, metadata, page, PAGE_PARAMS, str } from "../stripe-test-params";
import type { StripeTestStore } from "../stripe-test-store";
import { is, type Route } from "./route";

/**
 * Connect application fees: what the platform takes from a charge on a connected account (a direct charge). The fee
 * is an object at the platform (`fee_...`, seen only without a Stripe-Account header) naming the account and the
 * charge, and the charge names it back; it can be refunded in parts (`fr_...`). Invoices take fees when they are
 * paid (invoice-payments.ts), and refunds can give back part of them (charges.ts).
 */

/** The Connect application this server's secret key belongs to, as `application` names it on fees. */
const APPLICATION = "ca_LivebaseTestServer";
const NOT_ON_BEHALF =
  "Can only apply an application_fee_amount when the request is made on behalf of another account (using an OAuth key, the Stripe-Account header, or the destination parameter).";

/** Stripe's checks of an `application_fee_amount` parameter: a connected account's request, and not negative. */
export function checkApplicationFeeAmount(s: StripeTestStore, amount: number | undefined): void {
  if (amount === undefined) return;
  if (s.actingAccount === null) throw invalid(NOT_ON_BEHALF, "application_fee_amount");
  if (amount < 0) throw invalid("This value must be greater than or equal to 0.", "application_fee_amount");
}

/** Takes `amount` from a connected account's charge: an ApplicationFee at the platform, named by the charge. */
export function takeApplicationFee(s: StripeTestStore, charge: TestCharge, amount: number): TestApplicationFee {
  const account = s.ownerOf(charge.id);
  if (account === null)
    throw new Error(`Stripe test server bug: charge ${charge.id} is the platform's and cannot pay it a fee`);
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
    created: s.now(),
    currency: charge.currency,
    fee_source: { charge: charge.id, type: "charge" },
    livemode: false,
    originating_transaction: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
  };
  s.save(s.objects.applicationFees, fee, null);
  charge.application_fee = id;
  charge.application_fee_amount = amount;
  s.emit("application_fee.created", fee);
  return fee;
}

/** `POST /v1/application_fees/:id/refunds`: refunds `amount` (default: all that is left) of a fee. Platform only. */
export function refundApplicationFee(
  s: StripeTestStore,
  id: string,
  input: { amount?: number; metadata?: MetadataInput } = {},
): TestFeeRefund {
  return giveBackFee(s, s.get(s.objects.applicationFees, id), input.amount, input.metadata);
}

/** The fee a charge paid, wherever the request comes from: a refund on the connected account reaches it too. */
export function feeOf(s: StripeTestStore, charge: TestCharge): TestApplicationFee | undefined {
  return charge.application_fee ? s.objects.applicationFees.get(charge.application_fee) : undefined;
}

/** Refunds part of a fee (a fee_refund at the platform) and emits application_fee.refunded, a platform event. */
export function giveBackFee(
  s: StripeTestStore,
  fee: TestApplicationFee,
  amount?: number,
  metadata?: MetadataInput,
): TestFeeRefund {
  const left = fee.amount - fee.amount_refunded;
  if (left === 0) throw invalid(`Application fee ${fee.id} has already been refunded.`, "amount");
  const value = amount ?? left;
  if (!Number.isInteger(value) || value <= 0) throw invalid("Refund amount must be a positive integer.", "amount");
  if (value > left)
    throw invalid(`Refund amount (${value}) is greater than unrefunded amount on application fee (${left})`, "amount");
  const refund: TestFeeRefund = {
    id: newId("fr_"),
    object: "fee_refund",
    amount: value,
    balance_transaction: newId("txn_"),
    created: s.now(),
    currency: fee.currency,
    fee: fee.id,
    metadata: applyMetadata({}, metadata),
  };
  s.save(s.objects.feeRefunds, refund, null);
  const previous: Record<string, unknown> = { amount_refunded: fee.amount_refunded };
  fee.amount_refunded += value;
  fee.refunds.data.unshift(refund);
  if (fee.amount_refunded === fee.amount) {
    previous.refunded = fee.refunded;
    fee.refunded = true;
  }
  s.emit("application_fee.refunded", fee, previous);
  return refund;
}

/** The platform's fees: a request with a Stripe-Account header finds none of them. */
export const applicationFeeRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/v1\/application_fees$/,
    params: ["charge", ...PAGE_PARAMS],
    handler: (s, p) => {
      const charge = str(p, "charge");
      return s.list(s.objects.applicationFees, "/v1/application_fees", page(p), (f) => is(charge, f.charge));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/application_fees\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.applicationFees, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/application_fees\/([^/]+)\/refunds$/,
    params: ["amount", "metadata"],
    handler: (s, p, id) => refundApplicationFee(s, id, { amount: int(p, "amount"), metadata: metadata(p) }),
  },
  {
    method: "GET",
    pattern: /^\/v1\/application_fees\/([^/]+)\/refunds$/,
    params: PAGE_PARAMS,
    handler: (s, p, id) => {
      const fee = s.get(s.objects.applicationFees, id);
      return s.list(s.objects.feeRefunds, `/v1/application_fees/${fee.id}/refunds`, page(p), (r) => r.fee === fee.id);
    },
  },
];
