import { NextResponse, type NextRequest } from "next/server";
import { isForeignServerAction, newNonce, securityHeaders } from "@/lib/security-headers";

const httpsDeployment = () => (process.env.APP_URL ?? "").startsWith("https://");

/**
 * Not a gate (every page checks access itself through requireMember). It
 * - answers 403 to a server action posted from another site (Next.js would throw: a 500);
 * - gives every response its security headers, with a fresh CSP nonce that Next.js and the root layout put on
 *   the scripts they render (Next reads it from the request's Content-Security-Policy header);
 * - tells the server which URL was asked for, so a visitor sent to sign-in from a deep link comes back to it.
 */
export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, dev: process.env.NODE_ENV === "development", https: httpsDeployment() });
  if (isForeignServerAction(req)) {
    return new NextResponse("Cross-site requests to server actions are not allowed.", {
      status: 403,
      headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
    });
  }
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-livebase-path", req.nextUrl.pathname + req.nextUrl.search);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  requestHeaders.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [key, value] of Object.entries(headers)) res.headers.set(key, value);
  return res;
}

// Everything but the build's immutable files (they carry the headers from next.config.ts).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
