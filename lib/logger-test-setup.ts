import { logger } from "./logger";

// Tests exercise failures on purpose (refused SMTP, broken handlers): keep their expected warnings out of the output.
logger.level = process.env.LOG_LEVEL ?? "silent";
