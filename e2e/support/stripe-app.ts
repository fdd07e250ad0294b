import { startStripeTestServer, type StripeTestServer } from "../../lib/billing/testing/stripe-test-server";
import { startAppServer } from "./app-server";
import { e2eNow } from "./clock";

export const WEBHOOK_SECRET = "whsec_e2e_stripe_app";

/**
 * A second app server, from the same production build, connected to a Stripe-compatible test server that runs
 * in this test process (its hosted Checkout and invoice pages are real HTTP pages the browser visits, and it
 * delivers signed webhooks to the app). It has its own embedded database, so Stripe-connected behaviour never
 * touches the main e2e server's data, and it runs the job loop every 2 seconds so invoices go out during a test.
 * `env` adds to (or overrides) its environment.
 */
export async function startStripeApp(port: number, env: Record<string, string> = {}) {
  const stripe: StripeTestServer = await startStripeTestServer({ webhook: { url: `http://localhost:${port}/api/stripe/webhook`, secret: WEBHOOK_SECRET } });
  const app = await startAppServer({
    port,
    name: "Stripe-connected app",
    env: {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      JOBS_INTERVAL_SECONDS: "2",
      // On the clock of the project that runs the test, like the test's own data.
      LIVEBASE_CLOCK_OFFSET_MS: String(e2eNow().getTime() - Date.now()),
      // e.g. STRIPE_CONNECT: "on" for platform mode (e2e/payments-connect.spec.ts); single-operator otherwise.
      ...env,
    },
  });
  return {
    ...app,
    stripe,
    async stop() {
      await app.stop();
      await stripe.close();
    },
  };
}
