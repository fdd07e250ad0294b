import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { charges, memberships, stripeCustomers } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import type { Db } from "@/db/client";
import { setUpConnectWorld } from "@/testing/billing/connect-world";
import type { StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { DEFAULT_POLICIES } from "../policies/policies";
import { billingGate } from "./booking-gate";
import { syncConnectedAccount } from "./connect";
import { sendDueInvoices } from "./invoicing";
import { creditCharge } from "./credit-charge";
import { paymentsTarget } from "./payments-target";
import { netFeeOf, platformFee } from "./platform-fees";
import { applyStripeInvoice } from "./sync-invoice";
import { handleStripeWebhook } from "./webhooks";

// Platform mode on real PostgreSQL (and the embedded one) against the Stripe test server: every workspace charges
// on its own connected account (Stripe-Account), the platform takes its fee, and nothing crosses accounts.

const SECRET = "whsec_livebase_connect_test";
const world = setUpConnectWorld();
const { clock, later, connectedWorkspace, saveCard, pendingCharge, invoiceAndSend, invoicesOf, entriesOf } = world;
let stripe: Stripe;
let server: StripeTestServer;
beforeAll(() => {
  stripe = world.stripe();
  server = world.server();
});
const on = (account: string) => ({ stripeAccount: account });
const notFound = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof Stripe.errors.StripeError ? err.statusCode : "not a Stripe error";
  }
  return "found";
};
const sign = (payload: string) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: SECRET,
    timestamp: Math.floor(clock.now.getTime() / 1000),
  });
const deliver = (db: Db, event: object) => {
  const payload = JSON.stringify(event);
  return handleStripeWebhook(db, stripe, { payload, signature: sign(payload), secret: SECRET }, clock.now);
};

describe("platform fee arithmetic", () => {
  it("rounds half up to the currency's minor unit: the same integer rule for yen and cents", () => {
    expect(platformFee(14_500, 500)).toBe(725); // 5 % of $145.00
    expect(platformFee(1_010, 250)).toBe(25); // 25.25 cents → 25
    expect(platformFee(1_030, 250)).toBe(26); // 25.75 cents → 26
    expect(platformFee(1_499, 250)).toBe(37); // ¥37.475 → ¥37
    expect(platformFee(1_500, 250)).toBe(38); // ¥37.5 → ¥38
    expect(platformFee(0, 500)).toBe(0);
    expect(platformFee(-500, 500)).toBe(0);
    expect(platformFee(100, 10_000)).toBe(100);
  });
});

describe("charging on connected accounts", () => {
  it("keeps two workspaces' customers, invoices and fees on their own accounts, for a creator of both", async () => {
    const db = testDb();
    const a = await connectedWorkspace(db, { basisPoints: 500 });
    const b = await connectedWorkspace(db, { basisPoints: 1000 });
    const creator = a.creator.user.id;
    await db.insert(memberships).values({ workspaceId: b.workspace.id, userId: creator, role: "creator" });
    await saveCard(db, a, creator);
    await saveCard(db, b, creator);
    await pendingCharge(db, a, creator, 14_500);
    await pendingCharge(db, b, creator, 9_000);
    expect(await invoiceAndSend(db, a)).toMatchObject({ sent: 1, paid: 1 });
    expect(await invoiceAndSend(db, b)).toMatchObject({ sent: 1, paid: 1 });

    // One customer per account, never shared: each is invisible from the other account and from the platform.
    const customers = await db.select().from(stripeCustomers).where(eq(stripeCustomers.userId, creator));
    expect(customers.map((c) => c.stripeAccount).sort()).toEqual([a.account, b.account].sort());
    const [custA, custB] = [a.account, b.account].map(
      (acct) => customers.find((c) => c.stripeAccount === acct)!.stripeCustomerId,
    );
    expect(custA).not.toBe(custB);
    expect(await notFound(stripe.customers.retrieve(custA, {}, on(b.account)))).toBe(404);
    expect(await notFound(stripe.customers.retrieve(custA))).toBe(404);

    const [invA] = await invoicesOf(db, a);
    const [invB] = await invoicesOf(db, b);
    expect(invA).toMatchObject({ status: "paid", stripeAccount: a.account, amountPaidCents: 14_500 });
    expect(invB).toMatchObject({ status: "paid", stripeAccount: b.account, amountPaidCents: 9_000 });
    expect((await stripe.invoices.retrieve(invA.stripeInvoiceId!, {}, on(a.account))).customer).toBe(custA);
    expect(await notFound(stripe.invoices.retrieve(invA.stripeInvoiceId!, {}, on(b.account)))).toBe(404);
    expect(await notFound(stripe.invoices.retrieve(invB.stripeInvoiceId!))).toBe(404);
    // Every call made for an invoice carried its own account's header, and only that one.
    for (const inv of [invA, invB]) {
      const calls = server.requests.filter((r) => (r.idempotencyKey ?? "").includes(inv.id));
      expect(calls.length).toBeGreaterThan(3);
      expect(new Set(calls.map((r) => r.stripeAccount))).toEqual(new Set([inv.stripeAccount]));
    }

    // The platform's fee at each workspace's rate, taken by Stripe on each account and recorded from Stripe.
    const fees = (await stripe.applicationFees.list({ limit: 100 })).data.filter((f) =>
      [a.account, b.account].includes(f.account as string),
    );
    expect(fees.map((f) => [f.account, f.amount, f.currency]).sort()).toEqual(
      [
        [a.account, 725, "usd"],
        [b.account, 900, "usd"],
      ].sort(),
    );
    expect((await entriesOf(db, invA.id)).map((e) => [e.amountCents, e.stripeAccount, e.currency])).toEqual([
      [725, a.account, "USD"],
    ]);
    expect((await entriesOf(db, invB.id)).map((e) => [e.amountCents, e.stripeAccount])).toEqual([[900, b.account]]);
  });

  it("refunds a credit on a paid invoice with the platform fee in proportion, and the fee ledger records it", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await saveCard(db, w, w.creator.user.id);
    const c = await pendingCharge(db, w, w.creator.user.id, 14_500);
    await invoiceAndSend(db, w);
    const [inv] = await invoicesOf(db, w);
    expect(await netFeeOf(db, inv.id)).toBe(725);

    later(10);
    const credit = await creditCharge(
      db,
      w.manager.actor,
      c.id,
      { amount: 43.5, reason: "Lights failed for part of the session" },
      clock.now,
    );
    expect(credit.ok).toBe(true);
    expect(await sendDueInvoices(db, stripe, later(1), { platform: true, workspaceId: w.workspace.id })).toMatchObject({
      credited: 1,
    });

    // One refund on the connected account, with refund_application_fee, named by the credit note.
    const refunds = server.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && !r.replayed);
    const ours = refunds.filter((r) => r.stripeAccount === w.account);
    expect(ours).toHaveLength(1);
    expect(ours[0].body).toMatchObject({ amount: "4350", refund_application_fee: "true" });
    const [stored] = await db
      .select()
      .from(charges)
      .where(and(eq(charges.correctsChargeId, c.id), eq(charges.kind, "credit")));
    const note = await stripe.creditNotes.retrieve(stored.stripeCreditNoteId!, {}, on(w.account));
    expect(note.refunds?.map((r) => r.amount_refunded)).toEqual([4350]);
    // 725 × 4,350 / 14,500 = 217.5 → 218 returned; the ledger has the fee and its refund, keyed by Stripe's ids.
    expect((await entriesOf(db, inv.id)).map((e) => e.amountCents)).toEqual([-218, 725]);
    expect(await netFeeOf(db, inv.id)).toBe(507);
    const [after] = await invoicesOf(db, w);
    expect(after.amountRefundedCents).toBe(4350);

    // Replayed fee events add nothing.
    for (const e of server.events.filter((e) => e.type.startsWith("application_fee.")))
      expect((await deliver(db, e)).ok).toBe(true);
    expect((await entriesOf(db, inv.id)).map((e) => e.amountCents)).toEqual([-218, 725]);
  });

  it("takes an exact fee, on the untaxed amount, of a taxed yen invoice (no minor unit) and a taxed dollar one", async () => {
    const db = testDb();
    // ¥1,499 with 10 % tax (¥149.9 → ¥150): the invoice is ¥1,649, the fee 2.5 % of ¥1,499 = ¥37.475 → ¥37.
    const yen = await connectedWorkspace(db, { basisPoints: 250, currency: "JPY" });
    await saveCard(db, yen, yen.creator.user.id);
    const session = await pendingCharge(db, yen, yen.creator.user.id, 1_499, "JPY");
    await pendingCharge(db, yen, yen.creator.user.id, 150, "JPY", { rate: "10", of: session.id });
    await invoiceAndSend(db, yen);
    const [inv] = await invoicesOf(db, yen);
    expect(inv).toMatchObject({ status: "paid", currency: "JPY", amountPaidCents: 1_649 });
    const lines = (
      await stripe.invoices.retrieve(inv.stripeInvoiceId!, { expand: ["lines"] }, on(yen.account))
    ).lines.data.map((l) => [l.description, l.amount]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ["Tax 10 %", 150],
        ["Studio time 1499", 1_499],
      ]),
    );
    expect((await entriesOf(db, inv.id)).map((e) => [e.amountCents, e.currency])).toEqual([[37, "JPY"]]);

    // $10.30 with CA sales tax 9.5 % ($0.9785 → $0.98): $11.28 paid, the fee 2.5 % of $10.30 = 25.75 → 26 cents.
    const usd = await connectedWorkspace(db, { basisPoints: 250 });
    await saveCard(db, usd, usd.creator.user.id);
    const dollars = await pendingCharge(db, usd, usd.creator.user.id, 1_030);
    await pendingCharge(db, usd, usd.creator.user.id, 98, "USD", { rate: "9.5", of: dollars.id });
    await invoiceAndSend(db, usd);
    const [usdInv] = await invoicesOf(db, usd);
    expect(usdInv).toMatchObject({ status: "paid", amountPaidCents: 1_128 });
    expect((await entriesOf(db, usdInv.id)).map((e) => [e.amountCents, e.currency])).toEqual([[26, "USD"]]);
  });

  it("holds new invoices, and asks for no card, while the account cannot take charges; sends them once it can", async () => {
    const db = testDb();
    const w = await connectedWorkspace(db, { basisPoints: 500 });
    await saveCard(db, w, w.creator.user.id);
    const setCharges = async (enabled: boolean) => {
      const account = server.objects.accounts.get(w.account)!;
      account.charges_enabled = enabled;
      await syncConnectedAccount(db, stripe, w.account, clock.now);
    };
    await setCharges(false);
    const target = await paymentsTarget(db, w.workspace.id, { stripe, mode: "platform" });
    expect(target).toMatchObject({ canCharge: false, account: w.account });
    expect(target.waitingReason).toMatch(/not enabled charges/);
    // A creator without a card books under "Automatic": nobody could add one now.
    expect(
      await billingGate(db, {
        workspaceId: w.workspace.id,
        creatorId: w.creator2.user.id,
        policies: DEFAULT_POLICIES,
        forSelf: true,
        payments: target,
      }),
    ).toBeNull();

    await pendingCharge(db, w, w.creator.user.id, 6_000);
    const invoicesAtStripe = server.objects.invoices.size;
    expect(await invoiceAndSend(db, w)).toMatchObject({ sent: 0 });
    const [held] = await invoicesOf(db, w);
    expect(held).toMatchObject({ status: "draft", stripeInvoiceId: null, attempts: 0 });
    expect(server.objects.invoices.size).toBe(invoicesAtStripe);

    await setCharges(true);
    expect(await sendDueInvoices(db, stripe, later(1), { platform: true, workspaceId: w.workspace.id })).toMatchObject({
      sent: 1,
      paid: 1,
    });
    const [sent] = await invoicesOf(db, w);
    expect(sent).toMatchObject({ status: "paid", stripeAccount: w.account });
    // Enabled again, the card policy applies again.
    const ready = await paymentsTarget(db, w.workspace.id, { stripe, mode: "platform" });
    expect(
      await billingGate(db, {
        workspaceId: w.workspace.id,
        creatorId: w.creator2.user.id,
        policies: DEFAULT_POLICIES,
        forSelf: true,
        payments: ready,
      }),
    ).toMatchObject({ error: "card_required" });
  });

  it("ignores a replayed or reordered Connect event, and one that names an object of another account", async () => {
    const db = testDb();
    const a = await connectedWorkspace(db, { basisPoints: 500 });
    const b = await connectedWorkspace(db, { basisPoints: 500 });
    await saveCard(db, a, a.creator.user.id);
    await pendingCharge(db, a, a.creator.user.id, 6_000);
    await invoiceAndSend(db, a);
    const [inv] = await invoicesOf(db, a);
    const events = server.events.filter((e) => (e.data.object as { id?: string }).id === inv.stripeInvoiceId);
    expect(events.every((e) => e.account === a.account)).toBe(true);
    const paid = events.find((e) => e.type === "invoice.paid")!;
    const finalized = events.find((e) => e.type === "invoice.finalized")!;
    expect(await deliver(db, paid)).toMatchObject({ ok: true, value: { duplicate: false } });
    expect(await deliver(db, paid)).toMatchObject({ ok: true, value: { duplicate: true } });
    // Finalized (its payload still "open") after paid: the sync reads Stripe, so it stays paid.
    expect((await deliver(db, finalized)).ok).toBe(true);
    // An event that says another account voided it: read back from that account, the invoice does not exist there.
    const forged = { ...paid, id: `evt_forged_${crypto.randomUUID()}`, type: "invoice.voided", account: b.account };
    expect((await deliver(db, forged)).ok).toBe(true);
    const [after] = await invoicesOf(db, a);
    expect(after).toMatchObject({ status: "paid", stripeAccount: a.account, amountPaidCents: 6_000 });
    // Even an invoice object that names ours in its metadata is not applied when it was read from another account.
    const si = await stripe.invoices.retrieve(inv.stripeInvoiceId!, { expand: ["payments"] }, on(a.account));
    expect(await applyStripeInvoice(db, { ...si, status: "void" }, clock.now, undefined, b.account)).toBeNull();
    expect((await invoicesOf(db, a))[0]).toMatchObject({ status: "paid" });
    expect((await entriesOf(db, inv.id)).map((e) => e.amountCents)).toEqual([300]);
  });
});
