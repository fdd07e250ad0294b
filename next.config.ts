import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets two builds (e.g. two e2e runs on one machine) live side by side; `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pino",
    "postgres",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
  ],
  poweredByHeader: false,
  // Room photos are uploaded through a server action: up to 5 MB (lib/studios/photo-rules.ts) plus the form's
  // other fields. A larger file is still answered by that rule's own message up to this limit.
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
  typedRoutes: false,
  // Pages, route handlers and actions get the full set (CSP with a nonce, Permissions-Policy, HSTS on https)
  // from proxy.ts (lib/security-headers.ts); these cover the build's static files, which the proxy skips.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
