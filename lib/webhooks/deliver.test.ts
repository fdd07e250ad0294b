import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { deliverDueWebhooks, retryDelayMs } from "./deliver";
import { enqueueWebhookEvent, type WebhookPayload } from "./events";
import { verifySignature } from "./sign";
import { startReceiver, type Receiver } from "@/testing/webhooks/receiver";
import { webhookWorld } from "@/testing/webhooks/world";

const now = new Date("2026-03-02T10:00:00Z");
const later = (ms: number, from = now) => new Date(from.getTime() + ms);
const MIN = 60_000;

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

/** One endpoint of a fresh brand on the receiver, under a path of its own, and one event queued for it. */
async function oneDelivery(opts: { at?: Date } = {}) {
  const db = testDb();
  const w = await webhookWorld(db, now);
  const path = `/hooks/${w.tag}`;
  const endpoint = await w.endpoint(receiver.url(path));
  const eventId = await db.transaction((tx) =>
    enqueueWebhookEvent(tx, {
      workspaceId: w.workspace.id,
      brandId: w.brand.actor.brandId!,
      event: "shipment.received",
      data: { shipmentId: "s-1", items: 2 },
      now: opts.at ?? now,
    }),
  );
  const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
  const pass = (at: Date, extra: { timeoutMs?: number } = {}) =>
    deliverDueWebhooks(db, at, { workspaceId: w.workspace.id, allowPrivateHosts: true, ...extra });
  const requests = () => receiver.requests.filter((r) => r.path === path);
  const row = async () => (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)))[0];
  const attempts = () =>
    db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery.id))
      .orderBy(asc(webhookAttempts.createdAt));
  return { db, w, endpoint, eventId, delivery, pass, requests, row, attempts, path };
}

describe("delivering webhooks", () => {
  it("POSTs the event with a signature the receiver verifies, and the headers and payload brands rely on", async () => {
    receiver.respondWith(() => ({ status: 200, body: "thanks" }));
    const { endpoint, eventId, delivery, pass, requests, row, attempts, w } = await oneDelivery();
    expect(await pass(now)).toMatchObject({ attempted: 1, delivered: 1 });

    const [req] = requests();
    expect(requests()).toHaveLength(1);
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["user-agent"]).toBe("Livebase-Webhooks/1");
    expect(req.headers["livebase-event"]).toBe("shipment.received");
    expect(req.headers["livebase-delivery"]).toBe(delivery.id);
    const verified = verifySignature(req.headers["livebase-signature"] as string, req.body, endpoint.secret, { now });
    expect(verified).toEqual({ ok: true, value: { timestamp: now.getTime() / 1000 } });
    expect(JSON.parse(req.body) as WebhookPayload).toEqual({
      id: eventId,
      type: "shipment.received",
      created: now.toISOString(),
      workspaceId: w.workspace.id,
      data: { shipmentId: "s-1", items: 2 },
    });

    expect(await row()).toMatchObject({
      status: "delivered",
      attempts: 1,
      deliveredAt: now,
      nextAttemptAt: null,
      claimedUntil: null,
      lastStatusCode: 200,
      lastResponse: "thanks",
    });
    const log = await attempts();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ statusCode: 200, error: null, responseSnippet: "thanks", replay: false });

    // Delivered means done: later passes send nothing more.
    await pass(later(60 * MIN));
    expect(requests()).toHaveLength(1);
  });

  it("retries a 500 after a minute and delivers once when the receiver answers 200", async () => {
    receiver.respondWith((_req, i) => (i === 0 ? { status: 500, body: "x".repeat(2000) } : { status: 200 }));
    const { pass, requests, row, attempts } = await oneDelivery();
    receiver.requests.length = 0;

    expect(await pass(now)).toMatchObject({ attempted: 1, retrying: 1 });
    const afterFirst = await row();
    expect(afterFirst).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500",
      nextAttemptAt: later(MIN),
    });
    expect(afterFirst.lastResponse).toHaveLength(500);

    // Not due yet: nothing is sent.
    expect(await pass(later(30_000))).toMatchObject({ attempted: 0 });
    expect(requests()).toHaveLength(1);

    expect(await pass(later(MIN))).toMatchObject({ attempted: 1, delivered: 1 });
    await pass(later(10 * MIN));
    expect(requests()).toHaveLength(2);
    expect(await row()).toMatchObject({
      status: "delivered",
      attempts: 2,
      deliveredAt: later(MIN),
      lastStatusCode: 200,
      lastError: null,
    });
    expect((await attempts()).map((a) => a.statusCode)).toEqual([500, 200]);
  });

  it("gives up on a receiver that does not answer in time, after its timeout, and tries again later", async () => {
    receiver.respondWith(() => ({ status: 200, delayMs: 5_000 }));
    const { pass, requests, row, attempts } = await oneDelivery();
    const result = await pass(now, { timeoutMs: 300 });
    expect(result).toMatchObject({ attempted: 1, retrying: 1 });
    expect(requests()).toHaveLength(1);
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ statusCode: null, error: "No answer within 0.3 s" });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(250);
    expect(attempt.durationMs).toBeLessThan(5_000);
    expect(await row()).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: later(MIN),
      claimedUntil: null,
    });
  });

  it("backs off 1, 2, 4 … minutes up to 6 hours, then marks the delivery failed after 3 days, and never disables the endpoint", async () => {
    receiver.respondWith(() => ({ status: 503, body: "down" }));
    const { db, endpoint, pass, requests, row, attempts } = await oneDelivery();
    let at = now;
    for (let pass_ = 0; pass_ < 100; pass_++) {
      await pass(at);
      const current = await row();
      if (current.status !== "pending") break;
      at = current.nextAttemptAt!;
    }
    const final = await row();
    expect(final.status).toBe("failed");
    expect(final.nextAttemptAt).toBeNull();
    const log = await attempts();
    expect(requests()).toHaveLength(log.length);
    const gaps = log.slice(1).map((a, i) => (a.createdAt.getTime() - log[i].createdAt.getTime()) / MIN);
    expect(gaps.slice(0, 10)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
    expect(new Set(gaps.slice(9))).toEqual(new Set([360]));
    // Every try is inside the 3 days, and the next one would have been after them.
    const giveUpAt = later(3 * 24 * 60 * MIN);
    expect(final.giveUpAt).toEqual(giveUpAt);
    expect(log.at(-1)!.createdAt.getTime()).toBeLessThanOrEqual(giveUpAt.getTime());
    expect(log.at(-1)!.createdAt.getTime() + retryDelayMs(log.length)).toBeGreaterThan(giveUpAt.getTime());
    // Failed is final for the job: nothing more is sent.
    await pass(later(10 * 24 * 60 * MIN));
    expect(requests()).toHaveLength(log.length);
    const [stillOn] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(stillOn.enabled).toBe(true);
  });

  it("counts a redirect as a failure and never follows it", async () => {
    const { pass, requests, row, path } = await oneDelivery();
    receiver.respondWith((req) =>
      req.path.endsWith("/moved")
        ? { status: 200 }
        : { status: 301, headers: { location: receiver.url(`${path}/moved`) } },
    );
    await pass(now);
    expect(requests()).toHaveLength(1);
    expect(receiver.requests.some((r) => r.path.endsWith("/moved"))).toBe(false);
    expect(await row()).toMatchObject({
      status: "pending",
      lastStatusCode: 301,
      lastError: "Redirects are not followed: answer 2xx at this URL",
    });
  });

  it("keeps a disabled endpoint's deliveries waiting, and sends them once it is enabled again", async () => {
    receiver.respondWith(() => ({ status: 204 }));
    const { db, endpoint, pass, requests, row } = await oneDelivery();
    await db.update(webhookEndpoints).set({ enabled: false }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await pass(later(MIN))).toMatchObject({ attempted: 0 });
    expect(requests()).toHaveLength(0);
    await db.update(webhookEndpoints).set({ enabled: true }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await pass(later(2 * MIN))).toMatchObject({ delivered: 1 });
    expect(await row()).toMatchObject({ status: "delivered", lastStatusCode: 204 });
  });

  it(`two workers at once send every delivery exactly once (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    receiver.respondWith(() => ({ status: 200, delayMs: 50 }));
    const db = testDb();
    const w = await webhookWorld(db, now);
    const path = `/race/${w.tag}`;
    const endpoints = [await w.endpoint(receiver.url(path)), await w.endpoint(receiver.url(path))];
    for (let i = 0; i < 6; i++) {
      await db.transaction((tx) =>
        enqueueWebhookEvent(tx, {
          workspaceId: w.workspace.id,
          brandId: w.brand.actor.brandId!,
          event: "item.staged",
          data: { i },
          now,
        }),
      );
    }
    const opts = { workspaceId: w.workspace.id, limit: 50, allowPrivateHosts: true };
    const [a, b] = await Promise.all([deliverDueWebhooks(db, now, opts), deliverDueWebhooks(db, now, opts)]);
    expect(a.attempted + b.attempted).toBe(12);
    const posted = receiver.requests.filter((r) => r.path === path).map((r) => r.headers["livebase-delivery"]);
    expect(posted).toHaveLength(12);
    expect(new Set(posted).size).toBe(12);
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, w.workspace.id)));
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.endpointId))).toEqual(new Set(endpoints.map((e) => e.id)));
  });
});
