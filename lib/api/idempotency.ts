import { createHash } from "node:crypto";
import { and, eq, lt, or, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiIdempotencyKeys } from "@/db/schema";
import { problem } from "./problem";

/** How long the first answer to a key is kept and replayed (as Stripe does). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A claim still in flight after this long belongs to a request that died (a crash, a killed instance): taken over. */
const IN_FLIGHT_LEASE_MS = 5 * 60_000;
export const IDEMPOTENCY_KEY_MAX = 255;

const HEADER = "Idempotency-Key";

/**
 * Runs a creating POST at most once per (API token, `Idempotency-Key`): the first request claims the key by inserting
 * its row (the primary key makes a concurrent duplicate lose the insert), runs, and stores its status and body; a
 * retry of the same request within 24 hours gets that answer again (`Idempotent-Replayed: true`), without running.
 * The same key with another method, path, query or body is a 422; a duplicate while the first is still running a
 * 409. A 5xx (or a throw) releases the claim, so a retry after our failure runs again. No key: runs as usual.
 */
export async function withIdempotency(
  db: DbOrTx,
  input: { req: Request; tokenId: string; now: Date },
  run: () => Promise<Response>,
): Promise<Response> {
  const key = input.req.headers.get("idempotency-key");
  if (key === null) return run();
  if (key.trim() === "" || key.length > IDEMPOTENCY_KEY_MAX) {
    return problem(400, {
      code: "validation",
      detail: `${HEADER} must be 1 to ${IDEMPOTENCY_KEY_MAX} characters.`,
      errors: [{ field: HEADER, message: `1 to ${IDEMPOTENCY_KEY_MAX} characters` }],
    });
  }
  const fingerprint = await fingerprintOf(input.req);
  const id = and(eq(apiIdempotencyKeys.tokenId, input.tokenId), eq(apiIdempotencyKeys.key, key)) as SQL;
  const expired = or(
    lt(apiIdempotencyKeys.createdAt, new Date(input.now.getTime() - IDEMPOTENCY_TTL_MS)),
    and(
      isNull(apiIdempotencyKeys.status),
      lt(apiIdempotencyKeys.createdAt, new Date(input.now.getTime() - IN_FLIGHT_LEASE_MS)),
    ),
  );

  // Forget an answer past its 24 hours (or a dead claim) first, so the key can be claimed again.
  await db.delete(apiIdempotencyKeys).where(and(id, expired));
  const claimed = await db
    .insert(apiIdempotencyKeys)
    .values({ tokenId: input.tokenId, key, fingerprint, createdAt: input.now })
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });

  if (claimed.length === 0) {
    const [first] = await db.select().from(apiIdempotencyKeys).where(id);
    if (!first)
      return problem(409, {
        code: "idempotency_in_progress",
        detail: `A request with this ${HEADER} has just finished failing; retry it.`,
      });
    if (first.fingerprint !== fingerprint) {
      return problem(422, {
        code: "idempotency_key_reused",
        detail: `This ${HEADER} was used for a different request in the last 24 hours; use a new key for a new request.`,
      });
    }
    if (first.status === null)
      return problem(409, {
        code: "idempotency_in_progress",
        detail: `A request with this ${HEADER} is still in progress; retry it in a moment.`,
      });
    return new Response(first.body, {
      status: first.status,
      headers: { "content-type": first.contentType ?? "application/json", "idempotent-replayed": "true" },
    });
  }

  let res: Response;
  try {
    res = await run();
  } catch (err) {
    await db.delete(apiIdempotencyKeys).where(id);
    throw err;
  }
  if (res.status >= 500) {
    await db.delete(apiIdempotencyKeys).where(id);
    return res;
  }
  const body = await res.clone().text();
  await db
    .update(apiIdempotencyKeys)
    .set({ status: res.status, body, contentType: res.headers.get("content-type") })
    .where(id);
  return res;
}

/** Answers older than 24 hours, deleted by the job loop (the read above ignores them anyway). */
export async function purgeIdempotencyKeys(db: DbOrTx, now: Date) {
  const gone = await db
    .delete(apiIdempotencyKeys)
    .where(lt(apiIdempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: apiIdempotencyKeys.key });
  return gone.length;
}

async function fingerprintOf(req: Request) {
  const url = new URL(req.url);
  const body = await req.clone().text();
  return createHash("sha256")
    .update(`${req.method} ${url.pathname}?${url.searchParams.toString()}\n${body}`)
    .digest("hex");
}
