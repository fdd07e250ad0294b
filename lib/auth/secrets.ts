import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe secret with a recognisable prefix (e.g. `lb_` for API tokens). */
export function newSecret(prefix = "", bytes = 32) {
  return prefix + randomBytes(bytes).toString("base64url");
}

/** Secrets are stored only as their SHA-256: a database leak does not leak usable tokens. */
export function hashSecret(secret: string) {
  return createHash("sha256").update(secret).digest("hex");
}
