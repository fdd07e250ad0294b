import { randomBytes } from "node:crypto";

/**
 * What every part of the Stripe test server shares: object ids, the errors the API answers, and Stripe's metadata
 * rules. Kept apart so the objects, the routes and the HTTP server can use them without importing one another.
 */

export type Metadata = Record<string, string>;
/** A metadata parameter: merged key by key ("" removes a key), or "" to clear them all, as Stripe does. */
export type MetadataInput = Metadata | "";

export type ApiErrorBody = { type: string; message: string; code?: string; param?: string; decline_code?: string };

/**
 * An error answered by the API. `stored` marks errors raised after the operation changed state (a declined
 * charge): Stripe saves those under the idempotency key and replays them, but not a request that failed validation.
 */
export class StripeTestApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly stored = false,
  ) {
    super(body.message);
  }
}

export function invalid(message: string, param?: string, code?: string): StripeTestApiError {
  return new StripeTestApiError(400, {
    type: "invalid_request_error",
    message,
    ...(code ? { code } : {}),
    ...(param ? { param } : {}),
  });
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export function newId(prefix: string): string {
  let id = prefix;
  for (const byte of randomBytes(24)) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

export function applyMetadata(current: Metadata, input: MetadataInput | undefined): Metadata {
  if (input === undefined) return { ...current };
  if (input === "") return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    if (value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}
