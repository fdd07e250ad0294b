import Stripe from "stripe";
import { getEnv } from "../env";

/** A Stripe client, or null when Stripe is not connected (no STRIPE_SECRET_KEY): the ledger then works alone. */
export type StripeOrNull = Stripe | null;

let cached: { key: string; client: Stripe } | null = null;

/**
 * Our SDK options: no SDK-level retries (the invoicing job owns retries, with backoff, and every create call
 * carries an idempotency key derived from our ids), and a timeout so a hanging Stripe cannot hold a worker.
 * `apiBase` points the SDK at a Stripe-compatible test server.
 */
export function makeStripe(secretKey: string, opts: { apiBase?: string; timeoutMs?: number } = {}): Stripe {
  const base = opts.apiBase ? new URL(opts.apiBase) : null;
  return new Stripe(secretKey, {
    maxNetworkRetries: 0,
    timeout: opts.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: "Livebase" },
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

/** The app's Stripe client from the environment (one per process), or null when Stripe is not connected. */
export function getStripe(): StripeOrNull {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) return null;
  if (!cached || cached.key !== env.STRIPE_SECRET_KEY)
    cached = {
      key: env.STRIPE_SECRET_KEY,
      client: makeStripe(env.STRIPE_SECRET_KEY, { apiBase: env.STRIPE_API_BASE }),
    };
  return cached.client;
}

export function stripeConnected(): boolean {
  return Boolean(getEnv().STRIPE_SECRET_KEY);
}

/** Errors worth retrying later: Stripe unreachable, timed out, rate-limited or failing on its side. */
export function isRetryableStripeError(err: unknown): boolean {
  return (
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeAPIError ||
    err instanceof Stripe.errors.StripeRateLimitError ||
    err instanceof Stripe.errors.StripeIdempotencyError ||
    (err instanceof Stripe.errors.StripeError && (err.statusCode ?? 0) >= 500)
  );
}

/**
 * A Stripe client and the account it acts on: "" for the server's own account (single-operator mode), or a
 * workspace's connected account (platform mode), sent as the `Stripe-Account` header on every call.
 */
export type StripeAt = { stripe: Stripe; account: string };

/** Request options for a call on `account` ("" = the server's own), with an idempotency key when given. */
export function onAccount(account: string, idempotencyKey?: string): Stripe.RequestOptions {
  return { ...(account ? { stripeAccount: account } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) };
}
