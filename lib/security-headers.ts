/**
 * The security headers of every response, built per request by proxy.ts (issue 10, item 2). Pure: the nonce and
 * the deployment's facts are inputs, so the policy is tested without a server.
 */

export type SecurityContext = {
  /** A fresh, unguessable value per request; Next.js puts it on its own scripts, the root layout on next-themes'. */
  nonce: string;
  /** `next dev` evaluates code (React's call stacks) and talks to its HMR socket. */
  dev: boolean;
  /** The public URL is https: browsers are told to stay on https (HSTS) and to upgrade stray http sub-resources. */
  https: boolean;
};

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets the scripts Next.js loads load their chunks);
 * no plugins, no framing, no <base> hijack. Styles allow inline attributes (React `style`, Radix positioning);
 * images allow https (room photos are links the operator pasted) and data/blob URLs (QR codes, previews).
 */
export function contentSecurityPolicy({ nonce, dev, https }: SecurityContext): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Powerful browser features Livebase never uses, switched off for every page and anything it might embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "interest-cohort=()",
].join(", ");

/** Two years, subdomains included: the value browsers' preload lists ask for. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** The headers every response carries. The request gets the CSP too: that is where Next.js reads the nonce from. */
export function securityHeaders(ctx: SecurityContext): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(ctx),
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(ctx.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * A server action (a POST carrying `Next-Action`) sent from another site. Next.js refuses it by throwing, which
 * answered 500; it is the caller's fault, so proxy.ts answers 403 first. Same rule as Next's: the Origin's host
 * must be the host the request was sent to (`X-Forwarded-Host` behind a proxy, else `Host`). A request with no
 * Origin is left to Next.js (browsers always send one with a server action).
 */
export function isForeignServerAction(req: { method: string; headers: Headers }): boolean {
  if (req.method !== "POST" || !req.headers.has("next-action")) return false;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (a sandboxed frame, a data: URL) or junk
  }
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? "").split(",")[0].trim();
  return originHost.toLowerCase() !== host.toLowerCase();
}
