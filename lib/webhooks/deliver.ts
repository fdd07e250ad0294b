import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { logger } from "../logger";
import { fail, ok, type Result } from "../result";
import { brandScope, isUuid } from "./brand-scope";
import { RETRY_WINDOW_MS } from "./events";
import { sendWebhook, type SendPolicy } from "./send-webhook";
import { SIGNATURE_HEADER, signPayload } from "./sign";

/**
 * Where deliveries may go (`allowPrivateHosts`: `privateHostsAllowed(env)`, false in production) and how long an
 * attempt may take. Required, so no caller can forget the policy.
 */
export type DeliverOptions = SendPolicy & { timeoutMs?: number };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const USER_AGENT = "Livebase-Webhooks/1";
const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/** Pause before the next try after `attempts` failed ones: 1 min, 2, 4 … capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

/**
 * A claim outlives the longest possible attempt (the request timeout) by a minute, so it never expires under a
 * live worker; a worker that dies mid-attempt lets it run out and the delivery is tried again.
 */
const leaseMs = (timeoutMs: number) => timeoutMs + 60_000;

/** A delivery taken by one worker, with what it needs to send it. */
export type ClaimedDelivery = {
  id: string;
  workspaceId: string;
  endpointId: string;
  event: string;
  payload: unknown;
  attempts: number;
  giveUpAt: Date | null;
  createdAt: Date;
  claimedUntil: Date;
  url: string;
  secret: string;
};

export type AttemptOutcome = {
  deliveryId: string;
  status: "delivered" | "pending" | "failed";
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
};

/**
 * Sends the deliveries that are due. Rows are claimed in one short statement (`for update skip locked`, then a
 * `claimed_until` lease), so workers running at once on any number of instances never take the same delivery;
 * the requests go out concurrently, outside any transaction. `workspaceId` limits a pass to one workspace.
 * Deliveries of a disabled endpoint wait until the brand enables it again.
 */
export async function deliverDueWebhooks(
  db: Db,
  now: Date,
  opts: DeliverOptions & { limit?: number; workspaceId?: string },
) {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const claimed = await claimDeliveries(db, now, {
    limit: opts.limit ?? 20,
    leaseMs: leaseMs(timeoutMs),
    workspaceId: opts.workspaceId,
  });
  const results = await Promise.allSettled(claimed.map((d) => deliverClaimed(db, d, now, opts, { replay: false })));
  const done = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  for (const r of results) {
    if (r.status === "rejected") {
      // Recording the outcome failed (database trouble): the lease runs out and the delivery is tried again.
      logger.error({ err: r.reason }, "recording a webhook attempt failed");
    } else if (r.value) {
      done[r.value.status === "delivered" ? "delivered" : r.value.status === "failed" ? "failed" : "retrying"]++;
    }
  }
  return done;
}

async function claimDeliveries(
  db: Db,
  now: Date,
  opts: { limit: number; leaseMs: number; workspaceId?: string },
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + opts.leaseMs);
  const rows = await db.execute<{ id: string }>(sql`
    update webhook_deliveries set claimed_until = ${until.toISOString()}::timestamptz
    where id in (
      select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${at}::timestamptz
        and (d.claimed_until is null or d.claimed_until < ${at}::timestamptz)
        and e.enabled
        ${opts.workspaceId ? sql`and d.workspace_id = ${opts.workspaceId}` : sql``}
      order by d.next_attempt_at
      limit ${opts.limit}
      for update of d skip locked)
    returning id`);
  if (rows.length === 0) return [];
  return loadClaimed(
    db,
    rows.map((r) => r.id),
  );
}

/** Claimed rows with their endpoint's URL and secret (read after the claim: the latest secret signs). */
export async function loadClaimed(db: Db, ids: string[]): Promise<ClaimedDelivery[]> {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      workspaceId: webhookDeliveries.workspaceId,
      endpointId: webhookDeliveries.endpointId,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      giveUpAt: webhookDeliveries.giveUpAt,
      createdAt: webhookDeliveries.createdAt,
      claimedUntil: webhookDeliveries.claimedUntil,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(inArray(webhookDeliveries.id, ids));
  return rows.flatMap((r) => (r.claimedUntil ? [{ ...r, claimedUntil: r.claimedUntil }] : []));
}

/**
 * POSTs one claimed delivery and records the attempt. 2xx → delivered. Anything else (another status, a redirect,
 * which is never followed, a timeout, a refused connection, an address the policy refuses: nothing is sent to it,
 * and the brand may still fix its DNS) → tried again after `retryDelayMs`, until the delivery's `giveUpAt` → failed. The endpoint itself is never disabled: the brand sees the failures and replays.
 * Returns null when the delivery vanished or changed hands meanwhile (endpoint deleted, lease lost).
 */
export async function deliverClaimed(
  db: Db,
  d: ClaimedDelivery,
  now: Date,
  opts: DeliverOptions,
  flags: { replay: boolean },
): Promise<AttemptOutcome | null> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = JSON.stringify(d.payload);
  const started = performance.now();
  const sent = await sendWebhook(
    d.url,
    {
      body,
      headers: {
        "content-type": "application/json",
        [SIGNATURE_HEADER]: signPayload(d.secret, body, Math.floor(now.getTime() / 1000)),
        "Livebase-Event": d.event,
        "Livebase-Delivery": d.id,
        "User-Agent": USER_AGENT,
      },
      timeoutMs,
    },
    opts,
  );
  const statusCode = sent.statusCode;
  const snippet = sent.statusCode === null ? null : sent.snippet;
  const error = sent.statusCode === null ? sent.error : statusError(sent.statusCode);
  const durationMs = Math.max(0, Math.round(performance.now() - started));
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const attempts = d.attempts + 1;
  const giveUpAt = d.giveUpAt ?? new Date(d.createdAt.getTime() + RETRY_WINDOW_MS);
  const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
  const status = delivered ? "delivered" : retryAt > giveUpAt ? "failed" : "pending";
  const nextAttemptAt = status === "pending" ? retryAt : null;

  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({
        status,
        attempts,
        nextAttemptAt,
        claimedUntil: null,
        lastStatusCode: statusCode,
        lastError: error,
        lastResponse: snippet,
        lastDurationMs: durationMs,
        ...(delivered ? { deliveredAt: now } : {}),
      })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.claimedUntil, d.claimedUntil)))
      .returning({ id: webhookDeliveries.id });
    if (!row) {
      logger.warn(
        { deliveryId: d.id },
        "webhook delivery was deleted or re-claimed during its attempt; outcome not recorded",
      );
      return null;
    }
    await tx.insert(webhookAttempts).values({
      workspaceId: d.workspaceId,
      deliveryId: d.id,
      statusCode,
      error,
      responseSnippet: snippet,
      durationMs,
      replay: flags.replay,
      createdAt: now,
    });
    return { deliveryId: d.id, status, statusCode, error, nextAttemptAt };
  });
}

/** Why an answer is not a delivery, or null for a 2xx. */
function statusError(code: number): string | null {
  if (code >= 200 && code < 300) return null;
  // A redirect could lead to a host the address check would have refused: it is never followed.
  if (code >= 300 && code < 400) return "Redirects are not followed: answer 2xx at this URL";
  return `HTTP ${code}`;
}

/**
 * A brand sends one of its own deliveries again, now, whatever its status: the delivery goes back to pending with
 * a fresh 3-day retry window (and `attempts` counting from zero, so a failed replay backs off from 1 minute again;
 * every earlier try stays in the attempt log), and the attempt made here is marked as a replay. The replay holds
 * the delivery's claim itself, so it never overlaps an attempt in flight ("in_progress" then).
 */
export async function replayDelivery(
  db: Db,
  actor: Pick<Actor, "userId" | "role" | "workspaceId" | "brandId">,
  deliveryId: string,
  now: Date,
  opts: DeliverOptions,
): Promise<Result<AttemptOutcome, "not_found" | "endpoint_disabled" | "in_progress">> {
  const scope = brandScope(actor);
  if (!scope || !isUuid(deliveryId)) return fail("not_found");
  const [found] = await db
    .select({ enabled: webhookEndpoints.enabled, endpointId: webhookEndpoints.id, event: webhookDeliveries.event })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookEndpoints.workspaceId, scope.workspaceId),
        eq(webhookEndpoints.brandId, scope.brandId),
      ),
    );
  if (!found) return fail("not_found");
  if (!found.enabled) return fail("endpoint_disabled");
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      update webhook_deliveries
      set status = 'pending', attempts = 0, next_attempt_at = ${at}::timestamptz,
          give_up_at = ${new Date(now.getTime() + RETRY_WINDOW_MS).toISOString()}::timestamptz,
          claimed_until = ${until.toISOString()}::timestamptz
      where id = ${deliveryId} and (claimed_until is null or claimed_until < ${at}::timestamptz)
      returning id`);
    if (rows.length === 0) return false;
    await tx.insert(auditLog).values({
      workspaceId: scope.workspaceId,
      actorUserId: actor.userId,
      action: "webhook_delivery.replayed",
      subjectType: "webhook_delivery",
      subjectId: deliveryId,
      data: { endpointId: found.endpointId, event: found.event },
      createdAt: now,
    });
    return true;
  });
  if (!claimed) return fail("in_progress");
  const [delivery] = await loadClaimed(db, [deliveryId]);
  // Deleted between the claim and now: nothing left to send.
  if (!delivery) return fail("not_found");
  const outcome = await deliverClaimed(db, delivery, now, opts, { replay: true });
  return outcome ? ok(outcome) : fail("not_found");
}
