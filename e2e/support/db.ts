import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type DbClient } from "../../db/client";

let client: DbClient | null = null;

/** The database the e2e server uses: DATABASE_URL (CI), or the embedded one the server started in .data/e2e-<port>. */
export function e2eDb() {
  if (!client) {
    let url = process.env.DATABASE_URL;
    if (!url) {
      const dir = `.data/e2e-${process.env.E2E_PORT ?? 3100}`;
      const info = JSON.parse(readFileSync(path.resolve(dir, "server.json"), "utf8")) as { url: string };
      url = info.url;
    }
    client = createDb(url, { max: 2 });
  }
  return client.db;
}
