import { EXPRESS_CONTROLLER } from "@/lib/billing/connect";
import { describe, expect, it } from "vitest";
import fixtures from "./stripe-fixtures.json";
import {
  keysMissingFromFixture,
  server,
  setUpStripeTestServer,
  stripe,
  stripeError,
  type Json,
} from "./stripe-test-harness";

// Connect on the Stripe test server: accounts made with controller properties, account links to the hosted
// onboarding page, login links to the Express dashboard, `account.updated` with `account`, and the shapes of all
// three checked against Stripe's own examples (stripe-fixtures.json, extracted from Stripe's fixtures3.json).

setUpStripeTestServer();

const express = { controller: EXPRESS_CONTROLLER };

describe("Connect accounts", () => {
  it("creates, reads and updates an Express-style account that needs details before it can take charges", async () => {
    const account = await stripe.accounts.create({
      ...express,
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      business_profile: { name: "Studio A" },
      metadata: { livebase_workspace_id: "w1" },
    });
    expect(account.id).toMatch(/^acct_/);
    expect(account).toMatchObject({
      object: "account",
      type: "express",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      controller: { type: "application", is_controller: true, stripe_dashboard: { type: "express" } },
    });
    expect(account.requirements?.currently_due).toContain("external_account");
    expect(account.capabilities).toEqual({ card_payments: "inactive", transfers: "inactive" });
    expect(await stripe.accounts.retrieve(account.id)).toEqual(account);
    const updated = await stripe.accounts.update(account.id, { email: "owner@studio.test", metadata: { plan: "pro" } });
    expect(updated).toMatchObject({
      email: "owner@studio.test",
      metadata: { livebase_workspace_id: "w1", plan: "pro" },
    });
    expect(await stripeError(stripe.accounts.retrieve("acct_missing"))).toMatchObject({
      statusCode: 404,
      message: "No such account: 'acct_missing'",
    });
    expect(
      await stripeError(
        stripe.accounts.create({
          controller: { stripe_dashboard: { type: "express" }, requirement_collection: "application" },
        }),
      ),
    ).toMatchObject({ statusCode: 400, param: "controller[requirement_collection]" });
  });

  it("onboards through the hosted page: requirements met, charges and payouts on, account.updated with `account`", async () => {
    const account = await stripe.accounts.create({ ...express, business_profile: { name: "Studio B" } });
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://app.test/refresh",
      return_url: "http://app.test/return",
    });
    expect(link.url).toMatch(new RegExp(`^${server.url}/connect/onboarding/`));
    const page = await fetch(link.url);
    const body = await page.text();
    expect(body).toContain("Set up payments for Studio B");
    expect(body).toContain("external_account");
    const submitted = await fetch(link.url, { method: "POST", redirect: "manual" });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe("http://app.test/return");
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: true,
      requirements: { currently_due: [], disabled_reason: null },
    });
    const event = server.events.findLast((e) => e.type === "account.updated");
    expect(event).toMatchObject({
      account: account.id,
      data: { object: { id: account.id, charges_enabled: true }, previous_attributes: { charges_enabled: false } },
    });
    // Links are single-use: opened again, it sends the operator to the refresh URL for a new one.
    const spent = await fetch(link.url, { redirect: "manual" });
    expect(spent.headers.get("location")).toBe("http://app.test/refresh");
  });

  it("makes login links only for onboarded Express accounts, and records the Stripe-Account header", async () => {
    const account = await stripe.accounts.create(express);
    expect(await stripeError(stripe.accounts.createLoginLink(account.id))).toMatchObject({
      statusCode: 400,
      param: "account",
    });
    server.completeOnboarding(account.id);
    const login = await stripe.accounts.createLoginLink(account.id);
    expect(login).toMatchObject({ object: "login_link" });
    expect(await (await fetch(login.url)).text()).toContain("Payouts enabled");
    await stripe.customers.create({ email: "c@example.com" }, { stripeAccount: account.id });
    expect(server.requests.at(-1)).toMatchObject({ path: "/v1/customers", stripeAccount: account.id });
  });

  it("returns account, account_link and login_link objects with Stripe's keys only", async () => {
    const account = await stripe.accounts.create({ ...express, capabilities: { card_payments: { requested: true } } });
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://app.test/r",
      return_url: "http://app.test/x",
    });
    server.completeOnboarding(account.id);
    const login = await stripe.accounts.createLoginLink(account.id);
    // As JSON, the wire shape: without the SDK's non-enumerable lastResponse.
    const raw = (o: object) => JSON.parse(JSON.stringify(o)) as Json;
    expect(keysMissingFromFixture("account", raw(account))).toEqual([]);
    expect(keysMissingFromFixture("account_link", raw(link))).toEqual([]);
    expect(keysMissingFromFixture("login_link", raw(login))).toEqual([]);
    // And the other way round for the links: every key of Stripe's example is there.
    expect(Object.keys(raw(link)).sort()).toEqual(Object.keys(fixtures.resources.account_link).sort());
    expect(Object.keys(raw(login)).sort()).toEqual(Object.keys(fixtures.resources.login_link).sort());
  });
});
