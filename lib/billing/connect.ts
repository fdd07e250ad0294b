import { eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, DbOrTx } from "@/db/client";
import { stripeConnectedAccounts, workspaces, type StripeConnectedAccount } from "@/db/schema";
import { can, type Actor } from "../auth/permissions";
import { getEnv } from "../env";
import { logger } from "../logger";
import { fail, ok, type Result } from "../result";
import { audit } from "../studios/access";
import { getStripe } from "./stripe-client";

/**
 * Stripe Connect onboarding (platform mode): a workspace connects its own Stripe account, onboards through
 * Stripe-hosted Account Links, and opens the Express dashboard through login links. Owners only.
 *
 * The account is created with controller properties that make it Express-style: Stripe collects the operator's
 * details (requirement_collection "stripe") and hosts a light dashboard for payouts (stripe_dashboard "express"),
 * while the platform sets the pricing (fees.payer "application", for the application fee of a later slice) and
 * carries negative balances (losses.payments "application"), as for Express accounts. See README, Payments.
 */

/** The controller properties of an Express-style account (see above): one definition for the app and its tests. */
export const EXPRESS_CONTROLLER = {
  stripe_dashboard: { type: "express" },
  requirement_collection: "stripe",
  fees: { payer: "application" },
  losses: { payments: "application" },
} as const satisfies Stripe.AccountCreateParams.Controller;

/** Which of the three the server runs: no Stripe at all, the server's own account, or one account per workspace. */
export type PaymentsMode = "unconfigured" | "single" | "platform";

export function paymentsMode(env: { STRIPE_SECRET_KEY?: string; STRIPE_CONNECT: "on" | "off" }): PaymentsMode {
  if (!env.STRIPE_SECRET_KEY) return "unconfigured";
  return env.STRIPE_CONNECT === "on" ? "platform" : "single";
}

/** What each mode means for an owner, in words (the Payments page and the actions say the same). */
export const MODE_WORDS: Record<Exclude<PaymentsMode, "platform">, string> = {
  unconfigured:
    "Stripe is not configured on this server. Charges and invoices stay in Livebase's ledger and are settled with the studio.",
  single: "Single-operator mode: payments go to the server's Stripe account, so there is no account to connect here.",
};

/** The platform's Stripe client when the server runs in platform mode; otherwise why there is nothing to connect. */
export function platformStripe(): Result<Stripe, "not_platform"> {
  const mode = paymentsMode(getEnv());
  const stripe = getStripe();
  if (mode !== "platform" || !stripe)
    return fail("not_platform", { message: MODE_WORDS[mode === "platform" ? "unconfigured" : mode] });
  return ok(stripe);
}

/** Stripe's requirement names (`external_account`, `tos_acceptance.date`) in words; an unknown one as Stripe names it. */
const REQUIREMENT_WORDS: Record<string, string> = {
  external_account: "A bank account for payouts",
  business_type: "The kind of business (individual or company)",
  "business_profile.url": "Your business website",
  "business_profile.mcc": "What your business does",
  "business_profile.product_description": "A description of what you sell",
  "business_profile.support_phone": "A support phone number",
  "tos_acceptance.date": "Accepting Stripe's terms of service",
  "tos_acceptance.ip": "Accepting Stripe's terms of service",
};
export function describeRequirement(name: string): string {
  if (REQUIREMENT_WORDS[name]) return REQUIREMENT_WORDS[name];
  const [who, ...rest] = name.split(".");
  const field = rest.join(" ").replace(/[._]/g, " ");
  if ((who === "representative" || who === "individual") && field) return `The representative's ${field}`;
  return name.replace(/[._]/g, " ");
}

export type ConnectError = "not_found" | "not_connected" | "stripe_error";
/** `baseUrl` is the Payments page (…/settings/payments): Account Links come back to its return and refresh routes. */
type LinkInput = { baseUrl: string; now: Date };

export async function connectedAccountOf(db: DbOrTx, workspaceId: string): Promise<StripeConnectedAccount | null> {
  const [row] = await db
    .select()
    .from(stripeConnectedAccounts)
    .where(eq(stripeConnectedAccounts.workspaceId, workspaceId));
  return row ?? null;
}

/** A Stripe error in words the owner can act on; anything else is unexpected and thrown. */
function stripeFailure(err: unknown, what: string) {
  if (!(err instanceof Stripe.errors.StripeError)) throw err;
  logger.warn({ err }, `Stripe Connect: ${what} failed`);
  const reachable = !(err instanceof Stripe.errors.StripeConnectionError) && (err.statusCode ?? 500) < 500;
  return fail("stripe_error" as const, {
    message: reachable
      ? `Stripe refused to ${what}: ${err.message}`
      : `Stripe could not be reached to ${what}. Try again in a minute.`,
  });
}

/**
 * Creates the workspace's connected account (once: the idempotency key is the workspace id, and the row is unique
 * per workspace) and returns an onboarding link. A workspace already connected just gets a new link.
 */
export async function connectWorkspace(
  db: Db,
  stripe: Stripe,
  actor: Actor,
  input: LinkInput,
): Promise<Result<{ url: string }, ConnectError>> {
  if (!can(actor, "payments.manage")) return fail("not_found");
  let row = await connectedAccountOf(db, actor.workspaceId);
  if (!row) {
    const [ws] = await db
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    let account: Stripe.Account;
    try {
      account = await stripe.accounts.create(
        {
          controller: EXPRESS_CONTROLLER,
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          business_profile: { name: ws?.name },
          metadata: { livebase_workspace_id: actor.workspaceId },
        },
        { idempotencyKey: `livebase-account-${actor.workspaceId}` },
      );
    } catch (err) {
      return stripeFailure(err, "create the account");
    }
    // The row and its audit line together; a racing second click inserts nothing and audits nothing.
    row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(stripeConnectedAccounts)
        .values({ workspaceId: actor.workspaceId, stripeAccountId: account.id, ...accountState(account, input.now) })
        .onConflictDoNothing()
        .returning();
      if (inserted)
        await audit(
          tx,
          actor,
          "payments.account_connected",
          { type: "workspace", id: actor.workspaceId },
          { stripeAccountId: inserted.stripeAccountId },
        );
      return inserted ?? (await connectedAccountOf(tx, actor.workspaceId));
    });
    if (!row) throw new Error("the connected account row vanished after its insert");
  }
  return onboardingLink(stripe, row.stripeAccountId, input);
}

/** A new onboarding link for a connected account (links are single-use and expire within minutes). */
export async function continueOnboarding(
  db: DbOrTx,
  stripe: Stripe,
  actor: Actor,
  input: LinkInput,
): Promise<Result<{ url: string }, ConnectError>> {
  if (!can(actor, "payments.manage")) return fail("not_found");
  const row = await connectedAccountOf(db, actor.workspaceId);
  if (!row) return fail("not_connected", { message: "This workspace is not connected to Stripe yet." });
  const link = await onboardingLink(stripe, row.stripeAccountId, input);
  if (link.ok)
    await audit(
      db,
      actor,
      "payments.onboarding_continued",
      { type: "workspace", id: actor.workspaceId },
      { stripeAccountId: row.stripeAccountId },
    );
  return link;
}

async function onboardingLink(
  stripe: Stripe,
  account: string,
  input: LinkInput,
): Promise<Result<{ url: string }, ConnectError>> {
  try {
    const link = await stripe.accountLinks.create({
      account,
      type: "account_onboarding",
      refresh_url: `${input.baseUrl}/refresh`,
      return_url: `${input.baseUrl}/return`,
    });
    return ok({ url: link.url });
  } catch (err) {
    return stripeFailure(err, "open onboarding");
  }
}

/** Re-reads the workspace's account from Stripe and stores its state (the Refresh button and the return URL). */
export async function refreshAccount(
  db: Db,
  stripe: Stripe,
  actor: Actor,
  now: Date,
): Promise<Result<StripeConnectedAccount, ConnectError>> {
  if (!can(actor, "payments.manage")) return fail("not_found");
  const row = await connectedAccountOf(db, actor.workspaceId);
  if (!row) return fail("not_connected", { message: "This workspace is not connected to Stripe yet." });
  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieve(row.stripeAccountId);
  } catch (err) {
    return stripeFailure(err, "read the account");
  }
  const stored = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(stripeConnectedAccounts)
      .set(accountState(account, now))
      .where(eq(stripeConnectedAccounts.id, row.id))
      .returning();
    await audit(
      tx,
      actor,
      "payments.account_refreshed",
      { type: "workspace", id: actor.workspaceId },
      { chargesEnabled: updated.chargesEnabled, payoutsEnabled: updated.payoutsEnabled },
    );
    return updated;
  });
  return ok(stored);
}

/** A one-time link into the operator's Stripe Express dashboard (payouts, bank account, tax forms). */
export async function dashboardLink(
  db: DbOrTx,
  stripe: Stripe,
  actor: Actor,
): Promise<Result<{ url: string }, ConnectError>> {
  if (!can(actor, "payments.manage")) return fail("not_found");
  const row = await connectedAccountOf(db, actor.workspaceId);
  if (!row) return fail("not_connected", { message: "This workspace is not connected to Stripe yet." });
  try {
    const link = await stripe.accounts.createLoginLink(row.stripeAccountId);
    await audit(
      db,
      actor,
      "payments.dashboard_opened",
      { type: "workspace", id: actor.workspaceId },
      { stripeAccountId: row.stripeAccountId },
    );
    return ok({ url: link.url });
  } catch (err) {
    return stripeFailure(err, "open the Stripe dashboard");
  }
}

/**
 * `account.updated`: re-reads the account from Stripe and stores it. An account that is not one of ours is ignored
 * (without asking Stripe); a replay or an out-of-order event stores the same current state.
 */
export async function syncConnectedAccount(
  db: DbOrTx,
  stripe: Stripe,
  stripeAccountId: string,
  now: Date,
): Promise<boolean> {
  const [known] = await db
    .select({ id: stripeConnectedAccounts.id })
    .from(stripeConnectedAccounts)
    .where(eq(stripeConnectedAccounts.stripeAccountId, stripeAccountId));
  if (!known) return false;
  const account = await stripe.accounts.retrieve(stripeAccountId);
  await db
    .update(stripeConnectedAccounts)
    .set(accountState(account, now))
    .where(eq(stripeConnectedAccounts.id, known.id));
  return true;
}

function accountState(account: Stripe.Account, now: Date) {
  return {
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: account.requirements?.currently_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
    updatedAt: now,
  };
}
