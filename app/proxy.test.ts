import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { HSTS } from "@/lib/security-headers";
import { proxy } from "@/proxy";

// Issue 10, item 2: the root proxy.ts, called as Next.js calls it.
describe("proxy.ts", () => {
  const appUrl = process.env.APP_URL;
  afterEach(() => {
    if (appUrl === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = appUrl;
  });

  it("answers a foreign server action 403 and puts the nonce and headers on everything else", async () => {
    process.env.APP_URL = "https://studio.example.com";
    const refused = proxy(
      new NextRequest("https://studio.example.com/w/demo/settings", {
        method: "POST",
        headers: { "next-action": "x", origin: "https://evil.example", host: "studio.example.com" },
      }),
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-security-policy")).toContain("'nonce-");

    const page = proxy(
      new NextRequest("https://studio.example.com/w/demo/run-sheet?date=2026-12-07", {
        headers: { host: "studio.example.com" },
      }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("strict-transport-security")).toBe(HSTS);
    expect(page.headers.get("permissions-policy")).toContain("microphone=()");
    // Next.js reads the request's CSP for the nonce it puts on its scripts; the layout reads x-nonce.
    expect(page.headers.get("x-middleware-request-content-security-policy")).toBe(
      page.headers.get("content-security-policy"),
    );
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("content-security-policy")!)![1];
    expect(page.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(page.headers.get("x-middleware-request-x-livebase-path")).toBe("/w/demo/run-sheet?date=2026-12-07");

    process.env.APP_URL = "http://localhost:3000";
    expect(proxy(new NextRequest("http://localhost:3000/sign-in")).headers.get("strict-transport-security")).toBeNull();
  });
});
