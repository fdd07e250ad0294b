import { inject } from "vitest";
import { createDb, type DbClient } from "../client";

let client: DbClient | null = null;

/** A pool on the test database (real PostgreSQL in DATABASE_URL, or the embedded one). */
export function testDb() {
  client ??= createDb(inject("databaseUrl"), { max: 6 });
  return client.db;
}

export const onRealPostgres = () => inject("databaseKind") === "postgres";
