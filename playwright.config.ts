import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_SERVER_ENV } from "./e2e/support/app-server";
import { e2eClocks, e2eDatabaseUrl } from "./e2e/support/clock";

/**
 * End-to-end tests run against a production build. Without DATABASE_URL the server uses a fresh embedded
 * database in .data/e2e; with it (CI), the real PostgreSQL server. Debian's Chromium is used when present
 * (this project's machines); elsewhere Playwright's own browser (`npx playwright install chromium`).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
// One embedded database per port, so two runs on one machine never share (or delete) each other's data.
export const E2E_DATA_DIR = `.data/e2e-${PORT}`;
const build = process.env.E2E_SKIP_BUILD ? "" : "npm run build && ";
const systemChromium = "/usr/bin/chromium";
/**
 * Every e2e server starts on an empty database of its own: embedded in .data/e2e-<port>, or on real PostgreSQL
 * (DATABASE_URL set) `<database>_e2e_<port>` beside DATABASE_URL's, which the unit tests fill with their own rows.
 */
const freshDatabase = (port: number) => {
  const url = e2eDatabaseUrl(port);
  return url ? `tsx e2e/support/fresh-database.ts ${url}` : `rm -rf .data/e2e-${port}`;
};
/**
 * The specs that depend on the hour, the day or the month (the run sheet and the no-show sweep, storage nights,
 * billing's sessions in progress, free slots, samples staged for a session) also run against one server per chosen
 * instant: 00:30, 09:00, 19:30 and 23:45 in Los Angeles, a day with a DST change and the last day of a month
 * (e2e/support/clock.ts). Each project's worker starts its server from the same build when the project begins (the
 * clockServer fixture), on a database of its own.
 */
// Named one by one: a pattern such as "booking" also caught race-booking (a concurrency test, the same at any hour)
// and made the run longer without finding anything; run-sheet-view (scrolling) and recount-receiving (counting)
// do not depend on the clock either.
const HOUR_SENSITIVE =
  /\/(run-sheet|overrun-run-sheet|walk-in|demo-floor|storage|billing|booking|receiving)\.spec\.ts$/;
// A DST change and a month's last evening matter to what counts days: storage nights, billing periods, the run
// sheet's day and the slots of a day that is not 24 hours long. The rest of the list runs under the hour clocks only.
const DAY_SENSITIVE = /\/(run-sheet|storage|billing|booking)\.spec\.ts$/;
const clocks = process.env.E2E_CLOCKS_OFF ? [] : e2eClocks(PORT + 10);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        }
      : {},
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    { name: "mobile", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: /mobile\.spec\.ts/ },
    ...clocks.map((clock) => ({
      name: `at ${clock.name}`,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://localhost:${clock.port}` },
      testMatch: clock.kind === "day" ? DAY_SENSITIVE : HOUR_SENSITIVE,
      metadata: { clock },
    })),
  ],
  webServer: {
    command: `${freshDatabase(PORT)} && ${build}tsx db/with-database.ts --seed-if-empty next start --port ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    // The job loop (no-show sweep, storage nights, invoicing) every 5 s, so journeys can watch it work.
    env: {
      ...E2E_SERVER_ENV,
      JOBS_INTERVAL_SECONDS: "5",
      DATABASE_URL: e2eDatabaseUrl(PORT) ?? "",
      LIVEBASE_DATA_DIR: E2E_DATA_DIR,
      APP_URL: BASE_URL,
    },
  },
});
