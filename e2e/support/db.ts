import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type DbClient } from "../../db/client";
import { clockDatabaseUrl, e2eClock } from "./clock";

const clients = new Map<number, DbClient>();

/**
 * The database of the server the running test talks to: for the main server DATABASE_URL (CI) or the embedded one
 * it started in .data/e2e-<port>; a clock server has one of its own (clockDatabaseUrl).
 */
export function e2eDb() {
  const clock = e2eClock();
  const port = clock?.port ?? Number(process.env.E2E_PORT ?? 3100);
  let client = clients.get(port);
  if (!client) {
    let url = clock ? clockDatabaseUrl(clock.port) : process.env.DATABASE_URL;
    if (!url) {
      const info = JSON.parse(readFileSync(path.resolve(`.data/e2e-${port}`, "server.json"), "utf8")) as { url: string };
      url = info.url;
    }
    client = createDb(url, { max: 2 });
    clients.set(port, client);
  }
  return client.db;
}
