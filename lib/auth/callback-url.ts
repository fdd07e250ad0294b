/** Only same-site paths are followed after sign-in: an open redirect would make a phishing link out of us. */
export function safeCallbackUrl(value: unknown, fallback = "/workspaces") {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.length > 500) return fallback;
  return value;
}
