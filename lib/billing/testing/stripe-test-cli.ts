import { parseArgs } from "node:util";
import { startStripeTestServer } from "./stripe-test-server";

/**
 * The Stripe test server as a process of its own, for development without Stripe's servers and for e2e runs. It is
 * started by running stripe-test-server.ts, the file the README names, which hands its command line over to this one.
 */

/** `tsx lib/billing/testing/stripe-test-server.ts --port 12111 [--webhook-url URL --webhook-secret whsec_...]` */
export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string", default: "12111" }, "webhook-url": { type: "string" }, "webhook-secret": { type: "string" } } });
  const webhookUrl = values["webhook-url"];
  const webhookSecret = values["webhook-secret"];
  if (Boolean(webhookUrl) !== Boolean(webhookSecret)) {
    process.stderr.write("--webhook-url and --webhook-secret go together\n");
    process.exit(2);
  }
  const server = await startStripeTestServer({ port: Number(values.port), webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined });
  process.stdout.write(`Stripe test server listening on ${server.url} (secret key ${server.secretKey})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
