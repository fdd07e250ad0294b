import { randomUUID } from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newSecret } from "../auth/secrets";
import type { Actor } from "../auth/permissions";
import { fail, ok, type Result } from "../result";
import { brandScope, isUuid } from "./brand-scope";
import { deliverClaimed, DEFAULT_TIMEOUT_MS, type AttemptOutcome, type DeliverOptions } from "./deliver";
import { PING_EVENT, RETRY_WINDOW_MS, webhookPayload } from "./events";
import { MAX_ENDPOINTS_PER_BRAND, type CreateEndpointInput, type UpdateEndpointInput } from "./schemas";
import { SECRET_PREFIX } from "./sign";
import { endpointAddressProblem } from "./url-policy";
import { DAY_MS } from "@/kernel/time";

type WebhookActor = Pick<Actor, "userId" | "role" | "workspaceId" | "brandId">;

/**
 * A new signing secret: `whsec_` + 32 random bytes, base64url. Unlike API tokens (stored as a hash), it is stored
 * as it is: we sign every delivery with it (HMAC), which a hash cannot do. It is shown to the brand once, at
 * creation or rotation, and never again by any page or API.
 */
export const newSigningSecret = () => newSecret(SECRET_PREFIX, 32);

/** What a brand sees of a secret to tell two apart: its first characters. */
const secretHint = (secret: string) => `${secret.slice(0, SECRET_PREFIX.length + 4)}…`;

const audit = (
  db: DbOrTx,
  actor: WebhookActor,
  action: string,
  endpointId: string,
  now: Date,
  data: Record<string, unknown> = {},
) =>
  db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    subjectType: "webhook_endpoint",
    subjectId: endpointId,
    data,
    createdAt: now,
  });

const ownEndpoint = (scope: { workspaceId: string; brandId: string }, endpointId: string) =>
  and(
    eq(webhookEndpoints.id, endpointId),
    eq(webhookEndpoints.workspaceId, scope.workspaceId),
    eq(webhookEndpoints.brandId, scope.brandId),
  );

/**
 * Adds an endpoint for the actor's brand. `allowPrivateHosts` is false in production (see url-policy.ts): a host
 * that is, or now resolves to, an address that is not public is refused (`lookup` answers for DNS in tests). The
 * secret is in the answer, and only there.
 */
export async function createEndpoint(
  db: Db,
  actor: WebhookActor,
  input: CreateEndpointInput,
  now: Date,
  opts: Pick<DeliverOptions, "allowPrivateHosts" | "lookup">,
): Promise<Result<{ id: string; url: string; secret: string }, "not_found" | "url_not_allowed" | "too_many">> {
  const scope = brandScope(actor);
  if (!scope) return fail("not_found");
  const problem = await endpointAddressProblem(input.url, opts);
  if (problem) return fail("url_not_allowed", { message: problem, fieldErrors: { url: [problem] } });
  return db.transaction(async (tx) => {
    // Counted without a lock: two creations at the same moment may both pass. The limit guards against mistakes
    // (and endless fan-out), it is not a quota, so one extra endpoint is harmless.
    const [{ n }] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.workspaceId, scope.workspaceId), eq(webhookEndpoints.brandId, scope.brandId)));
    if (n >= MAX_ENDPOINTS_PER_BRAND) {
      return fail("too_many", {
        message: `A brand can have at most ${MAX_ENDPOINTS_PER_BRAND} endpoints: delete one you no longer use first.`,
      });
    }
    const secret = newSigningSecret();
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        ...scope,
        url: input.url,
        description: input.description,
        events: input.events,
        secret,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    await audit(tx, actor, "webhook_endpoint.created", row.id, now, { url: input.url, events: input.events });
    return ok({ ...row, secret });
  });
}

/** The brand turns its endpoint on or off, or changes its events or description. */
export async function updateEndpoint(
  db: Db,
  actor: WebhookActor,
  endpointId: string,
  input: UpdateEndpointInput,
  now: Date,
): Promise<Result<{ id: string; enabled: boolean }, "not_found">> {
  const scope = brandScope(actor);
  if (!scope || !isUuid(endpointId)) return fail("not_found");
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as UpdateEndpointInput;
  return db.transaction(async (tx) => {
    const [row] = Object.keys(changes).length
      ? await tx
          .update(webhookEndpoints)
          .set(changes)
          .where(ownEndpoint(scope, endpointId))
          .returning({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
      : await tx
          .select({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
          .from(webhookEndpoints)
          .where(ownEndpoint(scope, endpointId));
    if (!row) return fail("not_found");
    const action =
      changes.enabled === true
        ? "webhook_endpoint.enabled"
        : changes.enabled === false
          ? "webhook_endpoint.disabled"
          : "webhook_endpoint.updated";
    await audit(tx, actor, action, row.id, now, changes);
    return ok(row);
  });
}

/** Deletes an endpoint with its deliveries and their log (cascade). */
export async function deleteEndpoint(
  db: Db,
  actor: WebhookActor,
  endpointId: string,
  now: Date,
): Promise<Result<{ id: string }, "not_found">> {
  const scope = brandScope(actor);
  if (!scope || !isUuid(endpointId)) return fail("not_found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(webhookEndpoints)
      .where(ownEndpoint(scope, endpointId))
      .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
    if (!row) return fail("not_found");
    await audit(tx, actor, "webhook_endpoint.deleted", row.id, now, { url: row.url });
    return ok({ id: row.id });
  });
}

/**
 * Replaces the signing secret at once: every request from now on (retries included) is signed with the new one,
 * so the brand updates its receiver right away; deliveries that fail meanwhile are retried, or can be replayed.
 */
export async function rotateSecret(
  db: Db,
  actor: WebhookActor,
  endpointId: string,
  now: Date,
): Promise<Result<{ id: string; secret: string }, "not_found">> {
  const scope = brandScope(actor);
  if (!scope || !isUuid(endpointId)) return fail("not_found");
  return db.transaction(async (tx) => {
    const secret = newSigningSecret();
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ secret })
      .where(ownEndpoint(scope, endpointId))
      .returning({ id: webhookEndpoints.id });
    if (!row) return fail("not_found");
    await audit(tx, actor, "webhook_endpoint.secret_rotated", row.id, now);
    return ok({ id: row.id, secret });
  });
}

export type EndpointSummary = Awaited<ReturnType<typeof listEndpoints>>[number];

/**
 * The brand's endpoints (never their secrets), each with when it last received a delivery, when an attempt last
 * failed, how many deliveries failed in the 24 h before `now` and are still not delivered, and how many wait.
 */
export async function listEndpoints(db: DbOrTx, actor: WebhookActor, now: Date, opts: { endpointId?: string } = {}) {
  const scope = brandScope(actor);
  if (!scope) return [];
  if (opts.endpointId !== undefined && !isUuid(opts.endpointId)) return [];
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const failedAttempt = sql`(a.status_code is null or a.status_code not between 200 and 299)`;
  // Qualified by hand: in a one-table select Drizzle writes bare "id", which the subqueries' own ids would shadow.
  const endpointId = sql.raw(`"webhook_endpoints"."id"`);
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      secret: webhookEndpoints.secret,
      createdAt: webhookEndpoints.createdAt,
      lastDeliveredAt: sql<
        string | null
      >`(select max(d.delivered_at) from webhook_deliveries d where d.endpoint_id = ${endpointId})`,
      lastFailedAt: sql<
        string | null
      >`(select max(a.created_at) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
        where d.endpoint_id = ${endpointId} and ${failedAttempt})`,
      failedLast24h: sql<number>`(select count(distinct d.id)::int from webhook_deliveries d join webhook_attempts a on a.delivery_id = d.id
        where d.endpoint_id = ${endpointId} and d.status <> 'delivered' and a.created_at > ${since}::timestamptz and ${failedAttempt})`,
      pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.endpoint_id = ${endpointId} and d.status = 'pending')`,
    })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, scope.workspaceId),
        eq(webhookEndpoints.brandId, scope.brandId),
        opts.endpointId ? eq(webhookEndpoints.id, opts.endpointId) : undefined,
      ),
    )
    .orderBy(asc(webhookEndpoints.createdAt));
  // Raw subqueries come back as text: turn them into Dates here, once.
  return rows.map(({ secret, lastDeliveredAt, lastFailedAt, ...r }) => ({
    ...r,
    secretHint: secretHint(secret),
    lastDeliveredAt: lastDeliveredAt ? new Date(lastDeliveredAt) : null,
    lastFailedAt: lastFailedAt ? new Date(lastFailedAt) : null,
  }));
}

/** One of the brand's endpoints, or null (another brand's, another workspace's, or none). */
export async function getEndpoint(db: DbOrTx, actor: WebhookActor, endpointId: string, now: Date) {
  const [row] = await listEndpoints(db, actor, now, { endpointId });
  return row ?? null;
}

/**
 * Sends a `ping` to one endpoint right away, whatever events it subscribes to, so the brand can check that its
 * receiver answers and verifies signatures. It is a delivery like any other (logged, retried, replayable). The
 * row is inserted already claimed, so the job loop never sends it a second time while this attempt runs.
 */
export async function sendTestEvent(
  db: Db,
  actor: WebhookActor,
  endpointId: string,
  now: Date,
  opts: DeliverOptions,
): Promise<Result<AttemptOutcome, "not_found" | "endpoint_disabled">> {
  const scope = brandScope(actor);
  if (!scope || !isUuid(endpointId)) return fail("not_found");
  const [endpoint] = await db.select().from(webhookEndpoints).where(ownEndpoint(scope, endpointId));
  if (!endpoint) return fail("not_found");
  if (!endpoint.enabled) return fail("endpoint_disabled");
  const eventId = randomUUID();
  const claimedUntil = new Date(now.getTime() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 60_000);
  const payload = webhookPayload({
    eventId,
    type: PING_EVENT,
    now,
    workspaceId: scope.workspaceId,
    data: { endpointId: endpoint.id, message: "A test event sent from Livebase. Answer 2xx to acknowledge it." },
  });
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      workspaceId: scope.workspaceId,
      endpointId: endpoint.id,
      eventId,
      event: PING_EVENT,
      payload,
      nextAttemptAt: now,
      giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS),
      claimedUntil,
      createdAt: now,
    })
    .returning();
  await audit(db, actor, "webhook_endpoint.test_sent", endpoint.id, now, { deliveryId: delivery.id });
  const outcome = await deliverClaimed(
    db,
    { ...delivery, claimedUntil, url: endpoint.url, secret: endpoint.secret },
    now,
    opts,
    { replay: false },
  );
  return outcome ? ok(outcome) : fail("not_found");
}
