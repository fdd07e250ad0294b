import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type DbClient } from "../../db/client";
import { e2eClock, e2eDatabaseUrl } from "./clock";

const clients = new Map<number, DbClient>();

/**
 * The database of the server the running test talks to: beside DATABASE_URL's (CI), or the embedded one it started
 * in .data/e2e-<port> (e2eDatabaseUrl).
 */
export function e2eDb() {
  const clock = e2eClock();
  const port = clock?.port ?? Number(process.env.E2E_PORT ?? 3100);
  let client = clients.get(port);
  if (!client) {
    let url = e2eDatabaseUrl(port);
    if (!url) {
      const info = JSON.parse(readFileSync(path.resolve(`.data/e2e-${port}`, "server.json"), "utf8")) as {
        url: string;
      };
      url = info.url;
    }
    client = createDb(url, { max: 2 });
    clients.set(port, client);
  }
  return client.db;
}
