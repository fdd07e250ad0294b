import { sql } from "drizzle-orm";
import { getDb } from "./db";
import { logger } from "./logger";

export async function checkDatabase() {
  const started = performance.now();
  try {
    await getDb().execute(sql`select 1`);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    logger.error({ err }, "health check: database unreachable");
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  }
}
