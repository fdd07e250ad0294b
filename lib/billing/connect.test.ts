import { and, eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, stripeConnectedAccounts } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { makeMember, makeWorkspace } from "@/db/testing/factories";
import {
  EXPRESS_CONTROLLER,
  connectWorkspace,
  connectedAccountOf,
  continueOnboarding,
  dashboardLink,
  paymentsMode,
  refreshAccount,
} from "./connect";
import { startStripeTestServer, type StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { handleStripeWebhook } from "./webhooks";

// Connect onboarding against the Stripe test server, through the real SDK: the account, its links, its state.

const WEBHOOK_SECRET = "whsec_livebase_connect_test";
const CONNECT_SECRET = "whsec_livebase_connect_endpoint";
const now = new Date("2026-12-01T12:00:00Z");
const baseUrl = "http://localhost:3000/w/t/settings/payments";

let server: StripeTestServer;
let stripe: Stripe;
beforeAll(async () => {
  server = await startStripeTestServer();
  stripe = server.client({ timeoutMs: 2000 });
});
afterAll(() => server.close());
beforeEach(() => server.clearFaults());

async function world() {
  const db = testDb();
  const { workspace } = await makeWorkspace(db);
  const owner = await makeMember(db, workspace.id, "owner");
  const manager = await makeMember(db, workspace.id, "manager");
  return { db, workspace, owner: owner.actor, manager: manager.actor };
}

function signed(event: Stripe.Event, secret = CONNECT_SECRET, at = now) {
  const payload = JSON.stringify(event);
  return {
    payload,
    signature: Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: Math.floor(at.getTime() / 1000),
    }),
    secret: [WEBHOOK_SECRET, CONNECT_SECRET],
  };
}

describe("the payments mode", () => {
  it("is unconfigured without a key, single-operator by default, platform with STRIPE_CONNECT=on", () => {
    expect(paymentsMode({ STRIPE_CONNECT: "on" })).toBe("unconfigured");
    expect(paymentsMode({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_CONNECT: "off" })).toBe("single");
    expect(paymentsMode({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_CONNECT: "on" })).toBe("platform");
  });
});

describe("connecting a workspace", () => {
  it("creates one Express-style account per workspace, keyed by the workspace id, and an onboarding link", async () => {
    const { db, workspace, owner } = await world();
    const first = await connectWorkspace(db, stripe, owner, { baseUrl, now });
    expect(first.ok).toBe(true);
    const row = await connectedAccountOf(db, workspace.id);
    expect(row).toMatchObject({ chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false });
    expect(row!.stripeAccountId).toMatch(/^acct_/);
    expect(row!.requirementsDue).toContain("external_account");
    const created = server.requests.find(
      (r) => r.path === "/v1/accounts" && r.idempotencyKey === `livebase-account-${workspace.id}`,
    );
    expect(created?.body).toMatchObject({
      controller: EXPRESS_CONTROLLER,
      metadata: { livebase_workspace_id: workspace.id },
    });
    const link = server.requests.findLast((r) => r.path === "/v1/account_links");
    expect(link?.body).toMatchObject({
      account: row!.stripeAccountId,
      type: "account_onboarding",
      refresh_url: `${baseUrl}/refresh`,
      return_url: `${baseUrl}/return`,
    });
    if (first.ok) expect(first.value.url).toMatch(new RegExp(`^${server.url}/connect/onboarding/`));

    // A second click: the same account, a new link.
    const again = await connectWorkspace(db, stripe, owner, { baseUrl, now });
    expect(again.ok).toBe(true);
    expect(
      await db.select().from(stripeConnectedAccounts).where(eq(stripeConnectedAccounts.workspaceId, workspace.id)),
    ).toHaveLength(1);
    expect(
      server.requests.filter(
        (r) => r.path === "/v1/accounts" && r.idempotencyKey === `livebase-account-${workspace.id}`,
      ),
    ).toHaveLength(1);
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "payments.account_connected")));
    expect(audited).toHaveLength(1);
  });

  it("refuses everyone but owners, before asking Stripe", async () => {
    const { db, workspace, manager } = await world();
    const before = server.requests.length;
    expect(await connectWorkspace(db, stripe, manager, { baseUrl, now })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await continueOnboarding(db, stripe, manager, { baseUrl, now })).toMatchObject({
      ok: false,
      error: "not_found",
    });
    expect(await refreshAccount(db, stripe, manager, now)).toMatchObject({ ok: false, error: "not_found" });
    expect(await dashboardLink(db, stripe, manager)).toMatchObject({ ok: false, error: "not_found" });
    expect(server.requests.length).toBe(before);
    expect(await connectedAccountOf(db, workspace.id)).toBeNull();
  });

  it("says in words when Stripe fails, and stores nothing", async () => {
    const { db, workspace, owner } = await world();
    server.fault({ method: "POST", path: "/v1/accounts" }, "500");
    const r = await connectWorkspace(db, stripe, owner, { baseUrl, now });
    expect(r).toMatchObject({ ok: false, error: "stripe_error" });
    if (!r.ok) expect(r.message).toBe("Stripe could not be reached to create the account. Try again in a minute.");
    expect(await connectedAccountOf(db, workspace.id)).toBeNull();
  });

  it("continues onboarding, refreshes the state once details are in, then opens the Express dashboard", async () => {
    const { db, workspace, owner } = await world();
    expect(await continueOnboarding(db, stripe, owner, { baseUrl, now })).toMatchObject({
      ok: false,
      error: "not_connected",
    });
    await connectWorkspace(db, stripe, owner, { baseUrl, now });
    // Before onboarding Stripe has no dashboard to show: the refusal comes back in words.
    const early = await dashboardLink(db, stripe, owner);
    expect(early).toMatchObject({ ok: false, error: "stripe_error" });
    if (!early.ok) expect(early.message).toContain("has not completed onboarding");
    expect((await continueOnboarding(db, stripe, owner, { baseUrl, now })).ok).toBe(true);

    const row = (await connectedAccountOf(db, workspace.id))!;
    server.completeOnboarding(row.stripeAccountId);
    const later = new Date(now.getTime() + 60_000);
    const refreshed = await refreshAccount(db, stripe, owner, later);
    expect(refreshed).toMatchObject({
      ok: true,
      value: {
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
        requirementsDue: [],
        updatedAt: later,
      },
    });
    const dash = await dashboardLink(db, stripe, owner);
    expect(dash.ok && dash.value.url).toMatch(new RegExp(`^${server.url}/connect/express/`));
    const actions = (
      await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, workspace.id))
    )
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual([
      "payments.account_connected",
      "payments.account_refreshed",
      "payments.dashboard_opened",
      "payments.onboarding_continued",
    ]);
  });
});

describe("account.updated", () => {
  it("re-reads the account and stores its state; a replay changes nothing; an unknown account is ignored", async () => {
    const { db, workspace, owner } = await world();
    await connectWorkspace(db, stripe, owner, { baseUrl, now });
    const row = (await connectedAccountOf(db, workspace.id))!;
    server.completeOnboarding(row.stripeAccountId);
    const event = server.events.findLast(
      (e) => e.type === "account.updated" && (e.data.object as { id: string }).id === row.stripeAccountId,
    )!;
    expect(event.account).toBe(row.stripeAccountId);

    const at = new Date(now.getTime() + 120_000);
    expect(await handleStripeWebhook(db, stripe, signed(event, CONNECT_SECRET, at), at)).toMatchObject({
      ok: true,
      value: { duplicate: false, type: "account.updated" },
    });
    const stored = (await connectedAccountOf(db, workspace.id))!;
    expect(stored).toMatchObject({
      chargesEnabled: true,
      payoutsEnabled: true,
      detailsSubmitted: true,
      requirementsDue: [],
      updatedAt: at,
    });

    const replayAt = new Date(at.getTime() + 60_000);
    expect(await handleStripeWebhook(db, stripe, signed(event, CONNECT_SECRET, replayAt), replayAt)).toMatchObject({
      ok: true,
      value: { duplicate: true },
    });
    expect(await connectedAccountOf(db, workspace.id)).toEqual(stored);

    // An account that is not ours (another platform's test, a deleted workspace): acknowledged, nothing read or stored.
    const stranger = {
      ...event,
      id: `evt_stranger_${workspace.id.slice(0, 8)}`,
      account: "acct_not_ours",
      data: { object: { ...(event.data.object as object), id: "acct_not_ours" } },
    } as Stripe.Event;
    const reads = server.requests.filter((r) => r.path === "/v1/accounts/acct_not_ours").length;
    expect(await handleStripeWebhook(db, stripe, signed(stranger, CONNECT_SECRET, at), at)).toMatchObject({
      ok: true,
      value: { duplicate: false },
    });
    expect(server.requests.filter((r) => r.path === "/v1/accounts/acct_not_ours")).toHaveLength(reads);
    expect(
      await db
        .select()
        .from(stripeConnectedAccounts)
        .where(eq(stripeConnectedAccounts.stripeAccountId, "acct_not_ours")),
    ).toHaveLength(0);
  });

  it("refuses an event signed with neither secret", async () => {
    const { db, workspace, owner } = await world();
    await connectWorkspace(db, stripe, owner, { baseUrl, now });
    const row = (await connectedAccountOf(db, workspace.id))!;
    server.completeOnboarding(row.stripeAccountId);
    const event = server.events.findLast(
      (e) => e.type === "account.updated" && (e.data.object as { id: string }).id === row.stripeAccountId,
    )!;
    expect(await handleStripeWebhook(db, stripe, signed(event, "whsec_someone_else"), now)).toMatchObject({
      ok: false,
      error: "bad_signature",
    });
    expect(await connectedAccountOf(db, workspace.id)).toMatchObject({ chargesEnabled: false });
  });
});
