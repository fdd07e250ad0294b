import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { getEndpoint } from "./endpoints";
import type { DeliveryStatus } from "./schemas";

export const DELIVERY_LOG_LIMIT = 100;

/**
 * The latest deliveries of one of the brand's endpoints (optionally of one status), newest first, each with all
 * its attempts, oldest first. Another brand's endpoint is "not_found".
 */
export async function listDeliveries(
  db: DbOrTx,
  actor: Pick<Actor, "userId" | "role" | "workspaceId" | "brandId">,
  endpointId: string,
  opts: { status?: DeliveryStatus; now: Date; limit?: number },
): Promise<
  Result<
    { endpoint: NonNullable<Awaited<ReturnType<typeof getEndpoint>>>; deliveries: DeliveryWithAttempts[] },
    "not_found"
  >
> {
  const endpoint = await getEndpoint(db, actor, endpointId, opts.now);
  if (!endpoint) return fail("not_found");
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
      giveUpAt: webhookDeliveries.giveUpAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpoint.id),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit ?? DELIVERY_LOG_LIMIT);
  const attempts = deliveries.length
    ? await db
        .select({
          id: webhookAttempts.id,
          deliveryId: webhookAttempts.deliveryId,
          statusCode: webhookAttempts.statusCode,
          error: webhookAttempts.error,
          responseSnippet: webhookAttempts.responseSnippet,
          durationMs: webhookAttempts.durationMs,
          replay: webhookAttempts.replay,
          createdAt: webhookAttempts.createdAt,
        })
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        )
        .orderBy(asc(webhookAttempts.createdAt), asc(webhookAttempts.id))
    : [];
  // (Map.groupBy would do, but Node 20 lacks it.)
  const byDelivery = new Map<string, DeliveryAttempt[]>();
  for (const a of attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a]);
  return ok({ endpoint, deliveries: deliveries.map((d) => ({ ...d, log: byDelivery.get(d.id) ?? [] })) });
}

export type DeliveryAttempt = {
  id: string;
  deliveryId: string;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
  durationMs: number;
  replay: boolean;
  createdAt: Date;
};
export type DeliveryWithAttempts = {
  id: string;
  eventId: string;
  event: string;
  status: string;
  /** Tries since the event or the last replay (it drives the backoff); `log` holds every try. */
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  giveUpAt: Date | null;
  createdAt: Date;
  log: DeliveryAttempt[];
};
