import { NextResponse, type NextRequest } from "next/server";

/**
 * Not a gate (every page checks access itself through requireMember): it only tells the server which URL was
 * asked for, so a visitor sent to sign-in from a deep link comes back to that page, not to the workspace home.
 */
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-livebase-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/w/:path*", "/workspaces/:path*", "/invite/:path*"] };
