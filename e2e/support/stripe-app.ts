import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createDb, type DbClient } from "../../db/client";
import { e2eClock } from "./clock";
import { startStripeTestServer, type StripeTestServer } from "../../lib/billing/testing/stripe-test-server";

export const WEBHOOK_SECRET = "whsec_e2e_stripe_app";

/**
 * A second app server, from the same production build, connected to a Stripe-compatible test server that runs
 * in this test process (its hosted Checkout and invoice pages are real HTTP pages the browser visits, and it
 * delivers signed webhooks to the app). It has its own embedded database, so Stripe-connected behaviour never
 * touches the main e2e server's data, and it runs the job loop every 2 seconds so invoices go out during a test.
 */
export async function startStripeApp(port: number) {
  const stripe: StripeTestServer = await startStripeTestServer({ webhook: { url: `http://localhost:${port}/api/stripe/webhook`, secret: WEBHOOK_SECRET } });
  const dataDir = `.data/e2e-stripe-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LIVEBASE_DATA_DIR: dataDir,
    APP_URL: `http://localhost:${port}`,
    AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_API_BASE: stripe.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    JOBS_INTERVAL_SECONDS: "2",
    // On the clock of the project that runs the test (e2e/support/clock.ts), like the test's own data.
    LIVEBASE_CLOCK_OFFSET_MS: String(e2eClock()?.offsetMs ?? 0),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL; // always the embedded database, even in CI
  const child: ChildProcess = spawn("npx", ["tsx", "db/with-database.ts", "--seed-if-empty", "next", "start", "--port", String(port)], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Stripe-connected app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the Stripe-connected app did not start within 2 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  let client: DbClient | null = null;
  const db = () => {
    client ??= createDb((JSON.parse(readFileSync(path.resolve(dataDir, "server.json"), "utf8")) as { url: string }).url, { max: 2 });
    return client.db;
  };
  return {
    base,
    stripe,
    db,
    async stop() {
      await client?.close();
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      await stripe.close();
    },
  };
}
