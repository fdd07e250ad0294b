/**
 * The client's address for the per-IP limit: the right-most X-Forwarded-For entry, the one our own load
 * balancer appends (entries to its left are whatever the client sent). Without a proxy in front, Next's server
 * fills the header itself only when the client did not, so per-IP limiting needs a proxy; the per-email limit
 * does not depend on it.
 */
export function clientIp(headers: Headers) {
  const chain =
    headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  return chain.at(-1) || headers.get("x-real-ip") || "unknown";
}
