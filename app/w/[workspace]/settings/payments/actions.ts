"use server";
import { revalidatePath } from "next/cache";
import type Stripe from "stripe";
import { redirect } from "next/navigation";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import type { Member } from "@/lib/auth/member";
import {
  connectWorkspace,
  continueOnboarding,
  dashboardLink,
  platformStripe,
  refreshAccount,
} from "@/lib/billing/connect";
import { appNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";

/** Owners only; then platform mode, or a message saying which mode the server is in. */
async function gate(
  form: FormData,
): Promise<{ ok: false; state: ActionState } | { ok: true; member: Member; stripe: Stripe; baseUrl: string }> {
  const member = await requireActionMember({ workspace: form.get("workspace"), permission: "payments.manage" });
  if (!member.ok) return { ok: false, state: failed(form, member.message ?? "Not found.") };
  const stripe = platformStripe();
  if (!stripe.ok) return { ok: false, state: failed(form, stripe.message ?? "Stripe Connect is not on.") };
  const baseUrl = `${getEnv().APP_URL}/w/${member.value.workspaceSlug}/settings/payments`;
  return { ok: true, member: member.value, stripe: stripe.value, baseUrl };
}

/** Creates the workspace's Stripe account (once) and sends the owner to Stripe's onboarding. */
export async function connectStripeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const g = await gate(form);
  if (!g.ok) return g.state;
  const r = await connectWorkspace(getDb(), g.stripe, g.member, { baseUrl: g.baseUrl, now: appNow() });
  if (!r.ok) return failed(form, r.message ?? "Stripe could not be reached. Try again in a minute.");
  redirect(r.value.url);
}

/** A new onboarding link, for details Stripe still needs. */
export async function continueOnboardingAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const g = await gate(form);
  if (!g.ok) return g.state;
  const r = await continueOnboarding(getDb(), g.stripe, g.member, { baseUrl: g.baseUrl, now: appNow() });
  if (!r.ok) return failed(form, r.message ?? "Stripe could not be reached. Try again in a minute.");
  redirect(r.value.url);
}

/** Reads the account from Stripe now, rather than waiting for its next webhook. */
export async function refreshStripeAccountAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const g = await gate(form);
  if (!g.ok) return g.state;
  const r = await refreshAccount(getDb(), g.stripe, g.member, appNow());
  if (!r.ok) return failed(form, r.message ?? "Stripe could not be reached. Try again in a minute.");
  revalidatePath(`/w/${g.member.workspaceSlug}/settings/payments`);
  return { status: "ok", message: "Read from Stripe just now." };
}

/** Opens the operator's Stripe Express dashboard (payouts, bank account) with a one-time login link. */
export async function openStripeDashboardAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const g = await gate(form);
  if (!g.ok) return g.state;
  const r = await dashboardLink(getDb(), g.stripe, g.member);
  if (!r.ok) return failed(form, r.message ?? "Stripe could not be reached. Try again in a minute.");
  redirect(r.value.url);
}
