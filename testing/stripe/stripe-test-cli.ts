import { parseArgs } from "node:util";
import { startStripeTestServer } from "./stripe-test-server";

/**
 * The Stripe test server as a process of its own, for development without Stripe's servers and for e2e runs. It is
 * started by running stripe-test-server.ts, the file the README names, which hands its command line over to this one.
 */

/**
 * `tsx testing/stripe/stripe-test-server.ts --port 12111 [--webhook-url URL --webhook-secret whsec_...]
 * [--connect-webhook-url URL --connect-webhook-secret whsec_...]`; the Connect endpoint gets the events that carry
 * `account` (without it, the webhook endpoint gets them).
 */
export async function main(): Promise<void> {
  const text = { type: "string" } as const;
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "12111" },
      "webhook-url": text,
      "webhook-secret": text,
      "connect-webhook-url": text,
      "connect-webhook-secret": text,
    },
  });
  const target = (prefix: "webhook" | "connect-webhook") => {
    const url = values[`${prefix}-url`];
    const secret = values[`${prefix}-secret`];
    if (Boolean(url) !== Boolean(secret)) {
      process.stderr.write(`--${prefix}-url and --${prefix}-secret go together\n`);
      process.exit(2);
    }
    return url && secret ? { url, secret } : undefined;
  };
  const server = await startStripeTestServer({
    port: Number(values.port),
    webhook: target("webhook"),
    connectWebhook: target("connect-webhook"),
  });
  process.stdout.write(`Stripe test server listening on ${server.url} (secret key ${server.secretKey})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
