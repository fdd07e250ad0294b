/**
 * Creates the database an e2e server uses on real PostgreSQL (`<DATABASE_URL's database>_e2e_<port>`), empty:
 * dropped first if an earlier run left it. Run by the Playwright config before the server starts; .ci/run drops
 * them at the end.
 *   tsx e2e/support/fresh-database.ts <postgres url>
 */
import postgres from "postgres";

const url = new URL(process.argv[2] ?? "");
const name = decodeURIComponent(url.pathname.slice(1));
if (!/^[a-z0-9_]+_e2e_\d+$/.test(name))
  throw new Error(`refusing to recreate ${name}: only an e2e server's database (<name>_e2e_<port>)`);
const admin = new URL(url);
admin.pathname = "/postgres";
const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
try {
  await sql.unsafe(`drop database if exists "${name}" with (force)`);
  await sql.unsafe(`create database "${name}"`);
} finally {
  await sql.end();
}
