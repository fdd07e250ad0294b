/** Only same-site paths are followed after sign-in: an open redirect would make a phishing link out of us. */
export function safeCallbackUrl(value: unknown, fallback = "/workspaces") {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return fallback;
  // Browsers drop tabs and newlines and read "\\" as "/": "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f\\\s]/.test(value)) return fallback;
  if (value.length > 500) return fallback;
  return value;
}

/** The path and query of `url` when it is on `base` (or relative); null for another site. */
export function sameSitePath(url: string, base: string) {
  try {
    const u = new URL(url, base);
    return u.origin === new URL(base).origin ? u.pathname + u.search : null;
  } catch {
    return null;
  }
}
