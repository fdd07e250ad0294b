import { applyMetadata, invalid, newId, StripeTestApiError, type MetadataInput } from "./stripe-test-common";
import type { TestAccount, TestAccountLink, TestLoginLink, TestRequirements } from "./stripe-test-objects";
import { StripeTestStore } from "./stripe-test-store";

/**
 * Connect: connected accounts (created by the platform with controller properties), Account Links to the hosted
 * onboarding page, and login links to the Express dashboard. A new account has requirements currently due; the
 * hosted onboarding page's "Submit details" (or completeOnboarding) satisfies them, enables charges and payouts and
 * sends `account.updated` with `account` set, as Stripe does on a Connect endpoint.
 */

/** What Stripe asks a new Express account in the US for, before it can take charges. */
const ONBOARDING_REQUIREMENTS = ["business_profile.url", "business_type", "external_account", "representative.first_name", "representative.last_name", "tos_acceptance.date", "tos_acceptance.ip"];
/** Stripe's account links expire after a few minutes. */
const LINK_SECONDS = 300;

export type AccountInput = {
  controller: { stripeDashboard?: string; requirementCollection?: string; feesPayer?: string; lossesPayments?: string; type?: string };
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
type LinkTarget = { account: string; type: string; refreshUrl: string; returnUrl: string; used: boolean; expiresAt: number };

export class StripeTestConnect extends StripeTestStore {
  private readonly linkTargets = new Map<string, LinkTarget>();
  private readonly loginTargets = new Map<string, string>();

  createAccount(input: AccountInput): TestAccount {
    const c = input.controller;
    const oneOf = (value: string | undefined, allowed: string[], fallback: string, param: string) => {
      if (value === undefined) return fallback;
      if (!allowed.includes(value)) throw invalid(`Invalid ${param}: must be one of ${allowed.join(", ")}`, param);
      return value;
    };
    const dashboard = oneOf(c.stripeDashboard, ["express", "full", "none"], "full", "controller[stripe_dashboard][type]") as TestAccount["controller"]["stripe_dashboard"]["type"];
    const collection = oneOf(c.requirementCollection, ["stripe", "application"], "stripe", "controller[requirement_collection]") as TestAccount["controller"]["requirement_collection"];
    const payer = oneOf(c.feesPayer, ["application", "account"], "account", "controller[fees][payer]") as TestAccount["controller"]["fees"]["payer"];
    const losses = oneOf(c.lossesPayments, ["application", "stripe"], "stripe", "controller[losses][payments]") as TestAccount["controller"]["losses"]["payments"];
    // Stripe's rule: an Express dashboard needs Stripe to collect requirements.
    if (dashboard === "express" && collection !== "stripe") throw invalid("An account with the Express Dashboard must have requirement_collection set to stripe.", "controller[requirement_collection]");
    const account: TestAccount = {
      id: newId("acct_"),
      object: "account",
      type: dashboard === "express" ? "express" : dashboard === "full" ? "standard" : "custom",
      controller: { type: "application", is_controller: true, stripe_dashboard: { type: dashboard }, requirement_collection: collection, fees: { payer }, losses: { payments: losses } },
      business_profile: { name: input.businessName ?? null, url: null, product_description: null, support_email: null, support_phone: null, mcc: null },
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
      created: this.now(),
    };
    this.save(this.objects.accounts, account, null);
    return account;
  }

  updateAccount(id: string, input: { email?: string; businessName?: string; metadata?: MetadataInput }): TestAccount {
    const account = this.get(this.objects.accounts, id);
    if (input.email !== undefined) account.email = input.email;
    if (input.businessName !== undefined) account.business_profile.name = input.businessName;
    account.metadata = applyMetadata(account.metadata, input.metadata);
    this.emit("account.updated", account, undefined, account.id);
    return account;
  }

  createAccountLink(input: { account: string; type: string; refreshUrl: string; returnUrl: string }): TestAccountLink {
    this.get(this.objects.accounts, input.account, "account");
    if (input.type !== "account_onboarding" && input.type !== "account_update") throw invalid("Invalid type: must be one of account_onboarding, account_update", "type");
    const token = newId("");
    const link: TestAccountLink = { object: "account_link", created: this.now(), expires_at: this.now() + LINK_SECONDS, url: `${this.opts.baseUrl}/connect/onboarding/${token}` };
    this.objects.accountLinks.set(token, link);
    this.linkTargets.set(token, { account: input.account, type: input.type, refreshUrl: input.refreshUrl, returnUrl: input.returnUrl, used: false, expiresAt: link.expires_at });
    return link;
  }

  /** Stripe creates login links only for Express-dashboard accounts that finished onboarding. */
  createLoginLink(accountId: string): TestLoginLink {
    const account = this.get(this.objects.accounts, accountId, "account");
    if (account.controller.stripe_dashboard.type !== "express") throw invalid("Login links can only be created for accounts that use the Express Dashboard.", "account");
    if (!account.details_submitted) throw invalid("Cannot create a login link for an account that has not completed onboarding.", "account");
    const token = newId("");
    const link: TestLoginLink = { object: "login_link", created: this.now(), url: `${this.opts.baseUrl}/connect/express/${token}` };
    this.objects.loginLinks.set(token, link);
    this.loginTargets.set(token, accountId);
    return link;
  }

  /** What the hosted onboarding page does when the operator submits their details. */
  completeOnboarding(accountId: string): TestAccount {
    const account = this.get(this.objects.accounts, accountId, "account");
    const previous = { charges_enabled: account.charges_enabled, payouts_enabled: account.payouts_enabled, details_submitted: account.details_submitted, requirements: structuredClone(account.requirements) };
    account.details_submitted = true;
    account.charges_enabled = true;
    account.payouts_enabled = true;
    account.business_type = "individual";
    account.requirements = requirements([], null);
    account.tos_acceptance = { date: this.now(), ip: "127.0.0.1", user_agent: "Stripe test server" };
    for (const name of Object.keys(account.capabilities)) account.capabilities[name] = "active";
    this.emit("account.updated", account, previous, account.id);
    return account;
  }

  /** Where a hosted onboarding URL leads; `live` is false once it was used or has expired (then: refresh_url). */
  onboardingTarget(token: string): LinkTarget & { live: boolean } {
    const target = this.linkTargets.get(token);
    if (!target) throw new StripeTestApiError(404, { type: "invalid_request_error", message: "This onboarding link does not exist." });
    return { ...target, live: !target.used && target.expiresAt >= this.now() };
  }

  /** Account links are single-use: submitting the page spends it. */
  spendOnboardingLink(token: string): void {
    const target = this.linkTargets.get(token);
    if (target) target.used = true;
  }

  /** The account a login link opens the Express dashboard of. */
  loginTarget(token: string): TestAccount {
    const account = this.loginTargets.get(token);
    if (!account) throw new StripeTestApiError(404, { type: "invalid_request_error", message: "This login link does not exist." });
    return this.get(this.objects.accounts, account);
  }
}
