"use server";
import { memberAction } from "@/app/_lib/actions";
import type { Member } from "@/lib/auth/member";
import { customerPortalUrl, startCardCheckout } from "@/lib/billing/customers";
import { creditCharge } from "@/lib/billing/credit-charge";
import { creditChargeSchema, offlinePaymentSchema, voidChargeSchema } from "@/lib/billing/schemas";
import { recordOfflinePayment } from "@/lib/billing/record-offline-payment";
import { voidCharge } from "@/lib/billing/void-charge";
import { chargingAt, paymentsTarget } from "@/lib/billing/payments-target";
import { workspaceCurrency } from "@/lib/bookings/create-booking";
import type { Db } from "@/db/client";
import { getEnv } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import { logger } from "@/lib/logger";
import { readForm } from "@/lib/actions/read-form";
import { fail, ok } from "@/lib/result";
import { actsForSelfOnly } from "@/lib/auth/permissions";

const UNREACHABLE = "Stripe could not be reached. Try again in a minute.";
const billingChanged = (gate: Member) => [{ path: `/w/${gate.workspaceSlug}/billing`, type: "layout" as const }];

/** Where this workspace charges cards (its Stripe account, or the platform's connected one), or why it cannot. */
async function stripeFor(db: Db, gate: Member) {
  const at = chargingAt(await paymentsTarget(db, gate.workspaceId));
  return at.ok ? at : { ...at, message: at.message ?? "Cards cannot be saved here." };
}

/** Sends the creator to Stripe Checkout (setup mode) to save a card; Stripe sends them back to Billing. */
export const startCardCheckoutAction = memberAction("billing.view", {
  run: async ({ db, gate, now }) => {
    if (!actsForSelfOnly(gate)) return fail("forbidden", { message: "Only creators keep a card on file." });
    const at = await stripeFor(db, gate);
    if (!at.ok) return at;
    let url: string | null;
    try {
      url = await startCardCheckout(db, at.value, {
        workspaceId: gate.workspaceId,
        userId: gate.userId,
        currency: await workspaceCurrency(db, gate.workspaceId),
        returnUrl: `${getEnv().APP_URL}/w/${gate.workspaceSlug}/billing`,
        now,
      });
    } catch (err) {
      logger.warn({ err }, "starting Stripe Checkout failed");
      return fail("unreachable", { message: UNREACHABLE });
    }
    if (!url) return fail("unreachable", { message: "Stripe did not return a checkout page. Try again." });
    return ok(url);
  },
  done: (url) => ({ redirect: url }),
});

/** Opens the Stripe Customer Portal, where the creator manages cards and downloads invoices. */
export const openCustomerPortalAction = memberAction("billing.view", {
  run: async ({ db, gate, now }) => {
    if (!actsForSelfOnly(gate)) return fail("forbidden", { message: "Only creators have a customer portal." });
    const at = await stripeFor(db, gate);
    if (!at.ok) return at;
    try {
      return ok(
        await customerPortalUrl(db, at.value, {
          workspaceId: gate.workspaceId,
          userId: gate.userId,
          returnUrl: `${getEnv().APP_URL}/w/${gate.workspaceSlug}/billing`,
          now,
        }),
      );
    } catch (err) {
      logger.warn({ err }, "opening the Stripe customer portal failed");
      return fail("unreachable", { message: UNREACHABLE });
    }
  },
  done: (url) => ({ redirect: url }),
});

const idOf = (form: FormData, name: "chargeId" | "invoiceId") => readForm(form, { [name]: "string" } as const)[name];

export const voidChargeAction = memberAction("billing.manage", {
  fields: ["reason"],
  schema: voidChargeSchema,
  run: ({ db, gate, input, form, now }) => voidCharge(db, gate, idOf(form, "chargeId"), input, now),
  refused: {
    not_found: "That charge does not exist.",
    fields: "It cannot be voided.",
    fallback: "It cannot be voided.",
  },
  done: (charge, { gate }) => ({
    message: `Voided ${formatMoney(charge.amountCents, charge.currency)}.`,
    revalidate: billingChanged(gate),
  }),
});

export const creditChargeAction = memberAction("billing.manage", {
  fields: { amount: "text", reason: "text", requestId: (form: FormData) => form.get("requestId") || undefined },
  schema: creditChargeSchema,
  run: ({ db, gate, input, form, now }) => creditCharge(db, gate, idOf(form, "chargeId"), input, now),
  refused: {
    not_found: "That charge does not exist.",
    fields: "It cannot be credited.",
    fallback: "It cannot be credited.",
  },
  done: (credit, { gate }) => {
    const where =
      credit.status === "pending" ? " It goes to Stripe as a credit note (a refund if the invoice was paid)." : "";
    return {
      message: `Credited ${formatMoney(-credit.amountCents, credit.currency)}.${where}`,
      revalidate: billingChanged(gate),
    };
  },
});

export const recordOfflinePaymentAction = memberAction("billing.manage", {
  fields: ["note"],
  schema: offlinePaymentSchema,
  run: ({ db, gate, input, form, now }) => recordOfflinePayment(db, gate, idOf(form, "invoiceId"), input, now),
  refused: {
    not_found: "That invoice does not exist.",
    fields: "It cannot be marked paid.",
    fallback: "It cannot be marked paid.",
  },
  done: (invoice, { gate }) => ({
    message: `Recorded a payment of ${formatMoney(invoice.amountPaidCents, invoice.currency)}.`,
    revalidate: billingChanged(gate),
  }),
});
