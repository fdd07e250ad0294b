import { createHmac, timingSafeEqual } from "node:crypto";
import { fail, ok, type Result } from "../result";

export const SIGNATURE_HEADER = "Livebase-Signature";
export const SECRET_PREFIX = "whsec_";

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/**
 * The `Livebase-Signature` header for one request: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * The timestamp is signed with the body, so a captured request cannot be replayed later with a fresh time.
 */
export function signPayload(secret: string, body: string, timestamp: number): string {
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new Error("timestamp must be whole unix seconds");
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureError = "malformed" | "stale" | "mismatch";

/**
 * Checks a `Livebase-Signature` header against the raw request body (the exact bytes received, before any JSON
 * parsing) and the endpoint's secret. Rejects a timestamp more than `toleranceSeconds` away from `now`. Any `v1`
 * entry may match (room for sending two signatures while a secret changes). Compared in constant time.
 */
export function verifySignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  opts: { toleranceSeconds?: number; now: Date },
): Result<{ timestamp: number }, SignatureError> {
  if (!header || header.length > 1000) return fail("malformed");
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value, extra] = part.trim().split("=");
    if (extra !== undefined || value === undefined) return fail("malformed");
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return fail("malformed");
  const tolerance = opts.toleranceSeconds ?? 300;
  if (Math.abs(opts.now.getTime() / 1000 - timestamp) > tolerance) return fail("stale");
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  // Check every candidate (no early exit), so the time taken says nothing about which one matched.
  let matched = false;
  for (const candidate of signatures) matched = timingSafeEqual(expected, Buffer.from(candidate, "hex")) || matched;
  return matched ? ok({ timestamp }) : fail("mismatch");
}
