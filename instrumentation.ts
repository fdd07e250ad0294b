/** Runs once when a server instance starts: a bad environment stops it with a message naming every variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { logger } = await import("./lib/logger");
  try {
    const env = getEnv();
    logger.info({ nodeEnv: env.NODE_ENV, smtp: Boolean(env.SMTP_URL) }, "livebase server starting");
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
}
