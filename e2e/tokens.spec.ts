import { randomUUID } from "node:crypto";
import { TokensPage } from "./pages/workspace-pages";
import { createUserWithWorkspace, demo, expect, signInViaApi, test } from "./support/fixtures";

type Me = { user: { email: string }; workspace: { slug: string; name: string }; role: string };
type Problem = { type: string; title: string; status: number; detail?: string };

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

test.describe("personal API tokens", () => {
  test("a token made in settings answers /api/v1/me as its owner until it is revoked", async ({ page, request }) => {
    const owner = await createUserWithWorkspace();
    await signInViaApi(page.request, owner.email, owner.password);
    const tokens = new TokensPage(page);
    await tokens.goto(owner.slug);
    await expect(page.getByText("No tokens yet")).toBeVisible();

    const name = `Inventory sync ${randomUUID().slice(0, 6)}`;
    const secret = await tokens.create(name);
    // Only the start of the secret is kept for the list.
    await expect(tokens.row(name)).toContainText(`${secret.slice(0, 9)}…`);

    // `request` is a separate client with no browser cookies: only the token speaks for the caller.
    const ok = await request.get("/api/v1/me", { headers: bearer(secret) });
    expect(ok.status()).toBe(200);
    const me = (await ok.json()) as Me;
    expect(me.user.email).toBe(owner.email);
    expect(me.workspace.slug).toBe(owner.slug);
    expect(me.role).toBe("owner");

    await tokens.revoke(name);

    const revoked = await request.get("/api/v1/me", { headers: bearer(secret) });
    expect(revoked.status()).toBe(401);
    expect(revoked.headers()["content-type"]).toContain("application/problem+json");
    const problem = (await revoked.json()) as Problem;
    expect(problem.status).toBe(401);
    expect(problem.detail).toBe("The token is unknown or has been revoked.");

    // After a reload the secret is gone from the page for good; the list still shows the revoked token.
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(tokens.row(name).getByText("revoked", { exact: true })).toBeVisible();
  });

  test("a token acts with its maker's role in its own workspace", async ({ page, request }) => {
    await signInViaApi(page.request, demo("creator"));
    const tokens = new TokensPage(page);
    await tokens.goto("demo");
    const secret = await tokens.create(`Creator tool ${randomUUID().slice(0, 6)}`);

    const res = await request.get("/api/v1/me", { headers: bearer(secret) });
    expect(res.status()).toBe(200);
    const me = (await res.json()) as Me;
    expect(me).toMatchObject({
      user: { email: demo("creator") },
      workspace: { slug: "demo", name: "Demo Live Studios" },
      role: "creator",
    });
  });

  test("a malformed or missing token is answered 401 problem+json", async ({ request }) => {
    for (const headers of [
      bearer("not-a-livebase-token"),
      bearer("lb_this-token-was-never-issued"),
      { Authorization: "Basic Zm9vOmJhcg==" },
      {},
    ]) {
      const res = await request.get("/api/v1/me", { headers });
      expect(res.status(), JSON.stringify(headers)).toBe(401);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect(res.headers()["www-authenticate"]).toContain("Bearer");
      const problem = (await res.json()) as Problem;
      expect(problem).toMatchObject({ status: 401, title: "Unauthorized" });
    }
  });
});
