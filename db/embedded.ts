import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** Every client pool that talks to the embedded server must stay at or below this (app 8 + tools). */
export const EMBEDDED_MAX_CONNECTIONS = 24;

// Frontend messages of the extended query protocol: a client's Parse/Bind/Describe/Execute/Close/Flush run
// as one unit up to its Sync. 'S' = Sync, 'Q' = simple Query, 'X' = Terminate.
const EXTENDED = new Set(["P", "B", "D", "E", "C", "H", "F"].map((c) => c.charCodeAt(0)));
const ENDS_UNIT = new Set(["S", "Q"].map((c) => c.charCodeAt(0)));

type Job = {
  handlerId: number;
  message: Uint8Array;
  onData: (d: Uint8Array) => void;
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
};

/**
 * PGlite is one Postgres session shared by every socket connection. pglite-socket's own queue interleaves the
 * connections message by message, so two clients' unnamed prepared statements clobber each other ("bind message
 * supplies 1 parameters, but prepared statement requires 2"). This queue gives the session to one connection
 * from its first extended-protocol message to its Sync, and for the whole of an open transaction block.
 */
class SessionQueue {
  private waiting: Job[] = [];
  private owner: number | null = null;
  private running = false;
  // Connections that have gone: a unit they started must not keep the session.
  private closed = new Set<number>();
  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (d: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.owner !== null && this.closed.has(this.owner)) {
          if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
          this.owner = null;
        }
        const index = this.owner === null ? 0 : this.waiting.findIndex((j) => j.handlerId === this.owner);
        if (index < 0 || this.waiting.length === 0) break;
        const [job] = this.waiting.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(job.message, {
              onRawData: (d: Uint8Array) => {
                bytes += d.length;
                job.onData(d);
              },
            }),
          );
        } catch (err) {
          job.reject(err);
          continue;
        }
        const type = job.message[0];
        if (this.closed.has(job.handlerId)) {
          // The client left while its message ran: close what it opened and free the session.
          if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
          this.owner = null;
        } else if (EXTENDED.has(type)) this.owner = job.handlerId;
        else if (ENDS_UNIT.has(type)) this.owner = this.db.isInTransaction() ? job.handlerId : null;
        job.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength() {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId: number) {
    this.closed.add(handlerId);
    this.waiting = this.waiting.filter((j) => {
      if (j.handlerId !== handlerId) return true;
      j.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  /** A client that disconnects mid-transaction must not leave the shared session inside it. */
  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId || this.running) return; // if running, pump() sees the handler closed
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    void this.pump();
  }
}

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

function answers(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/**
 * The URL of an embedded server another process already runs on this data directory, if any: its process is
 * alive and its port answers (a PID alone may have been reused after a restart).
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | null> {
  const file = infoFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as ServerInfo;
    return isAlive(info.pid) && (await answers(info.url)) ? info.url : null;
  } catch {
    return null;
  }
}

/** Only one process may open a data directory: a lock file holding the owner's PID (stale ones are taken over). */
function lockDataDir(dataDir: string) {
  const lock = path.join(dataDir, "lock");
  try {
    writeFileSync(lock, String(process.pid), { flag: "wx" });
  } catch {
    const owner = Number(readFileSync(lock, "utf8"));
    if (owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `${dataDir} is in use by process ${owner} (another npm run dev or CLI); stop it or wait for it to start`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

/**
 * Starts PGlite (PostgreSQL in WASM) persisted in `dataDir` (or in memory for `memory://`) and serves it on a
 * loopback port over the Postgres wire protocol. Only one process may open a data directory at a time, so the
 * server records itself in `server.json` and other tools connect to it instead of opening the files.
 */
export async function startEmbedded(dataDir: string, port = 0): Promise<EmbeddedServer> {
  const inMemory = dataDir.startsWith("memory://");
  let pgDir = dataDir;
  let unlock = () => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
    pgDir = path.join(dataDir, "pgdata");
  }
  const db = await PGlite.create(pgDir, { extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: EMBEDDED_MAX_CONNECTIONS });
  // Replaces the library's message-by-message queue (see SessionQueue); handlers pick it up per connection.
  (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(db);
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
      unlock();
    },
  };
}
