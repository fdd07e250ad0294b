import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS, isForeignServerAction, newNonce, securityHeaders } from "./security-headers";

describe("security headers (issue 10, item 2)", () => {
  it("the CSP lets scripts run only with the request's nonce, and relaxes only what next dev needs", () => {
    const prod = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    expect(prod).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(prod).not.toContain("unsafe-eval");
    expect(prod).not.toContain("upgrade-insecure-requests");
    expect(prod).toMatch(/object-src 'none'.*base-uri 'self'.*frame-ancestors 'none'/);
    expect(contentSecurityPolicy({ nonce: "abc", dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "abc", dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("sends HSTS only when the public URL is https, and a fresh nonce each time", () => {
    expect(securityHeaders({ nonce: "n", dev: false, https: true })["Strict-Transport-Security"]).toBe(HSTS);
    expect(securityHeaders({ nonce: "n", dev: false, https: false })).not.toHaveProperty("Strict-Transport-Security");
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("tells a cross-site server action from a same-site one, as Next.js does (X-Forwarded-Host first)", () => {
    const action = (headers: Record<string, string>) => ({
      method: "POST",
      headers: new Headers({ "next-action": "abc", ...headers }),
    });
    expect(isForeignServerAction(action({ origin: "https://evil.example", host: "studio.example.com" }))).toBe(true);
    expect(isForeignServerAction(action({ origin: "null", host: "studio.example.com" }))).toBe(true);
    expect(isForeignServerAction(action({ origin: "https://studio.example.com", host: "studio.example.com" }))).toBe(
      false,
    );
    expect(
      isForeignServerAction(
        action({
          origin: "https://Studio.Example.com",
          host: "internal:3000",
          "x-forwarded-host": "studio.example.com",
        }),
      ),
    ).toBe(false);
    expect(isForeignServerAction(action({ origin: "http://localhost:3001", host: "localhost:3000" }))).toBe(true);
    expect(isForeignServerAction(action({ host: "studio.example.com" }))).toBe(false);
    expect(
      isForeignServerAction({ method: "POST", headers: new Headers({ origin: "https://evil.example", host: "a" }) }),
    ).toBe(false);
  });
});
