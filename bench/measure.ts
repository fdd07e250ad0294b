import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";

export type Stat = { p50: number; p95: number };
export type Row = { name: string; m: Stat; baseline: Stat; target?: string };

export const pct = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);

function stats(times: number[]): Stat {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

/** Runs `fn` n times one after another (after a warm-up) and returns p50/p95 in ms. */
export async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<Stat> {
  for (let i = 0; i < 10; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return stats(times);
}

type RaceInput = { roomIds: string[]; clients: number; slots: number; start: Date; raw: postgres.Sql } & (
  { mode: "http"; base: string; token: string } | { mode: "sql"; workspaceId: string; creatorId: string }
);

/**
 * `clients` concurrent clients each try 50 of `slots` two-hour slots (in random order, some shifted by 30 min so
 * they overlap rather than match) over HTTP, or as raw INSERTs. Counts what got booked and checks the database
 * for any two occupying bookings that overlap in a room.
 */
export async function raceBookings(input: RaceInput) {
  const slot = (k: number, shift: number) => {
    const start = new Date(
      input.start.getTime() + Math.floor(k / input.roomIds.length) * 3 * 3_600_000 + shift * 1_800_000,
    );
    return { roomId: input.roomIds[k % input.roomIds.length], start, end: new Date(start.getTime() + 2 * 3_600_000) };
  };
  const times: number[] = [];
  let created = 0;
  let requests = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: input.clients }, async () => {
      for (let j = 0; j < 50; j++) {
        const s = slot(Math.floor(Math.random() * input.slots), Math.random() < 0.3 ? 1 : 0);
        const t = performance.now();
        let ok = false;
        if (input.mode === "http") {
          const res = await fetch(`${input.base}/api/v1/bookings`, {
            method: "POST",
            headers: { authorization: `Bearer ${input.token}`, "content-type": "application/json" },
            body: JSON.stringify({ roomId: s.roomId, startsAt: s.start.toISOString(), endsAt: s.end.toISOString() }),
          });
          await res.arrayBuffer();
          if (res.status >= 500) throw new Error(`HTTP ${res.status} in the race`);
          ok = res.status === 201;
        } else {
          ok = await input.raw`
            insert into bookings (workspace_id, room_id, creator_id, code, status, starts_at, ends_at, blocked_until, quote)
            values (${input.workspaceId}, ${s.roomId}, ${input.creatorId}, ${"R" + randomUUID().slice(0, 12)}, 'confirmed', ${s.start}, ${s.end}, ${new Date(s.end.getTime() + 900_000)}, '{}'::jsonb)`.then(
            () => true,
            (e: { code?: string }) => {
              if (e.code === "23P01") return false;
              throw e;
            },
          );
        }
        times.push(performance.now() - t);
        requests++;
        if (ok) created++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    latency: stats(times),
    created,
    requests,
    perSecond: requests / seconds,
    doubleBookings: await overlaps(input.raw, input.roomIds),
  };
}

async function overlaps(sql: postgres.Sql, roomIds: string[]) {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from bookings a join bookings b
      on a.room_id = b.room_id and a.id < b.id
     and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
    where a.room_id = any(${roomIds}::uuid[])
      and a.status in ('held', 'confirmed', 'checked_in') and b.status in ('held', 'confirmed', 'checked_in')`;
  return row.n;
}
