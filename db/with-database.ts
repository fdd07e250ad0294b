/**
 * Runs a command (next dev, next start, ...) against a ready database:
 *   DATABASE_URL set   → real PostgreSQL at that URL;
 *   DATABASE_URL unset → embedded PGlite persisted in LIVEBASE_DATA_DIR (default .data/), served on a loopback port.
 * Migrations run first; with --seed-if-empty the demo data is created when the demo workspace is missing.
 * The child gets DATABASE_URL, so the app always talks to Postgres over the wire, in both modes.
 *
 *   tsx db/with-database.ts [--seed-if-empty] <command...>
 *   tsx db/with-database.ts --migrate-only | --seed-only
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "./client";
import { runningEmbeddedUrl, startEmbedded, type EmbeddedServer } from "./embedded";
import { runMigrations } from "./migrate";
import { needsDemoSeed, seedDemo } from "./seed/demo";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const migrateOnly = flag("--migrate-only");
const seedOnly = flag("--seed-only");
const seedIfEmpty = flag("--seed-if-empty");

const log = (msg: string) => process.stderr.write(`[livebase] ${msg}\n`);

async function main() {
  let embedded: EmbeddedServer | null = null;
  let url = process.env.DATABASE_URL;
  const dataDir = path.resolve(process.env.LIVEBASE_DATA_DIR ?? ".data");
  if (!url) {
    url = (await runningEmbeddedUrl(dataDir)) ?? undefined;
    if (url) log(`using the embedded database already served at ${url}`);
    else {
      embedded = await startEmbedded(dataDir);
      url = embedded.url;
      log(`embedded PostgreSQL (PGlite) in ${dataDir}, served at ${url}`);
    }
  }
  const stop = async () => {
    if (embedded) await embedded.stop();
  };

  try {
    await runMigrations(url);
    log("migrations applied");
    if (seedOnly || seedIfEmpty) {
      const client = createDb(url, { max: 1 });
      try {
        if (await needsDemoSeed(client.db)) {
          // The demo's history is placed before the app's now (moved by LIVEBASE_CLOCK_OFFSET_MS in clock tests).
          await seedDemo(
            client.db,
            { nodeEnv: process.env.NODE_ENV },
            new Date(Date.now() + (Number(process.env.LIVEBASE_CLOCK_OFFSET_MS) || 0)),
          );
          log("demo data created (workspace 'demo')");
        } else if (seedOnly) log("demo data already present (workspace 'demo'): nothing to do");
      } finally {
        await client.close();
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  if (migrateOnly || seedOnly || args.length === 0) return stop();

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  // Links in emails need the public URL; locally it is this machine and the port we serve on.
  const portArg = args.indexOf("--port");
  if (!env.APP_URL && !process.env.DATABASE_URL && portArg > 0) env.APP_URL = `http://localhost:${args[portArg + 1]}`;
  if (!env.AUTH_SECRET && !process.env.DATABASE_URL) {
    // Local runs on the embedded database get a stable generated secret; deployments must set AUTH_SECRET.
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, "auth-secret");
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"));
    env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  }
  const child = spawn(args[0], args.slice(1), { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code, signal) => {
    await stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((err) => {
  log(`failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
