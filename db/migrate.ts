import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDb } from "./client";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies the committed migrations (generated and hand-written SQL); safe to run on every start. */
export async function runMigrations(url: string) {
  const client = createDb(url, { max: 1 });
  try {
    await migrate(client.db, { migrationsFolder });
  } finally {
    await client.close();
  }
}
