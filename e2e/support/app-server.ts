import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createDb, type DbClient } from "../../db/client";

/** What every e2e app server runs with. */
export const E2E_SERVER_ENV = {
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
};

/**
 * Starts another app server from the production build in this test process: on an empty database of its own
 * (`databaseUrl` on real PostgreSQL, made anew; else embedded in `.data/e2e-<port>`), seeded with the demo, and
 * waits for /api/health. Used for the Stripe-connected app and for the clock servers.
 */
export async function startAppServer(opts: {
  port: number;
  env: Record<string, string>;
  databaseUrl?: string | null;
  name: string;
}) {
  const dataDir = `.data/e2e-${opts.port}`;
  rmSync(dataDir, { recursive: true, force: true });
  if (opts.databaseUrl) {
    const made = spawnSync("npx", ["tsx", "e2e/support/fresh-database.ts", opts.databaseUrl], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (made.status !== 0) throw new Error(`could not make the database of the ${opts.name}`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_SERVER_ENV,
    LIVEBASE_DATA_DIR: dataDir,
    APP_URL: `http://localhost:${opts.port}`,
    ...opts.env,
    DATABASE_URL: opts.databaseUrl ?? "",
  };
  const child: ChildProcess = spawn(
    "npx",
    ["tsx", "db/with-database.ts", "--seed-if-empty", "next", "start", "--port", String(opts.port)],
    { env, stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const base = `http://localhost:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${opts.name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the ${opts.name} did not start within 2 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  let client: DbClient | null = null;
  const db = () => {
    client ??= createDb(
      opts.databaseUrl ??
        (JSON.parse(readFileSync(path.resolve(dataDir, "server.json"), "utf8")) as { url: string }).url,
      { max: 2 },
    );
    return client.db;
  };
  return {
    base,
    db,
    async stop() {
      await client?.close();
      if (child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    },
  };
}
