import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "@/db/client";
import { stripeCustomers, users } from "@/db/schema";
import { logger } from "../logger";

/**
 * The creator's Stripe Customer in this workspace (one per creator per workspace), created on first need.
 * Two racing callers send the same idempotency key, so Stripe makes one customer and both store the same id.
 */
export async function ensureStripeCustomer(db: DbOrTx, stripe: Stripe, workspaceId: string, userId: string): Promise<string> {
  const [known] = await db.select({ id: stripeCustomers.stripeCustomerId }).from(stripeCustomers).where(and(eq(stripeCustomers.workspaceId, workspaceId), eq(stripeCustomers.userId, userId)));
  if (known) return known.id;
  const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  const customer = await stripe.customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { livebase_user_id: userId, livebase_workspace_id: workspaceId } },
    { idempotencyKey: `livebase-customer-${workspaceId}-${userId}` },
  );
  await db.insert(stripeCustomers).values({ workspaceId, userId, stripeCustomerId: customer.id, email: customer.email }).onConflictDoNothing();
  const [stored] = await db.select({ id: stripeCustomers.stripeCustomerId }).from(stripeCustomers).where(and(eq(stripeCustomers.workspaceId, workspaceId), eq(stripeCustomers.userId, userId)));
  return stored.id;
}

/** Reads the customer from Stripe and stores its default card (brand, last 4, expiry) and email. */
export async function syncStripeCustomer(db: DbOrTx, stripe: Stripe, stripeCustomerId: string, now: Date) {
  const customer = await stripe.customers.retrieve(stripeCustomerId, { expand: ["invoice_settings.default_payment_method"] });
  if (customer.deleted) {
    await db.update(stripeCustomers).set({ defaultPaymentMethodId: null, cardBrand: null, cardLast4: null, cardExpMonth: null, cardExpYear: null, updatedAt: now }).where(eq(stripeCustomers.stripeCustomerId, stripeCustomerId));
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
export async function applyCompletedCheckout(db: DbOrTx, stripe: Stripe, sessionId: string, now: Date, expectCustomer?: string): Promise<boolean> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["setup_intent"] });
  const customerId = typeof session.customer === "string" ? session.customer : session.customer?.id;
  if (!customerId || (expectCustomer && customerId !== expectCustomer)) return false;
  const si = session.setup_intent;
  if (session.status !== "complete" || !si || typeof si === "string") return false;
  return applySetupIntent(db, stripe, si, now);
}

export async function applySetupIntent(db: DbOrTx, stripe: Stripe, si: Stripe.SetupIntent, now: Date): Promise<boolean> {
  const customerId = typeof si.customer === "string" ? si.customer : si.customer?.id;
  const pmId = typeof si.payment_method === "string" ? si.payment_method : si.payment_method?.id;
  if (si.status !== "succeeded" || !customerId || !pmId) return false;
  const [ours] = await db.select().from(stripeCustomers).where(eq(stripeCustomers.stripeCustomerId, customerId));
  if (!ours) return false; // not a customer of ours
  if (ours.defaultPaymentMethodId !== pmId) {
    await stripe.customers.update(customerId, { invoice_settings: { default_payment_method: pmId } }, { idempotencyKey: `livebase-default-pm-${customerId}-${pmId}` });
  }
  await syncStripeCustomer(db, stripe, customerId, now);
  return true;
}

/** Starts Stripe Checkout in setup mode for the creator to save a card; returns the URL to send them to. */
/** A double click within the same minute opens the same session instead of a second one. */
const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

export async function startCardCheckout(db: DbOrTx, stripe: Stripe, input: { workspaceId: string; userId: string; currency: string; returnUrl: string; now: Date }) {
  const customer = await ensureStripeCustomer(db, stripe, input.workspaceId, input.userId);
  const session = await stripe.checkout.sessions.create({
    mode: "setup",
    customer,
    currency: input.currency.toLowerCase(),
    success_url: `${input.returnUrl}?checkout=done&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${input.returnUrl}?checkout=cancelled`,
    metadata: { livebase_user_id: input.userId, livebase_workspace_id: input.workspaceId },
  }, { idempotencyKey: `livebase-checkout-${input.workspaceId}-${input.userId}-${minuteOf(input.now)}` });
  return session.url;
}

/** A Stripe Customer Portal session, where the creator manages cards and downloads invoices. */
export async function customerPortalUrl(db: DbOrTx, stripe: Stripe, input: { workspaceId: string; userId: string; returnUrl: string; now: Date }) {
  const customer = await ensureStripeCustomer(db, stripe, input.workspaceId, input.userId);
  const session = await stripe.billingPortal.sessions.create({ customer, return_url: input.returnUrl }, { idempotencyKey: `livebase-portal-${input.workspaceId}-${input.userId}-${minuteOf(input.now)}` });
  return session.url;
}

export async function cardOnFile(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db.select().from(stripeCustomers).where(and(eq(stripeCustomers.workspaceId, workspaceId), eq(stripeCustomers.userId, userId)));
  return row?.defaultPaymentMethodId ? { brand: row.cardBrand, last4: row.cardLast4, expMonth: row.cardExpMonth, expYear: row.cardExpYear } : null;
}

/**
 * The creator is back from Checkout: apply the saved card now rather than wait for the webhook (both are
 * idempotent). Only a session of the creator's own customer counts. "pending" when Stripe has not confirmed yet
 * or could not be read (the webhook applies it later).
 */
export async function checkoutReturn(db: DbOrTx, stripe: Stripe, input: { workspaceId: string; userId: string; sessionId: string }, now: Date): Promise<"saved" | "pending"> {
  const [mine] = await db.select({ id: stripeCustomers.stripeCustomerId }).from(stripeCustomers).where(and(eq(stripeCustomers.workspaceId, input.workspaceId), eq(stripeCustomers.userId, input.userId)));
  if (!mine) return "pending";
  try {
    return (await applyCompletedCheckout(db, stripe, input.sessionId, now, mine.id)) ? "saved" : "pending";
  } catch (err) {
    logger.warn({ err }, "reading the checkout session failed; the webhook will apply it");
    return "pending";
  }
}
