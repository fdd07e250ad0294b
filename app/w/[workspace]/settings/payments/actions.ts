"use server";
import type Stripe from "stripe";
import { gatedAction, memberGate } from "@/app/_lib/actions";
import type { Gate } from "@/lib/actions/define-action";
import type { Member } from "@/lib/auth/member";
import {
  connectWorkspace,
  continueOnboarding,
  dashboardLink,
  platformStripe,
  refreshAccount,
} from "@/lib/billing/connect";
import { getEnv } from "@/lib/env";
import { ok } from "@/lib/result";

type Owner = { member: Member; stripe: Stripe; baseUrl: string };

/** Owners only; then platform mode, or a message saying which mode the server is in. */
const ownerWithStripe: Gate<Owner> = async (form) => {
  const member = await memberGate("payments.manage")(form);
  if (!member.ok) return member;
  const stripe = platformStripe();
  if (!stripe.ok) return { ...stripe, message: stripe.message ?? "Stripe Connect is not on." };
  const baseUrl = `${getEnv().APP_URL}/w/${member.value.workspaceSlug}/settings/payments`;
  return ok({ member: member.value, stripe: stripe.value, baseUrl });
};
const UNREACHABLE = "Stripe could not be reached. Try again in a minute.";
const unreachable = { fields: UNREACHABLE, fallback: UNREACHABLE };

/** Creates the workspace's Stripe account (once) and sends the owner to Stripe's onboarding. */
export const connectStripeAction = gatedAction(ownerWithStripe, {
  run: ({ db, gate, now }) => connectWorkspace(db, gate.stripe, gate.member, { baseUrl: gate.baseUrl, now }),
  refused: unreachable,
  done: (link) => ({ redirect: link.url }),
});

/** A new onboarding link, for details Stripe still needs. */
export const continueOnboardingAction = gatedAction(ownerWithStripe, {
  run: ({ db, gate, now }) => continueOnboarding(db, gate.stripe, gate.member, { baseUrl: gate.baseUrl, now }),
  refused: unreachable,
  done: (link) => ({ redirect: link.url }),
});

/** Reads the account from Stripe now, rather than waiting for its next webhook. */
export const refreshStripeAccountAction = gatedAction(ownerWithStripe, {
  run: ({ db, gate, now }) => refreshAccount(db, gate.stripe, gate.member, now),
  refused: unreachable,
  done: (_, { gate }) => ({
    message: "Read from Stripe just now.",
    revalidate: [`/w/${gate.member.workspaceSlug}/settings/payments`],
  }),
});

/** Opens the operator's Stripe Express dashboard (payouts, bank account) with a one-time login link. */
export const openStripeDashboardAction = gatedAction(ownerWithStripe, {
  run: ({ db, gate }) => dashboardLink(db, gate.stripe, gate.member),
  refused: unreachable,
  done: (link) => ({ redirect: link.url }),
});
