import { applyMetadata, invalid, newId, StripeTestApiError, type MetadataInput } from "../stripe-test-common";
import type { TestAccount, TestAccountLink, TestLoginLink, TestRequirements } from "../stripe-test-objects";
import { metadata, nested, required, str, unknown } from "../stripe-test-params";
import { perStore, type StripeTestStore } from "../stripe-test-store";
import type { Route } from "./route";

/**
 * Connect: connected accounts (created by the platform with controller properties), Account Links to the hosted
 * onboarding page, and login links to the Express dashboard. A new account has requirements currently due; the
 * hosted onboarding page's "Submit details" (or completeOnboarding) satisfies them, enables charges and payouts and
 * sends `account.updated` with `account` set, as Stripe does on a Connect endpoint.
 */

/** What Stripe asks a new Express account in the US for, before it can take charges. */
const ONBOARDING_REQUIREMENTS = [
  "business_profile.url",
  "business_type",
  "external_account",
  "representative.first_name",
  "representative.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];
/** Stripe's account links expire after a few minutes. */
const LINK_SECONDS = 300;

export type AccountInput = {
  controller: {
    stripeDashboard?: string;
    requirementCollection?: string;
    feesPayer?: string;
    lossesPayments?: string;
    type?: string;
  };
  country?: string;
  email?: string;
  businessName?: string;
  capabilities?: string[];
  metadata?: MetadataInput;
};

const requirements = (due: string[], disabled: string | null): TestRequirements => ({
  alternatives: [],
  current_deadline: null,
  currently_due: [...due],
  disabled_reason: disabled,
  errors: [],
  eventually_due: [...due],
  past_due: [],
  pending_verification: [],
});

/** What an account link leads to, kept apart from the link itself (Stripe's link shows only its URL). */
type LinkTarget = {
  account: string;
  type: string;
  refreshUrl: string;
  returnUrl: string;
  used: boolean;
  expiresAt: number;
};

const linkTargets = perStore(() => new Map<string, LinkTarget>());
/** The account each login link opens, by the link's token. */
const loginTargets = perStore(() => new Map<string, string>());

export function createAccount(s: StripeTestStore, input: AccountInput): TestAccount {
  const c = input.controller;
  const oneOf = (value: string | undefined, allowed: string[], fallback: string, param: string) => {
    if (value === undefined) return fallback;
    if (!allowed.includes(value)) throw invalid(`Invalid ${param}: must be one of ${allowed.join(", ")}`, param);
    return value;
  };
  const dashboard = oneOf(
    c.stripeDashboard,
    ["express", "full", "none"],
    "full",
    "controller[stripe_dashboard][type]",
  ) as TestAccount["controller"]["stripe_dashboard"]["type"];
  const collection = oneOf(
    c.requirementCollection,
    ["stripe", "application"],
    "stripe",
    "controller[requirement_collection]",
  ) as TestAccount["controller"]["requirement_collection"];
  const payer = oneOf(
    c.feesPayer,
    ["application", "account"],
    "account",
    "controller[fees][payer]",
  ) as TestAccount["controller"]["fees"]["payer"];
  const losses = oneOf(
    c.lossesPayments,
    ["application", "stripe"],
    "stripe",
    "controller[losses][payments]",
  ) as TestAccount["controller"]["losses"]["payments"];
  // Stripe's rule: an Express dashboard needs Stripe to collect requirements.
  if (dashboard === "express" && collection !== "stripe")
    throw invalid(
      "An account with the Express Dashboard must have requirement_collection set to stripe.",
      "controller[requirement_collection]",
    );
  const account: TestAccount = {
    id: newId("acct_"),
    object: "account",
    type: dashboard === "express" ? "express" : dashboard === "full" ? "standard" : "custom",
    controller: {
      type: "application",
      is_controller: true,
      stripe_dashboard: { type: dashboard },
      requirement_collection: collection,
      fees: { payer },
      losses: { payments: losses },
    },
    business_profile: {
      name: input.businessName ?? null,
      url: null,
      product_description: null,
      support_email: null,
      support_phone: null,
      mcc: null,
    },
    business_type: null,
    capabilities: Object.fromEntries((input.capabilities ?? []).map((name) => [name, "inactive" as const])),
    charges_enabled: false,
    payouts_enabled: false,
    details_submitted: false,
    country: input.country ?? "US",
    default_currency: "usd",
    email: input.email ?? null,
    metadata: applyMetadata({}, input.metadata),
    requirements: requirements(ONBOARDING_REQUIREMENTS, "requirements.past_due"),
    future_requirements: requirements([], null),
    tos_acceptance: { date: null, ip: null, user_agent: null },
    created: s.now(),
  };
  s.save(s.objects.accounts, account, null);
  return account;
}

export function updateAccount(
  s: StripeTestStore,
  id: string,
  input: { email?: string; businessName?: string; metadata?: MetadataInput },
): TestAccount {
  const account = s.get(s.objects.accounts, id);
  if (input.email !== undefined) account.email = input.email;
  if (input.businessName !== undefined) account.business_profile.name = input.businessName;
  account.metadata = applyMetadata(account.metadata, input.metadata);
  s.emit("account.updated", account, undefined, account.id);
  return account;
}

export function createAccountLink(
  s: StripeTestStore,
  input: { account: string; type: string; refreshUrl: string; returnUrl: string },
): TestAccountLink {
  s.get(s.objects.accounts, input.account, "account");
  if (input.type !== "account_onboarding" && input.type !== "account_update")
    throw invalid("Invalid type: must be one of account_onboarding, account_update", "type");
  const token = newId("");
  const link: TestAccountLink = {
    object: "account_link",
    created: s.now(),
    expires_at: s.now() + LINK_SECONDS,
    url: `${s.baseUrl}/connect/onboarding/${token}`,
  };
  s.objects.accountLinks.set(token, link);
  linkTargets(s).set(token, {
    account: input.account,
    type: input.type,
    refreshUrl: input.refreshUrl,
    returnUrl: input.returnUrl,
    used: false,
    expiresAt: link.expires_at,
  });
  return link;
}

/** Stripe creates login links only for Express-dashboard accounts that finished onboarding. */
export function createLoginLink(s: StripeTestStore, accountId: string): TestLoginLink {
  const account = s.get(s.objects.accounts, accountId, "account");
  if (account.controller.stripe_dashboard.type !== "express")
    throw invalid("Login links can only be created for accounts that use the Express Dashboard.", "account");
  if (!account.details_submitted)
    throw invalid("Cannot create a login link for an account that has not completed onboarding.", "account");
  const token = newId("");
  const link: TestLoginLink = { object: "login_link", created: s.now(), url: `${s.baseUrl}/connect/express/${token}` };
  s.objects.loginLinks.set(token, link);
  loginTargets(s).set(token, accountId);
  return link;
}

/** What the hosted onboarding page does when the operator submits their details. */
export function completeOnboarding(s: StripeTestStore, accountId: string): TestAccount {
  const account = s.get(s.objects.accounts, accountId, "account");
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    requirements: structuredClone(account.requirements),
  };
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.business_type = "individual";
  account.requirements = requirements([], null);
  account.tos_acceptance = { date: s.now(), ip: "127.0.0.1", user_agent: "Stripe test server" };
  for (const name of Object.keys(account.capabilities)) account.capabilities[name] = "active";
  s.emit("account.updated", account, previous, account.id);
  return account;
}

/** Where a hosted onboarding URL leads; `live` is false once it was used or has expired (then: refresh_url). */
export function onboardingTarget(s: StripeTestStore, token: string): LinkTarget & { live: boolean } {
  const target = linkTargets(s).get(token);
  if (!target)
    throw new StripeTestApiError(404, {
      type: "invalid_request_error",
      message: "This onboarding link does not exist.",
    });
  return { ...target, live: !target.used && target.expiresAt >= s.now() };
}

/** Account links are single-use: submitting the page spends it. */
export function spendOnboardingLink(s: StripeTestStore, token: string): void {
  const target = linkTargets(s).get(token);
  if (target) target.used = true;
}

/** The account a login link opens the Express dashboard of. */
export function loginTarget(s: StripeTestStore, token: string): TestAccount {
  const account = loginTargets(s).get(token);
  if (!account)
    throw new StripeTestApiError(404, { type: "invalid_request_error", message: "This login link does not exist." });
  return s.get(s.objects.accounts, account);
}

export const connectRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/accounts$/,
    params: ["controller", "type", "country", "email", "business_profile", "capabilities", "metadata"],
    handler: (s, p) => {
      if (p.type !== undefined) throw unknown("type"); // this server makes accounts with controller properties only
      const controller = nested(p, "controller", ["stripe_dashboard", "requirement_collection", "fees", "losses"]);
      return createAccount(s, {
        controller: {
          stripeDashboard: str(nested(controller, "stripe_dashboard", ["type"]), "type"),
          requirementCollection: str(controller, "requirement_collection"),
          feesPayer: str(nested(controller, "fees", ["payer"]), "payer"),
          lossesPayments: str(nested(controller, "losses", ["payments"]), "payments"),
        },
        country: str(p, "country"),
        email: str(p, "email"),
        businessName: str(
          nested(p, "business_profile", ["name", "url", "product_description", "support_email"]),
          "name",
        ),
        capabilities: Object.keys(nested(p, "capabilities", ["card_payments", "transfers"])),
        metadata: metadata(p),
      });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/accounts\/([^/]+)$/,
    params: [],
    handler: (s, _p, id) => s.get(s.objects.accounts, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/accounts\/([^/]+)$/,
    params: ["email", "business_profile", "metadata"],
    handler: (s, p, id) =>
      updateAccount(s, id, {
        email: str(p, "email"),
        businessName: str(nested(p, "business_profile", ["name"]), "name"),
        metadata: metadata(p),
      }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/accounts\/([^/]+)\/login_links$/,
    params: [],
    handler: (s, _p, id) => createLoginLink(s, id),
  },
  {
    method: "POST",
    pattern: /^\/v1\/account_links$/,
    params: ["account", "type", "refresh_url", "return_url", "collect"],
    handler: (s, p) =>
      createAccountLink(s, {
        account: required(p, "account"),
        type: required(p, "type"),
        refreshUrl: required(p, "refresh_url"),
        returnUrl: required(p, "return_url"),
      }),
  },
];
