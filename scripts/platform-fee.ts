/**
 * The platform sets a workspace's fee (platform mode): `npm run platform-fee -- <workspace-slug> <percent|default>`.
 * "default" returns the workspace to PLATFORM_FEE_PERCENT. Invoices sent from then on carry it; sent ones keep theirs.
 * Run by whoever runs the platform, with the server's DATABASE_URL (or the embedded database of `npm run dev`).
 */
import { createDb } from "../db/client";
import { feePercentLabel, percentToBasisPoints, setWorkspaceFee } from "../lib/billing/platform-fees";
import { getEnv } from "../lib/env";

async function main() {
  const [slug, value] = process.argv.slice(2);
  if (!slug || !value) {
    process.stderr.write(
      "usage: npm run platform-fee -- <workspace-slug> <percent|default>   e.g. npm run platform-fee -- demo 5\n",
    );
    process.exit(2);
  }
  const percent = value === "default" ? null : Number(value.replace(/%$/, ""));
  const client = createDb(process.env.DATABASE_URL!, { max: 1 });
  try {
    const r = await setWorkspaceFee(client.db, slug, percent !== null && Number.isNaN(percent) ? -1 : percent);
    if (!r.ok) {
      process.stderr.write(`${r.message}\n`);
      process.exitCode = 1;
      return;
    }
    const bp = r.value.basisPoints ?? percentToBasisPoints(getEnv().PLATFORM_FEE_PERCENT);
    process.stdout.write(
      `Workspace ${slug}: platform fee ${feePercentLabel(bp)}${r.value.basisPoints === null ? " (the server's default, PLATFORM_FEE_PERCENT)" : ""}.\n`,
    );
  } finally {
    await client.close();
  }
}

void main();
