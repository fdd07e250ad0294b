import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. Integration tests use the PostgreSQL server in DATABASE_URL when set (CI, and
 * the tests that prove concurrency), otherwise an in-memory embedded database started by the global setup.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "kernel/**/*.test.ts", "testing/**/*.test.ts"],
    globalSetup: ["db/testing/global-setup.ts"],
    setupFiles: ["db/testing/setup-env.ts", "lib/logger-test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
