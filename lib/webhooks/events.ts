import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { DAY_MS } from "@/kernel/time";

/** The events a brand can subscribe to. An endpoint with no events listed receives all of them (and future ones). */
export const WEBHOOK_EVENTS = ["shipment.received", "shipment.discrepancy", "item.staged", "item.disposed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only on request ("Send test event"), to one endpoint, whatever it subscribes to. */
export const PING_EVENT = "ping";

export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "shipment.received": "A shipment of yours was received at the studio",
  "shipment.discrepancy": "Received quantities differ from what the shipment listed",
  "item.staged": "An item was staged for a session",
  "item.disposed": "An item was disposed of",
};

/** Retries of a delivery stop this long after its event (or after a replay). */
export const RETRY_WINDOW_MS = 3 * DAY_MS;

export type WebhookPayload = {
  id: string;
  type: WebhookEvent | typeof PING_EVENT;
  created: string;
  workspaceId: string;
  data: Record<string, unknown>;
};

export function webhookPayload(input: {
  eventId: string;
  type: WebhookPayload["type"];
  now: Date;
  workspaceId: string;
  data: Record<string, unknown>;
}): WebhookPayload {
  return {
    id: input.eventId,
    type: input.type,
    created: input.now.toISOString(),
    workspaceId: input.workspaceId,
    data: input.data,
  };
}

export const isWebhookEvent = (value: unknown): value is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly unknown[]).includes(value);

/**
 * Queues one event for every enabled endpoint of the brand that subscribes to it. Call it INSIDE the transaction
 * of the event itself, so the event is sent if and only if what it describes was committed (the delivery job
 * picks it up). Every endpoint gets the same event id: receivers deduplicate on it. Returns the event id, or null
 * when no endpoint wants the event.
 */
export async function enqueueWebhookEvent(
  tx: DbOrTx,
  input: { workspaceId: string; brandId: string; event: WebhookEvent; data: Record<string, unknown>; now: Date },
): Promise<string | null> {
  // A caller typo would otherwise be queued and sent under a name no brand subscribed to.
  if (!isWebhookEvent(input.event)) throw new Error(`unknown webhook event: ${String(input.event)}`);
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, input.workspaceId),
        eq(webhookEndpoints.brandId, input.brandId),
        eq(webhookEndpoints.enabled, true),
        sql`(cardinality(${webhookEndpoints.events}) = 0 or ${input.event} = any(${webhookEndpoints.events}))`,
      ),
    );
  if (endpoints.length === 0) return null;
  const eventId = randomUUID();
  const payload = webhookPayload({
    eventId,
    type: input.event,
    now: input.now,
    workspaceId: input.workspaceId,
    data: input.data,
  });
  await tx.insert(webhookDeliveries).values(
    endpoints.map((e) => ({
      workspaceId: input.workspaceId,
      endpointId: e.id,
      eventId,
      event: input.event,
      payload,
      nextAttemptAt: input.now,
      giveUpAt: new Date(input.now.getTime() + RETRY_WINDOW_MS),
      createdAt: input.now,
    })),
  );
  return eventId;
}
