import { inject } from "vitest";

// Route handlers and use cases read the environment through lib/env.ts; point them at the test database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.APP_URL ??= "http://localhost:3000";
process.env.LOG_LEVEL ??= "silent";
