import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Every client pool that talks to the embedded server must stay at or below this (app 8 + tools). */
export const EMBEDDED_MAX_CONNECTIONS = 24;

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

type ServerInfo = { url: string; pid: number };

function infoFile(dataDir: string) {
  return path.join(dataDir, "server.json");
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded server another process already runs on this data directory, if any. */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const file = infoFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as ServerInfo;
    return isAlive(info.pid) ? info.url : null;
  } catch {
    return null;
  }
}

/**
 * Starts PGlite (PostgreSQL in WASM) persisted in `dataDir` (or in memory for `memory://`) and serves it on a
 * loopback port over the Postgres wire protocol. Only one process may open a data directory at a time, so the
 * server records itself in `server.json` and other tools connect to it instead of opening the files.
 */
export async function startEmbedded(dataDir: string, port = 0): Promise<EmbeddedServer> {
  const inMemory = dataDir.startsWith("memory://");
  let pgDir = dataDir;
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    pgDir = path.join(dataDir, "pgdata");
  }
  const db = await PGlite.create(pgDir, { extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: EMBEDDED_MAX_CONNECTIONS });
  let actualPort = port;
  server.addEventListener("listening", (e) => {
    actualPort = (e as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${actualPort}/postgres`;
  if (!inMemory) writeFileSync(infoFile(dataDir), JSON.stringify({ url, pid: process.pid } satisfies ServerInfo));
  return {
    url,
    stop: async () => {
      await server.stop();
      await db.close();
      if (!inMemory) rmSync(infoFile(dataDir), { force: true });
    },
  };
}
