import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { onAccount, type StripeAt } from "./stripe-client";
import type { DbOrTx } from "@/db/client";
import { stripeCustomers, users } from "@/db/schema";
import { logger } from "../logger";

const memberOn = (workspaceId: string, userId: string, account: string) =>
  and(
    eq(stripeCustomers.workspaceId, workspaceId),
    eq(stripeCustomers.userId, userId),
    eq(stripeCustomers.stripeAccount, account),
  );

/**
 * The creator's Stripe Customer in this workspace on this account (one per creator, workspace and account),
 * created on first need: after a switch to platform mode the creator gets a new customer on the connected account
 * (cards do not move between accounts), and the old one is never used with the new account.
 * Two racing callers send the same idempotency key, so Stripe makes one customer and both store the same id.
 */
export async function ensureStripeCustomer(
  db: DbOrTx,
  at: StripeAt,
  workspaceId: string,
  userId: string,
): Promise<string> {
  const [known] = await db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(memberOn(workspaceId, userId, at.account));
  if (known) return known.id;
  const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  const customer = await at.stripe.customers.create(
    {
      email: user.email,
      name: user.name ?? undefined,
      metadata: { livebase_user_id: userId, livebase_workspace_id: workspaceId },
    },
    onAccount(at.account, `livebase-customer-${workspaceId}-${userId}`),
  );
  await db
    .insert(stripeCustomers)
    .values({ workspaceId, userId, stripeAccount: at.account, stripeCustomerId: customer.id, email: customer.email })
    .onConflictDoNothing();
  const [stored] = await db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(memberOn(workspaceId, userId, at.account));
  return stored.id;
}

/** Reads the customer from Stripe and stores its default card (brand, last 4, expiry) and email. */
export async function syncStripeCustomer(db: DbOrTx, at: StripeAt, stripeCustomerId: string, now: Date) {
  const [ours] = await db
    .select({ id: stripeCustomers.id })
    .from(stripeCustomers)
    .where(and(eq(stripeCustomers.stripeCustomerId, stripeCustomerId), eq(stripeCustomers.stripeAccount, at.account)));
  if (!ours) return; // not a customer of ours on this account
  const customer = await at.stripe.customers.retrieve(
    stripeCustomerId,
    { expand: ["invoice_settings.default_payment_method"] },
    onAccount(at.account),
  );
  if (customer.deleted) {
    await db
      .update(stripeCustomers)
      .set({
        defaultPaymentMethodId: null,
        cardBrand: null,
        cardLast4: null,
        cardExpMonth: null,
        cardExpYear: null,
        updatedAt: now,
      })
      .where(eq(stripeCustomers.stripeCustomerId, stripeCustomerId));
    return;
  }
  const pm = customer.invoice_settings?.default_payment_method;
  const card = pm && typeof pm === "object" ? pm.card : null;
  await db
    .update(stripeCustomers)
    .set({
      defaultPaymentMethodId: pm ? (typeof pm === "string" ? pm : pm.id) : null,
      cardBrand: card?.brand ?? null,
      cardLast4: card?.last4 ?? null,
      cardExpMonth: card?.exp_month ?? null,
      cardExpYear: card?.exp_year ?? null,
      email: customer.email,
      updatedAt: now,
    })
    .where(eq(stripeCustomers.stripeCustomerId, stripeCustomerId));
}

/**
 * A card saved through Checkout (setup mode) becomes the customer's default for invoices. Both the return from
 * Checkout and the webhooks call this; it reads the session from Stripe, so it is safe to run any number of times.
 */
export async function applyCompletedCheckout(
  db: DbOrTx,
  at: StripeAt,
  sessionId: string,
  now: Date,
  expectCustomer?: string,
): Promise<boolean> {
  const session = await at.stripe.checkout.sessions.retrieve(
    sessionId,
    { expand: ["setup_intent"] },
    onAccount(at.account),
  );
  const customerId = typeof session.customer === "string" ? session.customer : session.customer?.id;
  if (!customerId || (expectCustomer && customerId !== expectCustomer)) return false;
  const si = session.setup_intent;
  if (session.status !== "complete" || !si || typeof si === "string") return false;
  return applySetupIntent(db, at, si, now);
}

export async function applySetupIntent(db: DbOrTx, at: StripeAt, si: Stripe.SetupIntent, now: Date): Promise<boolean> {
  const customerId = typeof si.customer === "string" ? si.customer : si.customer?.id;
  const pmId = typeof si.payment_method === "string" ? si.payment_method : si.payment_method?.id;
  if (si.status !== "succeeded" || !customerId || !pmId) return false;
  const [ours] = await db
    .select()
    .from(stripeCustomers)
    .where(and(eq(stripeCustomers.stripeCustomerId, customerId), eq(stripeCustomers.stripeAccount, at.account)));
  if (!ours) return false; // not a customer of ours on this account
  if (ours.defaultPaymentMethodId !== pmId) {
    await at.stripe.customers.update(
      customerId,
      { invoice_settings: { default_payment_method: pmId } },
      onAccount(at.account, `livebase-default-pm-${customerId}-${pmId}`),
    );
  }
  await syncStripeCustomer(db, at, customerId, now);
  return true;
}

/** Starts Stripe Checkout in setup mode for the creator to save a card; returns the URL to send them to. */
/** A double click within the same minute opens the same session instead of a second one. */
const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

export async function startCardCheckout(
  db: DbOrTx,
  at: StripeAt,
  input: { workspaceId: string; userId: string; currency: string; returnUrl: string; now: Date },
) {
  const customer = await ensureStripeCustomer(db, at, input.workspaceId, input.userId);
  const session = await at.stripe.checkout.sessions.create(
    {
      mode: "setup",
      customer,
      currency: input.currency.toLowerCase(),
      success_url: `${input.returnUrl}?checkout=done&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${input.returnUrl}?checkout=cancelled`,
      metadata: { livebase_user_id: input.userId, livebase_workspace_id: input.workspaceId },
    },
    onAccount(at.account, `livebase-checkout-${input.workspaceId}-${input.userId}-${minuteOf(input.now)}`),
  );
  return session.url;
}

/** A Stripe Customer Portal session, where the creator manages cards and downloads invoices. */
export async function customerPortalUrl(
  db: DbOrTx,
  at: StripeAt,
  input: { workspaceId: string; userId: string; returnUrl: string; now: Date },
) {
  const customer = await ensureStripeCustomer(db, at, input.workspaceId, input.userId);
  const session = await at.stripe.billingPortal.sessions.create(
    { customer, return_url: input.returnUrl },
    onAccount(at.account, `livebase-portal-${input.workspaceId}-${input.userId}-${minuteOf(input.now)}`),
  );
  return session.url;
}

/** The creator's card on the account the workspace charges now (`account` from paymentsTarget; null: none). */
export async function cardOnFile(db: DbOrTx, workspaceId: string, userId: string, account: string | null) {
  if (account === null) return null;
  const [row] = await db
    .select()
    .from(stripeCustomers)
    .where(memberOn(workspaceId, userId, account));
  return row?.defaultPaymentMethodId
    ? { brand: row.cardBrand, last4: row.cardLast4, expMonth: row.cardExpMonth, expYear: row.cardExpYear }
    : null;
}

/**
 * The creator is back from Checkout: apply the saved card now rather than wait for the webhook (both are
 * idempotent). Only a session of the creator's own customer counts. "pending" when Stripe has not confirmed yet
 * or could not be read (the webhook applies it later).
 */
export async function checkoutReturn(
  db: DbOrTx,
  at: StripeAt,
  input: { workspaceId: string; userId: string; sessionId: string },
  now: Date,
): Promise<"saved" | "pending"> {
  const [mine] = await db
    .select({ id: stripeCustomers.stripeCustomerId })
    .from(stripeCustomers)
    .where(memberOn(input.workspaceId, input.userId, at.account));
  if (!mine) return "pending";
  try {
    return (await applyCompletedCheckout(db, at, input.sessionId, now, mine.id)) ? "saved" : "pending";
  } catch (err) {
    logger.warn({ err }, "reading the checkout session failed; the webhook will apply it");
    return "pending";
  }
}
