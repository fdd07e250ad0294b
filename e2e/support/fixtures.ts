import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { and, desc, eq } from "drizzle-orm";
import { memberships, notifications, signInAttempts, users, workspaces, type Role } from "../../db/schema";
import { startAppServer } from "./app-server";
import { e2eDatabaseUrl, type E2eClock } from "./clock";
import { e2eDb } from "./db";

export const DEMO_PASSWORD = "livebase-demo";
export const demo = (who: "owner" | "manager" | "staff" | "creator" | "creator2" | "brand") =>
  `${who}@demo.livebase.test`;

/** Signs a browser context in through Auth.js's own HTTP API (CSRF token, then the credentials callback). */
export async function signInViaApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/workspaces" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${email}`).toBe(302);
  expect(res.headers()["location"] ?? "").not.toContain("error");
}

/** A user in a workspace of their own (slug returned), created directly in the database. */
export async function createUserWithWorkspace(opts: { role?: Role; password?: string } = {}) {
  const db = e2eDb();
  const id = randomUUID().slice(0, 8);
  const email = `e2e-${id}@example.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `E2E ${id}`, passwordHash: await hash(opts.password ?? DEMO_PASSWORD) })
    .returning();
  const [ws] = await db
    .insert(workspaces)
    .values({ slug: `ws-${id}`, name: `Workspace ${id}` })
    .returning();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: user.id, role: opts.role ?? "owner" });
  return { email, userId: user.id, slug: ws.slug, password: opts.password ?? DEMO_PASSWORD };
}

/** The newest email to an address (optionally of one kind), waiting briefly for it to be written. */
export async function latestEmail(to: string, kind?: string) {
  const db = e2eDb();
  for (let i = 0; i < 40; i++) {
    const [row] = await db
      .select()
      .from(notifications)
      .where(kind ? and(eq(notifications.toEmail, to), eq(notifications.kind, kind)) : eq(notifications.toEmail, to))
      .orderBy(desc(notifications.createdAt))
      .limit(1);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to}${kind ? ` of kind ${kind}` : ""}`);
}

export function firstLink(text: string) {
  const m = text.match(/https?:\/\/\S+/);
  if (!m) throw new Error("no link in email");
  return m[0];
}

/** Fails on any WCAG 2 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page) {
  // A toast or a dialog mid-fade has colours between its start and end: axe then reports a contrast that no
  // reader ever sees (a flake seen on the receiving journey). Let every finite animation finish first.
  await page
    .evaluate(() =>
      Promise.race([
        Promise.all(
          document
            .getAnimations()
            .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
            .map((a) => a.finished.catch(() => undefined)),
        ),
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      ]),
    )
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** An address no test has used before, so a journey can be re-run on the same database. */
export function uniqueEmail(label = "user") {
  return `e2e-${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A user with a password and no workspace, created directly in the database. */
export async function createUser(opts: { name?: string; password?: string } = {}) {
  const id = randomUUID().slice(0, 8);
  const email = `e2e-solo-${id}@example.test`;
  const password = opts.password ?? DEMO_PASSWORD;
  const name = opts.name ?? `E2E ${id}`;
  const [user] = await e2eDb()
    .insert(users)
    .values({ email, name, passwordHash: await hash(password) })
    .returning();
  return { email, name, userId: user.id, password };
}

/**
 * Forgets an address's failed sign-ins, so a test that types a wrong password on purpose can be re-run on the
 * same database without tripping the 5-failures-in-15-minutes limit.
 */
export async function clearFailedSignIns(email: string) {
  await e2eDb()
    .delete(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false)));
}

/**
 * In a clock project (e2e/support/clock.ts), the worker first starts that project's server with its clock moved so
 * that the project begins at its instant, and moves this worker's e2eNow() by the same amount. A worker that
 * restarts (after a failure) starts again at the instant, on a new empty database.
 */
export const test = base.extend<object, { clockServer: void }>({
  clockServer: [
    async ({}, provide, workerInfo) => {
      const clock = workerInfo.project.metadata?.clock as E2eClock | undefined;
      if (!clock) return provide();
      const offsetMs = Date.parse(clock.at) - Date.now();
      process.env.E2E_CLOCK_OFFSET_MS = String(offsetMs);
      const server = await startAppServer({
        port: clock.port,
        name: `clock server at ${clock.name}`,
        databaseUrl: e2eDatabaseUrl(clock.port),
        env: { JOBS_INTERVAL_SECONDS: "5", LIVEBASE_CLOCK_OFFSET_MS: String(offsetMs) },
      });
      try {
        await provide();
      } finally {
        await server.stop();
      }
    },
    { scope: "worker", auto: true, timeout: 180_000 },
  ],
});
export { expect };
