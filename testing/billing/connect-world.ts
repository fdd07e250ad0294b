import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { charges, invoices, platformFeeEntries, stripeConnectedAccounts, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import { bookingWorld } from "@/db/testing/booking-fixtures";
import { EXPRESS_CONTROLLER, syncConnectedAccount } from "@/lib/billing/connect";
import { applyCompletedCheckout, startCardCheckout } from "@/lib/billing/customers";
import { assembleInvoices, sendDueInvoices } from "@/lib/billing/invoicing";
import { fixtureNow } from "@/testing/billing/billing-fixtures";
import { startStripeTestServer, type StripeTestServer } from "@/testing/stripe/stripe-test-server";

/**
 * Platform mode's test world: a Stripe test server per test file, workspaces whose connected accounts finished
 * onboarding, cards saved through Checkout on them, pending charges, and the invoicing job. Call
 * setUpConnectWorld() once at the top of a test file; `clock.now` moves with `later`.
 */
export function setUpConnectWorld() {
  let server: StripeTestServer;
  let stripe: Stripe;
  const clock = { now: new Date(fixtureNow.getTime()) };
  beforeAll(async () => {
    // Stripe's clock is the test's: fees and refunds are dated in the months the test reports on.
    server = await startStripeTestServer({ clock: () => clock.now.getTime() });
    stripe = server.client({ timeoutMs: 2000 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.clearFaults());
  const later = (m: number) => (clock.now = new Date(clock.now.getTime() + m * 60_000));

  /** A workspace whose connected account finished onboarding (charges enabled), with its own fee rate and currency. */
  async function connectedWorkspace(db: Db, opts: { basisPoints: number; currency?: string }) {
    const w = await bookingWorld(db);
    await db
      .update(workspaces)
      .set({ platformFeeBasisPoints: opts.basisPoints, currency: opts.currency ?? "USD" })
      .where(eq(workspaces.id, w.workspace.id));
    const account = await stripe.accounts.create({
      controller: EXPRESS_CONTROLLER,
      business_profile: { name: w.workspace.name },
    });
    server.completeOnboarding(account.id);
    await db.insert(stripeConnectedAccounts).values({ workspaceId: w.workspace.id, stripeAccountId: account.id });
    await syncConnectedAccount(db, stripe, account.id, clock.now);
    return { ...w, account: account.id, at: { stripe, account: account.id } };
  }
  type World = Awaited<ReturnType<typeof connectedWorkspace>>;

  /**
   * Stripe Tax set up on a connected account (a head office in Los Angeles, so its settings are active), and
   * registered in California from now when `registerCa`.
   */
  async function taxReady(account: string, opts: { registerCa: boolean }) {
    const on = { stripeAccount: account };
    await stripe.tax.settings.update(
      {
        head_office: {
          address: {
            line1: "1200 S Santa Fe Ave",
            city: "Los Angeles",
            state: "CA",
            postal_code: "90021",
            country: "US",
          },
        },
      },
      on,
    );
    if (opts.registerCa)
      await stripe.tax.registrations.create(
        { country: "US", country_options: { us: { state: "CA", type: "state_sales_tax" } }, active_from: "now" },
        on,
      );
  }

  async function saveCard(db: Db, w: World, userId: string, card: { last4?: string } = {}) {
    const url = await startCardCheckout(db, w.at, {
      workspaceId: w.workspace.id,
      userId,
      currency: "USD",
      returnUrl: "http://localhost:3000/w/x/billing",
      now: clock.now,
    });
    const sessionId = url!.split("/").pop()!;
    server.completeCheckout(sessionId, { brand: "visa", last4: card.last4 ?? "4242" });
    expect(await applyCompletedCheckout(db, w.at, sessionId, clock.now)).toBe(true);
  }

  /** A pending charge made two hours ago (past the invoice delay), as check-out makes them; or its tax line. */
  async function pendingCharge(
    db: Db,
    w: World,
    creatorId: string,
    cents: number,
    currency = "USD",
    tax?: { rate: string; of: string },
  ) {
    const [c] = await db
      .insert(charges)
      .values({
        workspaceId: w.workspace.id,
        creatorId,
        kind: tax ? "tax" : "add_on",
        ...(tax ? { taxRate: tax.rate, taxedChargeId: tax.of } : {}),
        description: tax ? `Tax ${tax.rate} %` : `Studio time ${cents}`,
        unitAmountCents: cents,
        amountCents: cents,
        currency,
        idempotencyKey: `test:${crypto.randomUUID()}`,
        createdAt: new Date(clock.now.getTime() - 2 * 3_600_000),
      })
      .returning();
    return c;
  }

  /** One pass of the invoicing job for the workspace, in platform mode. */
  async function invoiceAndSend(db: Db, w: World) {
    await assembleInvoices(db, clock.now, true, { workspaceId: w.workspace.id });
    return sendDueInvoices(db, stripe, clock.now, { platform: true, workspaceId: w.workspace.id });
  }

  const invoicesOf = (db: Db, w: World) =>
    db.select().from(invoices).where(eq(invoices.workspaceId, w.workspace.id)).orderBy(invoices.createdAt);
  const entriesOf = (db: Db, invoiceId: string) =>
    db
      .select()
      .from(platformFeeEntries)
      .where(eq(platformFeeEntries.invoiceId, invoiceId))
      .orderBy(platformFeeEntries.amountCents);

  return {
    server: () => server,
    stripe: () => stripe,
    clock,
    later,
    connectedWorkspace,
    taxReady,
    saveCard,
    pendingCharge,
    invoiceAndSend,
    invoicesOf,
    entriesOf,
  };
}
