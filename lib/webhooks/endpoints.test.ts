import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { testDb } from "@/db/testing/db";
import { deliverDueWebhooks, replayDelivery } from "./deliver";
import { listDeliveries } from "./delivery-log";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from "./endpoints";
import { enqueueWebhookEvent } from "./events";
import { createEndpointSchema } from "./schemas";
import { verifySignature } from "./sign";
import { fakeDns } from "@/testing/webhooks/fake-dns";
import { startReceiver, type Receiver } from "@/testing/webhooks/receiver";
import { webhookWorld } from "@/testing/webhooks/world";

const now = new Date("2026-03-02T10:00:00Z");
const later = (ms: number, from = now) => new Date(from.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
// The receiver is on this machine: allowed here as outside production (see url-policy.ts).
const loopback = { allowPrivateHosts: true };

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const deliveriesOf = (endpointId: string) =>
  testDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe("webhook endpoints", () => {
  it("sends each event only to the brand's enabled endpoints that subscribe to it (none listed = every event), with one event id", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const all = await w.endpoint("https://all.example.test/hook");
    const staged = await w.endpoint("https://staged.example.test/hook", { events: ["item.staged"] });
    const off = await w.endpoint("https://off.example.test/hook");
    await updateEndpoint(db, w.brand.actor, off.id, { enabled: false }, now);
    const rivals = await w.endpoint("https://rival.example.test/hook", { actor: w.rival.actor });
    const brandId = w.brand.actor.brandId!;
    const enqueue = (event: "item.staged" | "item.disposed") =>
      db.transaction((tx) =>
        enqueueWebhookEvent(tx, { workspaceId: w.workspace.id, brandId, event, data: { itemId: "i-1" }, now }),
      );

    const stagedEvent = await enqueue("item.staged");
    const disposedEvent = await enqueue("item.disposed");
    expect((await deliveriesOf(all.id)).map((d) => d.event).sort()).toEqual(["item.disposed", "item.staged"]);
    expect((await deliveriesOf(staged.id)).map((d) => d.event)).toEqual(["item.staged"]);
    expect(await deliveriesOf(off.id)).toEqual([]);
    expect(await deliveriesOf(rivals.id)).toEqual([]);
    const stagedRows = [...(await deliveriesOf(all.id)), ...(await deliveriesOf(staged.id))].filter(
      (d) => d.event === "item.staged",
    );
    expect(stagedRows.map((d) => d.eventId)).toEqual([stagedEvent, stagedEvent]);
    expect(disposedEvent).not.toBe(stagedEvent);
    expect(stagedRows[0]).toMatchObject({ status: "pending", nextAttemptAt: now, giveUpAt: later(72 * HOUR) });

    // No endpoint wants it: nothing is queued, and the caller learns so.
    const lonely = await webhookWorld(db, now);
    expect(
      await db.transaction((tx) =>
        enqueueWebhookEvent(tx, {
          workspaceId: lonely.workspace.id,
          brandId: lonely.brand.actor.brandId!,
          event: "item.staged",
          data: {},
          now,
        }),
      ),
    ).toBeNull();
  });

  it("writes nothing when the event's transaction rolls back", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const endpoint = await w.endpoint("https://rollback.example.test/hook");
    await expect(
      db.transaction(async (tx) => {
        await enqueueWebhookEvent(tx, {
          workspaceId: w.workspace.id,
          brandId: w.brand.actor.brandId!,
          event: "shipment.discrepancy",
          data: {},
          now,
        });
        throw new Error("the receiving failed");
      }),
    ).rejects.toThrow("the receiving failed");
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
  });

  it("gives the secret only when it is created or rotated; the new secret signs what follows", async () => {
    receiver.respondWith(() => ({ status: 200 }));
    const db = testDb();
    const w = await webhookWorld(db, now);
    const path = `/rotate/${w.tag}`;
    const created = await w.endpoint(receiver.url(path));
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await listEndpoints(db, w.brand.actor, now);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed[0].secretHint).toBe(`${created.secret.slice(0, 10)}…`);

    const rotated = await rotateSecret(db, w.brand.actor, created.id, now);
    if (!rotated.ok) throw new Error(rotated.error);
    expect(rotated.value.secret).not.toBe(created.secret);
    const sent = await sendTestEvent(db, w.brand.actor, created.id, now, loopback);
    expect(sent).toMatchObject({ ok: true, value: { status: "delivered", statusCode: 200 } });
    const [req] = receiver.requests.filter((r) => r.path === path);
    const header = req.headers["livebase-signature"] as string;
    expect(verifySignature(header, req.body, rotated.value.secret, { now }).ok).toBe(true);
    expect(verifySignature(header, req.body, created.secret, { now })).toMatchObject({ ok: false, error: "mismatch" });
    const audit = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, created.id))
      .orderBy(asc(auditLog.createdAt));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "webhook_endpoint.created",
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint.test_sent",
      ]),
    );
  });

  it("validates what a brand types, and refuses private hosts only where they are not allowed", async () => {
    const bad = createEndpointSchema.safeParse({
      url: "ftp://example.com",
      description: "x".repeat(201),
      events: ["shipment.received", "booking.created"],
    });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      url: "Use an https:// (or http://) URL",
      description: "Use at most 200 characters",
      events: "Choose events from the list",
    });
    expect(createEndpointSchema.safeParse({ url: "" }).error?.issues[0].message).toBe("Enter the URL of your receiver");
    expect(
      createEndpointSchema.parse({
        url: " https://x.example/h ",
        events: ["item.staged", "shipment.received", "item.staged"],
      }),
    ).toEqual({
      url: "https://x.example/h",
      description: "",
      events: ["shipment.received", "item.staged"],
    });

    const db = testDb();
    const w = await webhookWorld(db, now);
    const input = createEndpointSchema.parse({ url: "http://127.0.0.1:9/hook" });
    const refused = await createEndpoint(db, w.brand.actor, input, now, { allowPrivateHosts: false });
    expect(refused).toMatchObject({
      ok: false,
      error: "url_not_allowed",
      fieldErrors: { url: [expect.stringMatching(/private network/)] },
    });
    expect(await listEndpoints(db, w.brand.actor, now)).toEqual([]);
    expect(await createEndpoint(db, w.brand.actor, input, now, { allowPrivateHosts: true })).toMatchObject({
      ok: true,
    });
  });

  it("where private hosts are refused, refuses a host name that resolves to one, and every literal that is not public", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const lookup = fakeDns({
      "hooks.example.com": "127.0.0.1",
      "nat.example.com": ["93.184.215.14", "100.64.0.1"],
      "public.example.com": "93.184.215.14",
    });
    const add = (url: string, allowPrivateHosts = false) =>
      createEndpoint(db, w.brand.actor, createEndpointSchema.parse({ url }), now, { allowPrivateHosts, lookup });
    for (const url of [
      "https://hooks.example.com/h",
      "https://nat.example.com/h",
      "http://100.64.0.1/h",
      "http://198.18.0.1/h",
      "http://[::127.0.0.1]/h",
      "http://[64:ff9b::7f00:1]/h",
    ]) {
      expect(await add(url), url).toMatchObject({
        ok: false,
        error: "url_not_allowed",
        fieldErrors: { url: [expect.stringMatching(/private network/)] },
      });
    }
    expect(await listEndpoints(db, w.brand.actor, now)).toEqual([]);
    // A public answer passes; a name that does not resolve yet too (its deliveries are checked when they connect).
    expect(await add("https://public.example.com/h")).toMatchObject({ ok: true });
    expect(await add("https://not-yet.example.com/h")).toMatchObject({ ok: true });
    expect(await add("https://hooks.example.com/h", true)).toMatchObject({ ok: true });
  });

  it("refuses to send a test event (and every later try) to a name that now resolves to this machine, and logs why", async () => {
    receiver.respondWith(() => ({ status: 200, body: "reached" }));
    const db = testDb();
    const w = await webhookWorld(db, now);
    const host = `rebind-${w.tag}.example.com`;
    const path = `/rebind/${w.tag}`;
    const url = `http://${host}:${receiver.port}${path}`;
    // Public when it is added, this machine when we deliver.
    const created = await createEndpoint(db, w.brand.actor, createEndpointSchema.parse({ url }), now, {
      allowPrivateHosts: false,
      lookup: fakeDns({ [host]: "93.184.215.14" }),
    });
    if (!created.ok) throw new Error(created.error);
    const production = { allowPrivateHosts: false, lookup: fakeDns({ [host]: "127.0.0.1" }) };
    const refusal =
      "Address not allowed: 127.0.0.1 (this machine, a private network or a reserved range: webhooks only go to public addresses)";

    const sent = await sendTestEvent(db, w.brand.actor, created.value.id, now, production);
    expect(sent).toEqual({
      ok: true,
      value: {
        deliveryId: expect.any(String),
        status: "pending",
        statusCode: null,
        error: refusal,
        nextAttemptAt: later(MIN),
      },
    });
    const [attempt] = await db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, sent.ok ? sent.value.deliveryId : ""));
    expect(attempt).toMatchObject({ statusCode: null, error: refusal, responseSnippet: null });
    // The job's retry is checked again, and refused again; the brand's replay too.
    expect(await deliverDueWebhooks(db, later(MIN), { workspaceId: w.workspace.id, ...production })).toMatchObject({
      attempted: 1,
      retrying: 1,
    });
    expect(
      await replayDelivery(db, w.brand.actor, sent.ok ? sent.value.deliveryId : "", later(2 * MIN), production),
    ).toMatchObject({ ok: true, value: { status: "pending", error: refusal } });
    expect(receiver.requests.filter((r) => r.path === path)).toHaveLength(0);

    // The same name and address do reach the receiver where private hosts are allowed: the refusal was the policy.
    expect(
      await sendTestEvent(db, w.brand.actor, created.value.id, now, { ...production, allowPrivateHosts: true }),
    ).toMatchObject({ ok: true, value: { status: "delivered", statusCode: 200 } });
    expect(receiver.requests.filter((r) => r.path === path)).toHaveLength(1);
  });

  it("answers another brand's, another workspace's and a non-brand member's requests as not found, and changes nothing", async () => {
    receiver.respondWith(() => ({ status: 200 }));
    const db = testDb();
    const w = await webhookWorld(db, now);
    const endpoint = await w.endpoint(receiver.url(`/authz/${w.tag}`));
    const sent = await sendTestEvent(db, w.brand.actor, endpoint.id, now, loopback);
    if (!sent.ok) throw new Error(sent.error);
    const deliveryId = sent.value.deliveryId;
    const before = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));

    for (const [who, actor] of [
      ["another brand", w.rival.actor],
      ["a brand of another workspace", w.foreign.actor],
      ["the owner", w.owner.actor],
    ] as const) {
      expect(
        await updateEndpoint(db, actor, endpoint.id, { enabled: false, description: "mine now" }, now),
        who,
      ).toEqual({ ok: false, error: "not_found" });
      expect(await rotateSecret(db, actor, endpoint.id, now), who).toEqual({ ok: false, error: "not_found" });
      expect(await deleteEndpoint(db, actor, endpoint.id, now), who).toEqual({ ok: false, error: "not_found" });
      expect(await sendTestEvent(db, actor, endpoint.id, now, loopback), who).toEqual({
        ok: false,
        error: "not_found",
      });
      expect(await listDeliveries(db, actor, endpoint.id, { now }), who).toEqual({ ok: false, error: "not_found" });
      expect(await replayDelivery(db, actor, deliveryId, now, loopback), who).toEqual({
        ok: false,
        error: "not_found",
      });
      expect(await getEndpoint(db, actor, endpoint.id, now), who).toBeNull();
      expect(await listEndpoints(db, actor, now), who).not.toContainEqual(expect.objectContaining({ id: endpoint.id }));
    }
    expect(
      await createEndpoint(db, w.owner.actor, createEndpointSchema.parse({ url: "https://x.example/h" }), now, {
        allowPrivateHosts: true,
      }),
    ).toEqual({ ok: false, error: "not_found" });
    // Ids that are not ids at all, and a delivery id where an endpoint id belongs.
    expect(await updateEndpoint(db, w.brand.actor, "not-a-uuid", { enabled: false }, now)).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await replayDelivery(db, w.brand.actor, "", now, loopback)).toEqual({ ok: false, error: "not_found" });
    expect(await listDeliveries(db, w.brand.actor, deliveryId, { now })).toEqual({ ok: false, error: "not_found" });

    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id))).toEqual(before);
    expect(await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId))).toHaveLength(1);
  });

  it("lets the brand disable, re-enable, edit and delete its endpoint; a disabled endpoint takes no test event", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const endpoint = await w.endpoint("https://edit.example.test/hook");
    expect(await updateEndpoint(db, w.brand.actor, endpoint.id, { enabled: false }, now)).toEqual({
      ok: true,
      value: { id: endpoint.id, enabled: false },
    });
    expect(await sendTestEvent(db, w.brand.actor, endpoint.id, now, loopback)).toEqual({
      ok: false,
      error: "endpoint_disabled",
    });
    await updateEndpoint(
      db,
      w.brand.actor,
      endpoint.id,
      { enabled: true, description: "Warehouse", events: ["item.disposed"] },
      now,
    );
    expect(await getEndpoint(db, w.brand.actor, endpoint.id, now)).toMatchObject({
      enabled: true,
      description: "Warehouse",
      events: ["item.disposed"],
    });
    expect(await deleteEndpoint(db, w.brand.actor, endpoint.id, now)).toEqual({ ok: true, value: { id: endpoint.id } });
    expect(await getEndpoint(db, w.brand.actor, endpoint.id, now)).toBeNull();
    expect(await deleteEndpoint(db, w.brand.actor, endpoint.id, now)).toEqual({ ok: false, error: "not_found" });
  });

  it("replays a failed delivery at once, marked as a replay, with a fresh 3-day window; the log shows every attempt", async () => {
    receiver.respondWith(() => ({ status: 500 }));
    const db = testDb();
    const w = await webhookWorld(db, now);
    const path = `/replay/${w.tag}`;
    const endpoint = await w.endpoint(receiver.url(path));
    await db.transaction((tx) =>
      enqueueWebhookEvent(tx, {
        workspaceId: w.workspace.id,
        brandId: w.brand.actor.brandId!,
        event: "item.disposed",
        data: { itemId: "i-9" },
        now,
      }),
    );
    const [delivery] = await deliveriesOf(endpoint.id);
    // Three days of failures later it is failed for good…
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", attempts: 21, nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, delivery.id));
    const replayAt = later(80 * HOUR);

    // … until the brand fixes its receiver and replays it.
    receiver.respondWith(() => ({ status: 200, body: "fixed" }));
    const replayed = await replayDelivery(db, w.brand.actor, delivery.id, replayAt, loopback);
    expect(replayed).toMatchObject({
      ok: true,
      value: { deliveryId: delivery.id, status: "delivered", statusCode: 200 },
    });
    const posted = receiver.requests.filter((r) => r.path === path);
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0].body)).toMatchObject({ id: delivery.eventId, type: "item.disposed" });
    expect(
      verifySignature(posted[0].headers["livebase-signature"] as string, posted[0].body, endpoint.secret, {
        now: replayAt,
      }).ok,
    ).toBe(true);
    const [after] = await deliveriesOf(endpoint.id);
    expect(after).toMatchObject({
      status: "delivered",
      attempts: 1,
      deliveredAt: replayAt,
      giveUpAt: later(72 * HOUR, replayAt),
    });

    // A delivered one can be replayed too; a failing replay is retried from 1 minute on.
    receiver.respondWith(() => ({ status: 502 }));
    const again = await replayDelivery(db, w.brand.actor, delivery.id, later(MIN, replayAt), loopback);
    expect(again).toMatchObject({
      ok: true,
      value: { status: "pending", statusCode: 502, nextAttemptAt: later(2 * MIN, replayAt) },
    });

    const log = await listDeliveries(db, w.brand.actor, endpoint.id, { now: replayAt });
    if (!log.ok) throw new Error(log.error);
    expect(log.value.deliveries).toHaveLength(1);
    expect(log.value.deliveries[0].log.map((a) => [a.statusCode, a.replay])).toEqual([
      [200, true],
      [502, true],
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.subjectId, delivery.id));
    expect(audit.map((a) => a.action)).toEqual(["webhook_delivery.replayed", "webhook_delivery.replayed"]);

    // The next regular retry is not a replay.
    receiver.respondWith(() => ({ status: 200 }));
    await deliverDueWebhooks(db, later(2 * MIN, replayAt), { workspaceId: w.workspace.id, ...loopback });
    const final = await listDeliveries(db, w.brand.actor, endpoint.id, { now: replayAt, status: "delivered" });
    expect(final.ok && final.value.deliveries[0].log.map((a) => a.replay)).toEqual([true, true, false]);
  });

  it("does not replay a delivery while an attempt is in flight", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const endpoint = await w.endpoint("https://busy.example.test/hook");
    await db.transaction((tx) =>
      enqueueWebhookEvent(tx, {
        workspaceId: w.workspace.id,
        brandId: w.brand.actor.brandId!,
        event: "item.staged",
        data: {},
        now,
      }),
    );
    const [delivery] = await deliveriesOf(endpoint.id);
    await db
      .update(webhookDeliveries)
      .set({ claimedUntil: later(MIN) })
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(await replayDelivery(db, w.brand.actor, delivery.id, now, loopback)).toEqual({
      ok: false,
      error: "in_progress",
    });
    expect(await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id))).toEqual([]);
  });

  it("sums up each endpoint for the list: last success, last failure and deliveries failing in the last 24 h", async () => {
    const db = testDb();
    const w = await webhookWorld(db, now);
    const path = `/summary/${w.tag}`;
    const endpoint = await w.endpoint(receiver.url(path));
    const enqueue = (at: Date) =>
      db.transaction((tx) =>
        enqueueWebhookEvent(tx, {
          workspaceId: w.workspace.id,
          brandId: w.brand.actor.brandId!,
          event: "shipment.received",
          data: {},
          now: at,
        }),
      );
    const pass = (at: Date) => deliverDueWebhooks(db, at, { workspaceId: w.workspace.id, ...loopback });

    expect(await getEndpoint(db, w.brand.actor, endpoint.id, now)).toMatchObject({
      lastDeliveredAt: null,
      lastFailedAt: null,
      failedLast24h: 0,
      pending: 0,
    });
    receiver.respondWith(() => ({ status: 200 }));
    await enqueue(later(-30 * HOUR));
    await pass(later(-30 * HOUR));
    receiver.respondWith(() => ({ status: 500 }));
    // One failed two days ago and was not tried since (outside the 24 h), three failing now.
    await enqueue(later(-48 * HOUR));
    await pass(later(-48 * HOUR));
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, "pending")));
    for (const h of [3, 2, 1]) {
      await enqueue(later(-h * HOUR));
      await pass(later(-h * HOUR));
    }
    expect(await getEndpoint(db, w.brand.actor, endpoint.id, now)).toMatchObject({
      lastDeliveredAt: later(-30 * HOUR),
      lastFailedAt: later(-1 * HOUR),
      failedLast24h: 3,
      pending: 3,
    });
    // One of them goes through: it no longer counts as failing.
    receiver.respondWith(() => ({ status: 200 }));
    const [oldest] = (await deliveriesOf(endpoint.id)).filter(
      (d) => d.createdAt.getTime() === later(-3 * HOUR).getTime(),
    );
    await replayDelivery(db, w.brand.actor, oldest.id, now, loopback);
    expect(await getEndpoint(db, w.brand.actor, endpoint.id, now)).toMatchObject({
      lastDeliveredAt: now,
      failedLast24h: 2,
    });
  });
});
