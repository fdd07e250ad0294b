import { createDb, type Db } from "@/db/client";
import { getEnv } from "./env";

const globalForDb = globalThis as unknown as { livebaseDb?: Db };

/** The app's database handle: one pool per server process (kept across dev hot reloads). */
export function getDb(): Db {
  if (!globalForDb.livebaseDb)
    globalForDb.livebaseDb = createDb(getEnv().DATABASE_URL, { max: getEnv().DATABASE_POOL_MAX }).db;
  return globalForDb.livebaseDb;
}
