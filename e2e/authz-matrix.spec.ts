import { expect, test } from "@playwright/test";
import { setUpActors, throwawaySession, WORKSPACE, type Actor, type Actors } from "./support/authz-actors";
import {
  difference,
  discoverActionExports,
  discoverPages,
  discoverRoutes,
  readBuiltActions,
} from "./support/authz-discovery";
import { actionAnswer, DENIED_ANONYMOUS, DENIED_SIGNED_IN, invokeAction, pageOutcome } from "./support/authz-http";
import { demoIds, resolveUrl } from "./support/authz-ids";
import { ACTIONS, ACTOR_NAMES, PAGES, ROUTES } from "./support/authz-matrix";

/**
 * The authorization matrix: every page, route handler and server action, called by every role of workspace `demo`,
 * by the owner of another workspace and by nobody, against what e2e/support/authz-matrix.ts says each should get.
 * A new page, route or action without a row there fails the first test.
 */

const ROW_HINT =
  "add a row to e2e/support/authz-matrix.ts, or authz-matrix-actions.ts for actions (or remove the stale one)";

test("the matrix has a row for every page, route handler method and server action, and no other", () => {
  const pages = difference(discoverPages(), Object.keys(PAGES));
  expect.soft(pages.missing, `pages without a row: ${ROW_HINT}`).toEqual([]);
  expect.soft(pages.stale, `rows for pages that no longer exist: ${ROW_HINT}`).toEqual([]);

  const methods = (routes: Record<string, readonly string[]>) =>
    Object.entries(routes).flatMap(([pattern, list]) => list.map((m) => `${m} ${pattern}`));
  const routes = difference(
    methods(discoverRoutes()),
    methods(Object.fromEntries(Object.entries(ROUTES).map(([pattern, row]) => [pattern, Object.keys(row.methods)]))),
  );
  expect.soft(routes.missing, `route handler methods without a row: ${ROW_HINT}`).toEqual([]);
  expect.soft(routes.stale, `rows for route handler methods that no longer exist: ${ROW_HINT}`).toEqual([]);

  // Actions: those the build registers (reachable over HTTP) plus every export of an action file (used or not yet).
  const built = [...readBuiltActions().keys()];
  const actions = difference(new Set([...built, ...discoverActionExports()]), Object.keys(ACTIONS));
  expect.soft(actions.missing, `server actions without a row: ${ROW_HINT}`).toEqual([]);
  expect.soft(actions.stale, `rows for server actions that no longer exist: ${ROW_HINT}`).toEqual([]);
});

test.describe("authorization matrix", () => {
  let actors: Actors;
  let baseURL: string;
  let ids: Record<string, string>;
  const url = (template: string) => resolveUrl(template, ids);

  test.beforeAll(async ({ playwright }, testInfo) => {
    baseURL = String(testInfo.project.use.baseURL);
    actors = await setUpActors(playwright, baseURL);
    ids = await demoIds();
  });

  test.afterAll(async () => {
    await actors?.dispose();
  });

  const everyActor = (fn: (actor: Actor) => Promise<void>) =>
    Promise.all(ACTOR_NAMES.map((name) => fn(actors.byName[name])));

  for (const [pattern, row] of Object.entries(PAGES)) {
    test(`page ${pattern} (${row.gate})`, async () => {
      await everyActor(async (actor) => {
        const res = await actor.request.get(url(row.url), { maxRedirects: 0 });
        expect.soft(pageOutcome(res, actor.ownSlug), `${actor.name}: GET ${row.url}`).toBe(row.expect[actor.name]);
      });
    });
  }

  for (const [pattern, row] of Object.entries(ROUTES)) {
    for (const [method, probe] of Object.entries(row.methods)) {
      test(`route ${method} ${pattern} (${row.gate})`, async () => {
        await everyActor(async (actor) => {
          // Bearer routes: the actor's token from a context without cookies. Other routes: the actor's session.
          const bearer = row.auth === "bearer";
          const request = bearer ? actors.bare : actor.request;
          const headers: Record<string, string> =
            bearer && actor.token ? { Authorization: `Bearer ${actor.token}` } : {};
          const res = await request.fetch(url(probe.url), { method, headers, maxRedirects: 0 });
          const what = `${actor.name}: ${method} ${probe.url}`;
          expect.soft(res.status(), what).toBe(probe.expect[actor.name]);
          if (bearer && res.status() >= 400) {
            expect
              .soft(res.headers()["content-type"], `${what} answers problem+json`)
              .toContain("application/problem+json");
          }
        });
      });
    }
  }

  for (const [key, row] of Object.entries(ACTIONS)) {
    test(`action ${key} (${row.gate})`, async ({ playwright }) => {
      const built = readBuiltActions().get(key);
      if (!built) {
        // The build registers only actions some page imports; one that none does cannot be called over HTTP yet.
        test.info().annotations.push({ type: "not reachable", description: `${key}: no page imports it yet` });
        expect(discoverActionExports(), `${key} is neither built nor in the source`).toContain(key);
        return;
      }
      const pattern = built.pages.find((p) => PAGES[p]);
      expect(pattern, `${key} is loaded by no page of the matrix (${built.pages.join(", ")})`).toBeTruthy();
      const pageUrl = url(PAGES[pattern ?? ""].url);
      test.info().annotations.push({ type: "posted to", description: `${pageUrl} as Next-Action ${built.id}` });

      await everyActor(async (actor) => {
        // Sign-out ends the session it is called with: give it a session of its own.
        const throwaway = key.endsWith("#signOutAction") ? await throwawaySession(playwright, baseURL, actor) : null;
        try {
          const res = await invokeAction(throwaway ?? actor.request, {
            pageUrl,
            actionId: built.id,
            args: row.args,
            workspace: WORKSPACE,
          });
          const answer = await actionAnswer(res);
          const what = `${actor.name}: ${key} → ${answer.status} ${answer.detail}`;
          expect.soft(answer.status, `${what} (no action may fail on the server)`).toBeLessThan(500);
          expect.soft(answer.outcome, what).toBe(row.expect[actor.name]);
          if (answer.outcome === "denied") {
            // A gate tells nobody whether the workspace exists: "not found", or "sign in" to the signed-out.
            expect.soft(answer.detail, what).toBe(actor.email ? DENIED_SIGNED_IN : DENIED_ANONYMOUS);
          }
        } finally {
          await throwaway?.dispose();
        }
      });
    });
  }

  test("/api/v1 answers only to a valid token, never to a session, and a token sees only its own workspace", async () => {
    const me = (headers: Record<string, string>, request = actors.bare) => request.get("/api/v1/me", { headers });
    const refused = {
      "no token": await me({}),
      "a token that was never issued": await me({ Authorization: "Bearer lb_authz-matrix-never-issued" }),
      "a revoked token": await me({ Authorization: `Bearer ${actors.revokedToken}` }),
      "the owner's session cookie without a token": await me({}, actors.byName.owner.request),
    };
    for (const [what, res] of Object.entries(refused)) {
      expect.soft(res.status(), what).toBe(401);
      expect.soft(res.headers()["content-type"], what).toContain("application/problem+json");
    }

    for (const actor of Object.values(actors.byName)) {
      if (!actor.token) continue;
      const res = await me({ Authorization: `Bearer ${actor.token}` });
      expect(res.status(), actor.name).toBe(200);
      const body = (await res.json()) as { user: { email: string }; workspace: { slug: string }; role: string };
      expect
        .soft(body, `${actor.name}'s token`)
        .toMatchObject({ user: { email: actor.email }, workspace: { slug: actor.ownSlug }, role: actor.role });
    }
    const outsider = await me({ Authorization: `Bearer ${actors.byName.outsider.token}` });
    expect(await outsider.text(), "the outsider's token reveals nothing of demo").not.toMatch(/demo/i);
  });

  test("a POST to Auth.js without its CSRF token signs nobody out", async () => {
    await everyActor(async (actor) => {
      await actor.request.post("/api/auth/signout", { maxRedirects: 0 });
      const session = (await (await actor.request.get("/api/auth/session")).json()) as {
        user?: { email?: string };
      } | null;
      expect.soft(session?.user?.email ?? null, `${actor.name} is still signed in`).toBe(actor.email);
    });
  });
});
