import { readBuiltActions } from "./support/authz-discovery";
import { demo, expect, signInViaApi, test } from "./support/fixtures";

/** Issue 10, item 2: every page carries a nonce-based CSP and the other security headers, and still works under it. */

const cspOf = (headers: Record<string, string>) => headers["content-security-policy"] ?? "";
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

test("pages carry a per-request nonce CSP, Permissions-Policy and the old headers; no script runs without the nonce", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await signInViaApi(page.request, demo("owner"));

  const first = await page.goto("/w/demo/run-sheet");
  const headers = first!.headers();
  const csp = cspOf(headers);
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The e2e server's APP_URL is http: no HSTS (it would pin localhost to https). lib/security-headers.test.ts covers https.
  expect(headers["strict-transport-security"]).toBeUndefined();

  // Every script element the page rendered carries this response's nonce (the browser hides the attribute's value
  // from the DOM, but exposes it as the .nonce property).
  const nonce = nonceOf(csp);
  expect(nonce).toBeTruthy();
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const again = await page.request.get("/w/demo/run-sheet");
  expect(nonceOf(cspOf(again.headers()))).not.toBe(nonce);

  // A form that goes through a server action still works.
  await page.goto("/w/demo/settings");
  const name = page.getByRole("textbox", { name: /name/i }).first();
  await name.fill(await name.inputValue());
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  expect(violations).toEqual([]);
});

test("API answers and the sign-in page carry the headers too", async ({ request }) => {
  const signIn = await request.get("/sign-in");
  expect(cspOf(signIn.headers())).toContain("'nonce-");
  const api = await request.get("/api/v1/me");
  expect(api.status()).toBe(401);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(cspOf(api.headers())).toContain("default-src 'self'");
});

test("a server action posted from another site answers 403, not 500; from our own origin it runs", async ({
  request,
  baseURL,
}) => {
  const action = readBuiltActions().get("app/(auth)/sign-in/actions.ts#magicLinkAction");
  expect(action).toBeTruthy();
  const post = (origin: string) =>
    request.post("/sign-in", {
      headers: {
        "Next-Action": action!.id,
        Accept: "text/x-component",
        Origin: origin,
        "Content-Type": "text/plain;charset=UTF-8",
      },
      data: "[]",
      maxRedirects: 0,
    });
  for (const origin of [
    "https://evil.example",
    "null",
    `${new URL(baseURL!).protocol}//attacker.localhost:${new URL(baseURL!).port}`,
  ]) {
    const res = await post(origin);
    expect(res.status(), origin).toBe(403);
  }
  const own = await post(new URL(baseURL!).origin);
  expect(own.status()).toBeLessThan(500);
  expect(own.status()).not.toBe(403);
});
