/**
 * The Livebase command line: `npm run --silent cli -- <command> ...`.
 *   tokens create --email <email> --workspace <slug> [--name <name>]   prints the new token alone on stdout
 *   tokens list   --email <email> --workspace <slug>
 *   tokens revoke --email <email> --workspace <slug> --id <token id>
 * It is a program entry point, so it reads the environment itself: DATABASE_URL, or else the embedded
 * database in LIVEBASE_DATA_DIR (default .data/), reusing the server `npm run dev` runs on it if one is up.
 */
import path from "node:path";
import { createDb } from "@/db/client";
import { runningEmbeddedUrl, startEmbedded, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { CliError, tokensCommand } from "./tokens-command";

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== "tokens") throw new CliError("usage: cli tokens create|list|revoke ... (see lib/cli/main.ts)");
  let embedded: EmbeddedServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(process.env.LIVEBASE_DATA_DIR ?? ".data");
    url = (await runningEmbeddedUrl(dataDir)) ?? undefined;
    if (!url) {
      embedded = await startEmbedded(dataDir);
      url = embedded.url;
      await runMigrations(url);
    }
  }
  const client = createDb(url, { max: 1 });
  try {
    return await tokensCommand(client.db, rest, new Date());
  } finally {
    await client.close();
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (out) => {
    process.stdout.write(out + "\n");
  },
  (err) => {
    process.stderr.write(`${err instanceof CliError ? err.message : (err as Error).stack}\n`);
    process.exit(err instanceof CliError ? 2 : 1);
  },
);
