/**
 * `npm run bench`: performance figures measured on the PostgreSQL in DATABASE_URL (required: the embedded
 * database serialises every query and would measure nothing useful), each next to a raw-SQL baseline run in
 * the same process and the same database. Later capabilities add their scenarios here.
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { makeMember, makeWorkspace } from "../db/testing/factories";
import { createApiToken, resolveApiToken } from "../lib/auth/api-tokens";
import { findTokenMember } from "../lib/auth/member";
import { hashSecret } from "../lib/auth/secrets";

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("npm run bench needs DATABASE_URL pointing at a real PostgreSQL server\n");
  process.exit(2);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  await runMigrations(url!);
  const client = createDb(url!, { max: 4 });
  const raw = postgres(url!, { max: 4 });
  const db = client.db;
  const { workspace } = await makeWorkspace(db);
  const { actor } = await makeMember(db, workspace.id, "creator");
  const token = await createApiToken(db, actor, { name: "bench" });
  const now = new Date();

  const gate = await measure(500, async () => {
    const t = await resolveApiToken(db, token.secret, now);
    return findTokenMember(db, t!);
  });
  const baseline = await measure(500, () =>
    raw`select m.role, w.slug from api_tokens t join memberships m on m.user_id = t.user_id and m.workspace_id = t.workspace_id
        join workspaces w on w.id = m.workspace_id join users u on u.id = m.user_id
        where t.token_hash = ${hashSecret(token.secret)} and t.revoked_at is null`,
  );

  const rows = [
    ["API token gate (resolve token + membership), in-process", gate, baseline],
  ] as const;
  const out = ["| scenario | p50 ms | p95 ms | raw SQL p50 ms | ratio p50 |", "|---|---|---|---|---|"];
  for (const [name, m, b] of rows) {
    out.push(`| ${name} | ${m.p50.toFixed(2)} | ${m.p95.toFixed(2)} | ${b.p50.toFixed(2)} | ${(m.p50 / b.p50).toFixed(2)}× |`);
  }
  process.stdout.write(out.join("\n") + "\n");
  await raw.end();
  await client.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
