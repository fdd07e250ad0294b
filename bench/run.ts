/**
 * `npm run bench`: performance figures on the PostgreSQL in DATABASE_URL (required: the embedded database
 * serialises every query and would measure nothing useful), each next to a raw-SQL baseline measured in the same
 * run and database. It seeds its own workspace, starts the production server (`next build` first if needed) on a
 * spare port, and prints a Markdown table to copy into the README.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import postgres from "postgres";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { createApiToken } from "../lib/auth/api-tokens";
import { findAvailability } from "../lib/bookings/find-availability";
import { measure, pct, raceBookings, type Row } from "./measure";
import { hash } from "@node-rs/argon2";
import { runSheet } from "../lib/operations/run-sheet";
import { seedBenchWorkspace, seedRunSheetStudio } from "./seed";
import { DAY_MS } from "../kernel/time";

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("npm run bench needs DATABASE_URL pointing at a real PostgreSQL server\n");
  process.exit(2);
}
const PORT = Number(process.env.BENCH_PORT ?? 3999);
const BASE = `http://localhost:${PORT}`;
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

async function startServer() {
  if (!existsSync(".next/BUILD_ID")) {
    log("building the app (next build)…");
    await new Promise<void>((resolve, reject) =>
      spawn("npx", ["next", "build"], { stdio: "ignore" }).on("exit", (c) =>
        c === 0 ? resolve() : reject(new Error("next build failed")),
      ),
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-only-secret-0123456789abcdefghijklmnop",
    APP_URL: BASE,
    LOG_LEVEL: "warn",
    NODE_ENV: "production" as const,
  };
  const server = spawn("npx", ["next", "start", "--port", String(PORT)], { env, stdio: "ignore", detached: true });
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

/** A session cookie for the page measurements, through Auth.js's own credentials flow (CSRF token first). */
async function signIn(email: string, password: string) {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/workspaces" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in for the bench failed (HTTP ${res.status})`);
  return [...jar, ...session].join("; ");
}

async function main() {
  await runMigrations(url!);
  const client = createDb(url!, { max: 16 });
  const raw = postgres(url!, { max: 16, onnotice: () => {} });
  const now = new Date();
  log("seeding 1 studio × 20 rooms × 10,000 bookings over 6 months…");
  const world = await seedBenchWorkspace(client.db, now);
  const { secret } = await createApiToken(client.db, world.creator, { name: "bench" });
  log("seeding a 30-room studio with 200 bookings today for the run sheet…");
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  const sheet = await seedRunSheetStudio(client.db, world.workspaceId, world.creator.userId, now, await hash(password));
  const server = await startServer();
  const rows: Row[] = [];
  try {
    const from = world.firstDate;
    const to = world.lastDate; // 31 local days
    // (a) availability: one room × 31 days per request; and all 20 rooms.
    const inProc = await measure(200, (i) =>
      findAvailability(client.db, world.creator, {
        roomId: world.roomIds[i % 20],
        from,
        to,
        durationMinutes: 120,
        now,
      }),
    );
    const inProcAll = await measure(30, () =>
      Promise.all(
        world.roomIds.map((roomId) =>
          findAvailability(client.db, world.creator, { roomId, from, to, durationMinutes: 120, now }),
        ),
      ),
    );
    const headers = { authorization: `Bearer ${secret}` };
    const http = await measure(200, (i) =>
      fetch(`${BASE}/api/v1/availability?roomId=${world.roomIds[i % 20]}&from=${from}&to=${to}&durationMinutes=120`, {
        headers,
      }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`)))),
    );
    const rawBusy = await measure(
      200,
      (i) =>
        raw`select starts_at, blocked_until from bookings where room_id = ${world.roomIds[i % 20]} and status in ('held','confirmed','checked_in') and starts_at < ${world.windowEnd} and blocked_until > ${world.windowStart}`,
    );
    rows.push({ name: "availability, 1 room × 31 days, in-process", m: inProc, baseline: rawBusy });
    rows.push({ name: "availability, 20 rooms × 31 days, in-process", m: inProcAll, baseline: rawBusy });
    rows.push({ name: "availability, 1 room × 31 days, over HTTP", m: http, baseline: rawBusy, target: "p95 < 50 ms" });

    // One client booking free slots one after another: a booking's own cost, without queueing behind others.
    let next = 0; // measure() warms up first: every call needs a slot of its own
    const solo = await measure(100, () => {
      const start = new Date(world.raceStart.getTime() + next++ * 3 * 3_600_000 - 30 * DAY_MS);
      return fetch(`${BASE}/api/v1/bookings`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({
          roomId: world.raceRoomIds[19],
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
        }),
      }).then((r) => (r.status === 201 ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))));
    });
    const soloRaw = await measure(100, (i) => {
      const start = new Date(world.raceStart.getTime() + next++ * 3 * 3_600_000 - 60 * DAY_MS);
      return raw`insert into bookings (workspace_id, room_id, creator_id, code, status, starts_at, ends_at, blocked_until, quote)
        values (${world.workspaceId}, ${world.raceRoomIds[18]}, ${world.creator.userId}, ${"S" + i + Math.random().toString(36).slice(2, 8)}, 'confirmed', ${start}, ${new Date(start.getTime() + 7_200_000)}, ${new Date(start.getTime() + 8_100_000)}, '{}'::jsonb)`;
    });
    rows.push({
      name: "one booking at a time over HTTP (POST /api/v1/bookings, 201)",
      m: solo,
      baseline: soloRaw,
      target: "p95 < 100 ms",
    });

    // The run sheet of a 30-room studio with 200 bookings: its data in-process, and the whole page over HTTP.
    const sheetData = await measure(50, () =>
      runSheet(client.db, sheet.manager, { studioId: sheet.studioId, date: sheet.date }, now),
    );
    const cookie = await signIn(sheet.managerEmail, password);
    const slug = (await raw<{ slug: string }[]>`select slug from workspaces where id = ${world.workspaceId}`)[0].slug;
    const sheetPage = await measure(30, () =>
      fetch(`${BASE}/w/${slug}/run-sheet?studio=${sheet.studioId}&date=${sheet.date}`, { headers: { cookie } }).then(
        async (r) => {
          const html = await r.text();
          if (r.status !== 200 || !html.includes("Set 30")) throw new Error(`run sheet HTTP ${r.status}`);
        },
      ),
    );
    const rawSheet = await measure(
      50,
      () =>
        raw`select b.*, u.name from bookings b join users u on u.id = b.creator_id join rooms r on r.id = b.room_id where r.studio_id = ${sheet.studioId} and b.starts_at >= ${new Date(now.getTime() - 2 * DAY_MS)}`,
    );
    rows.push({ name: "run sheet data, 30 rooms × 200 bookings, in-process", m: sheetData, baseline: rawSheet });
    rows.push({
      name: "run sheet page, 30 rooms × 200 bookings, server render over HTTP",
      m: sheetPage,
      baseline: rawSheet,
      target: "p95 < 300 ms",
    });

    // (b) 64 clients racing for 200 overlapping slots, over HTTP and as raw INSERTs.
    const race = await raceBookings({
      mode: "http",
      raw,
      base: BASE,
      token: secret,
      roomIds: world.raceRoomIds.slice(0, 10),
      clients: 64,
      slots: 200,
      start: world.raceStart,
    });
    const rawRace = await raceBookings({
      mode: "sql",
      raw,
      workspaceId: world.workspaceId,
      creatorId: world.creator.userId,
      roomIds: world.raceRoomIds.slice(10, 20),
      clients: 64,
      slots: 200,
      start: world.raceStart,
    });
    rows.push({
      name: `booking race over HTTP: ${race.requests} requests, ${race.created} booked, ${race.doubleBookings} double bookings, ${race.perSecond.toFixed(0)} req/s`,
      m: race.latency,
      baseline: rawRace.latency,
      target: "p95 < 100 ms, 0 double",
    });
    rows.push({
      name: `booking race as raw INSERTs: ${rawRace.created} booked, ${rawRace.doubleBookings} double bookings`,
      m: rawRace.latency,
      baseline: rawRace.latency,
    });
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM"); // the whole group: npx and next
    await raw.end();
    await client.close();
  }
  const out = [
    "| scenario | p50 ms | p95 ms | raw SQL p50 / p95 ms | ratio (p50) | target |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows)
    out.push(
      `| ${r.name} | ${pct(r.m.p50)} | ${pct(r.m.p95)} | ${pct(r.baseline.p50)} / ${pct(r.baseline.p95)} | ${(r.m.p50 / r.baseline.p50).toFixed(1)}× | ${r.target ?? ""} |`,
    );
  process.stdout.write(out.join("\n") + "\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
