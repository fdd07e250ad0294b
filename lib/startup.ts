import { getEnv } from "./env";
import { logger } from "./logger";

/** Parses the environment at start-up; a misconfigured server stops at once instead of failing per request. */
export function checkEnvironmentOrExit() {
  try {
    const env = getEnv();
    logger.info({ nodeEnv: env.NODE_ENV, smtp: Boolean(env.SMTP_URL) }, "livebase server starting");
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
}
