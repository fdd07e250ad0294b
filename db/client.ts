import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle: queries take `Db | Tx` so a use case can run them inside its transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbClient = { db: Db; close: () => Promise<void> };

/**
 * The one client factory. Every mode (real PostgreSQL, or embedded PGlite served over the wire protocol by
 * db/embedded.ts) goes through postgres-js, so the app, migrations, jobs and tests share one code path.
 * Keep `max` at or below the embedded server's connection limit (EMBEDDED_MAX_CONNECTIONS).
 */
export function createDb(url: string, options: { max?: number } = {}): DbClient {
  const sql = postgres(url, {
    max: options.max ?? 8,
    onnotice: () => {},
  });
  return { db: drizzle(sql, { schema }), close: () => sql.end({ timeout: 5 }) };
}

export { schema };
