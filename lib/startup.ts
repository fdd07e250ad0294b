import { paymentsMode } from "./billing/connect";
import { getStripe } from "./billing/stripe-client";
import { getDb } from "./db";
import { getEnv } from "./env";
import { startJobLoop } from "./jobs/run-jobs";
import { logger } from "./logger";
import { privateHostsAllowed } from "./webhooks/url-policy";

/** Parses the environment at start-up; a misconfigured server stops at once instead of failing per request. */
export function checkEnvironmentOrExit(clock: () => Date) {
  try {
    const env = getEnv();
    logger.info(
      { nodeEnv: env.NODE_ENV, smtp: Boolean(env.SMTP_URL), stripe: Boolean(env.STRIPE_SECRET_KEY) },
      "livebase server starting",
    );
    if (env.LIVEBASE_CLOCK_OFFSET_MS !== 0)
      logger.warn(
        { offsetMs: env.LIVEBASE_CLOCK_OFFSET_MS, now: clock().toISOString() },
        "LIVEBASE_CLOCK_OFFSET_MS moves this server's clock away from real time (tests only)",
      );
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
      logger.warn(
        "STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: Stripe webhooks will be refused (503) until it is set",
      );
    if (env.JOBS !== "off")
      startJobLoop(
        getDb(),
        {
          smtpUrl: env.SMTP_URL,
          from: env.EMAIL_FROM,
          stripe: getStripe(),
          paymentsMode: paymentsMode(env),
          allowPrivateWebhookHosts: privateHostsAllowed(env),
        },
        clock,
        env.JOBS_INTERVAL_SECONDS * 1000,
      );
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
}
