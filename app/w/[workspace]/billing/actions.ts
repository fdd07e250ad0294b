"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { customerPortalUrl, startCardCheckout } from "@/lib/billing/customers";
import {
  creditCharge,
  creditChargeSchema,
  offlinePaymentSchema,
  recordOfflinePayment,
  voidCharge,
  voidChargeSchema,
} from "@/lib/billing/ledger";
import { chargingAt, paymentsTarget } from "@/lib/billing/payments-target";
import { workspaceCurrency } from "@/lib/bookings/create-booking";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formatMoney } from "@/lib/format";
import { logger } from "@/lib/logger";
import { appNow } from "@/lib/clock";

/** Sends the creator to Stripe Checkout (setup mode) to save a card; Stripe sends them back to Billing. */
export async function startCardCheckoutAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "billing.view" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  if (gate.value.role !== "creator") return failed(form, "Only creators keep a card on file.");
  const db = getDb();
  const at = chargingAt(await paymentsTarget(db, gate.value.workspaceId));
  if (!at.ok) return failed(form, at.message ?? "Cards cannot be saved here.");
  const stripe = at.value;
  let url: string | null;
  try {
    url = await startCardCheckout(db, stripe, {
      workspaceId: gate.value.workspaceId,
      userId: gate.value.userId,
      currency: await workspaceCurrency(db, gate.value.workspaceId),
      returnUrl: `${getEnv().APP_URL}/w/${gate.value.workspaceSlug}/billing`,
      now: appNow(),
    });
  } catch (err) {
    logger.warn({ err }, "starting Stripe Checkout failed");
    return failed(form, "Stripe could not be reached. Try again in a minute.");
  }
  if (!url) return failed(form, "Stripe did not return a checkout page. Try again.");
  redirect(url);
}

/** Opens the Stripe Customer Portal, where the creator manages cards and downloads invoices. */
export async function openCustomerPortalAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "billing.view" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  if (gate.value.role !== "creator") return failed(form, "Only creators have a customer portal.");
  const at = chargingAt(await paymentsTarget(getDb(), gate.value.workspaceId));
  if (!at.ok) return failed(form, at.message ?? "Cards cannot be saved here.");
  const stripe = at.value;
  let url: string;
  try {
    url = await customerPortalUrl(getDb(), stripe, {
      workspaceId: gate.value.workspaceId,
      userId: gate.value.userId,
      returnUrl: `${getEnv().APP_URL}/w/${gate.value.workspaceSlug}/billing`,
      now: appNow(),
    });
  } catch (err) {
    logger.warn({ err }, "opening the Stripe customer portal failed");
    return failed(form, "Stripe could not be reached. Try again in a minute.");
  }
  redirect(url);
}

export async function voidChargeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "billing.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = voidChargeSchema.safeParse({ reason: form.get("reason") });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await voidCharge(getDb(), gate.value, String(form.get("chargeId") ?? ""), parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found" ? "That charge does not exist." : (r.message ?? "It cannot be voided."),
      r.fieldErrors,
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/billing`, "layout");
  return { status: "ok", message: `Voided ${formatMoney(r.value.amountCents, r.value.currency)}.` };
}

export async function creditChargeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "billing.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = creditChargeSchema.safeParse({
    amount: form.get("amount"),
    reason: form.get("reason"),
    requestId: form.get("requestId") || undefined,
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await creditCharge(getDb(), gate.value, String(form.get("chargeId") ?? ""), parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found" ? "That charge does not exist." : (r.message ?? "It cannot be credited."),
      r.fieldErrors,
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/billing`, "layout");
  const where =
    r.value.status === "pending" ? " It goes to Stripe as a credit note (a refund if the invoice was paid)." : "";
  return { status: "ok", message: `Credited ${formatMoney(-r.value.amountCents, r.value.currency)}.${where}` };
}

export async function recordOfflinePaymentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "billing.manage" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const parsed = offlinePaymentSchema.safeParse({ note: form.get("note") });
  if (!parsed.success) return invalid(form, parsed.error);
  const r = await recordOfflinePayment(getDb(), gate.value, String(form.get("invoiceId") ?? ""), parsed.data, appNow());
  if (!r.ok)
    return failed(
      form,
      r.error === "not_found" ? "That invoice does not exist." : (r.message ?? "It cannot be marked paid."),
    );
  revalidatePath(`/w/${gate.value.workspaceSlug}/billing`, "layout");
  return { status: "ok", message: `Recorded a payment of ${formatMoney(r.value.amountPaidCents, r.value.currency)}.` };
}
