import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

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
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }
      : {},
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    { name: "mobile", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && ${build}tsx db/with-database.ts --seed-if-empty next start --port ${PORT}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      LIVEBASE_DATA_DIR: E2E_DATA_DIR,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      APP_URL: BASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // The job loop (no-show sweep, storage nights, invoicing) every 5 s, so journeys can watch it work.
      JOBS_INTERVAL_SECONDS: "5",
    },
  },
});
