import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripeEvents } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { startStripeTestServer, type StripeTestServer } from "@/testing/stripe/stripe-test-server";
import { POST } from "./route";

const SECRET = "whsec_route_test";
let server: StripeTestServer;

beforeAll(async () => {
  server = await startStripeTestServer();
  // The route reads Stripe's settings from the environment (parsed on first use, after this).
  process.env.STRIPE_SECRET_KEY = server.secretKey;
  process.env.STRIPE_API_BASE = server.url;
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
});
afterAll(() => server.close());

const post = (payload: string, signature?: string) =>
  POST(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    }),
  );

describe("POST /api/stripe/webhook", () => {
  it("answers 400 problem+json to a bad or missing signature and records nothing", async () => {
    const id = `evt_route_bad_${crypto.randomUUID()}`;
    const payload = JSON.stringify({
      id,
      object: "event",
      type: "customer.updated",
      data: { object: { id: "cus_x", object: "customer" } },
    });
    for (const res of [
      await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_ours" })),
      await post(payload),
    ]) {
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ status: 400, type: "https://livebase.dev/problems/bad_signature" });
    }
    expect(await testDb().select().from(stripeEvents).where(eq(stripeEvents.id, id))).toHaveLength(0);
  });

  it("refuses a signed event stamped more than 5 minutes ahead or behind, recording nothing", async () => {
    const id = `evt_route_future_${crypto.randomUUID()}`;
    const payload = JSON.stringify({
      id,
      object: "event",
      type: "customer.updated",
      data: { object: { id: "cus_x", object: "customer" } },
    });
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const timestamp of [nowSeconds + 600, nowSeconds - 600]) {
      const res = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }));
      expect(res.status, `t = now ${timestamp > nowSeconds ? "+" : "-"} 10 min`).toBe(400);
    }
    expect(await testDb().select().from(stripeEvents).where(eq(stripeEvents.id, id))).toHaveLength(0);
  });

  it("acknowledges a signed body that is not an event it can process (200, ignored), and records nothing to retry", async () => {
    const deep = `${'{"nested":'.repeat(20_000)}{"id":"cus_deep","object":"customer"}${"}".repeat(20_000)}`;
    const bodies = [
      "[]",
      JSON.stringify({ id: null, type: "customer.updated", data: { object: {} } }),
      JSON.stringify({ id: "evt_nodata", type: "customer.updated", data: null }),
      `{"id":"evt_deep_${crypto.randomUUID().replace(/-/g, "")}","object":"event","type":"customer.updated","data":{"object":${deep}}}`,
    ];
    const before = await testDb().select({ id: stripeEvents.id }).from(stripeEvents);
    for (const payload of bodies) {
      const res = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }));
      expect(res.status, payload.slice(0, 60)).toBe(200);
      expect(await res.json()).toMatchObject({ received: true });
    }
    const after = await testDb()
      .select({ id: stripeEvents.id, processedAt: stripeEvents.processedAt })
      .from(stripeEvents);
    expect(after.filter((e) => !before.some((b) => b.id === e.id) && !e.processedAt)).toEqual([]);
  });

  it("accepts a signed event once and answers a replay as a duplicate", async () => {
    const id = `evt_route_ok_${crypto.randomUUID()}`;
    const payload = JSON.stringify({
      id,
      object: "event",
      type: "payment_method.attached",
      data: { object: { id: "pm_x", object: "payment_method" } },
    });
    const sign = () => Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const first = await post(payload, sign());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await post(payload, sign());
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const rows = await testDb().select().from(stripeEvents).where(eq(stripeEvents.id, id));
    expect(rows).toHaveLength(1);
    expect(rows[0].processedAt).not.toBeNull();
  });
});
