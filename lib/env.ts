import { z } from "zod";
import { logger } from "./logger";
import { FEE_PERCENT_RULE, isFeePercent } from "./billing/fee-percent";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({
      error:
        "DATABASE_URL is not set: start the app with `npm run dev` / `npm start`, which provide the embedded database, or set it to a PostgreSQL URL",
    }),
    AUTH_SECRET: z
      .string({ error: "AUTH_SECRET is not set (generate one with `openssl rand -base64 32`)" })
      .min(32, "AUTH_SECRET must be at least 32 characters"),
    APP_URL: z.url().default("http://localhost:3000"),
    SMTP_URL: z.url().optional(),
    EMAIL_FROM: z.string().min(3).default("Livebase <no-reply@livebase.local>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Connections per app instance. Booking transactions hold one while they wait for a room's lock, so busy
    // studios want more; keep instances × this under the server's max_connections (and ≤ 20 on the embedded one).
    // Periodic jobs (hold expiry, reminders, email delivery) run in every app instance unless turned off.
    JOBS: z.enum(["on", "off"]).default("on"),
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    // Stripe: unset → charges and invoices stay in our ledger ("not sent") and the UI says Stripe is not connected.
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "STRIPE_SECRET_KEY must be a secret key (sk_test_… or sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, "STRIPE_WEBHOOK_SECRET must start with whsec_")
      .optional(),
    // Connect endpoints have their own signing secret in the Stripe Dashboard; the webhook route accepts either.
    STRIPE_CONNECT_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, "STRIPE_CONNECT_WEBHOOK_SECRET must start with whsec_")
      .optional(),
    // "off" (default): single-operator mode, payments go to the account of STRIPE_SECRET_KEY. "on": platform mode,
    // each workspace connects its own Stripe account (Settings → Payments). Without STRIPE_SECRET_KEY it does nothing.
    STRIPE_CONNECT: z
      .enum(["on", "off"], { error: "STRIPE_CONNECT must be on (platform mode) or off (single-operator mode)" })
      .default("off"),
    // Platform mode: the platform's fee on every invoice, in percent (up to two decimals, e.g. 5 or 2.5), unless the
    // workspace has its own rate (`npm run platform-fee`). 0 takes no fee.
    PLATFORM_FEE_PERCENT: z.coerce
      .number({ error: `PLATFORM_FEE_PERCENT must be ${FEE_PERCENT_RULE}` })
      .refine(isFeePercent, `PLATFORM_FEE_PERCENT must be ${FEE_PERCENT_RULE}`)
      .default(0),
    // Only to point the SDK at a Stripe-compatible test server (e.g. http://127.0.0.1:12111); never in production.
    STRIPE_API_BASE: z.url().optional(),
    // Uploaded room photos: in the database (bytea) unless S3_BUCKET is set; then in that S3-compatible bucket.
    // S3_ENDPOINT for R2, MinIO and the like (with S3_FORCE_PATH_STYLE=true for MinIO); without the two keys the
    // AWS SDK's usual credential chain (instance role, AWS_PROFILE…) is used.
    S3_BUCKET: z.string().min(3, "S3_BUCKET must be a bucket name").optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ENDPOINT: z.url("S3_ENDPOINT must be a URL, e.g. https://<account>.r2.cloudflarestorage.com").optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
    S3_PREFIX: z.string().default("room-photos/"),
    // Tests only: the app's clock runs this many milliseconds ahead of (negative: behind) real time (lib/clock.ts).
    LIVEBASE_CLOCK_OFFSET_MS: z.coerce
      .number()
      .int("LIVEBASE_CLOCK_OFFSET_MS must be a whole number of milliseconds")
      .default(0),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_SECRET_ACCESS_KEY"],
        message: "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither",
      });
    }
    // Links in emails are built on APP_URL; a deployment must say where it lives.
    if (env.NODE_ENV === "production" && !process.env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "APP_URL is not set (the public URL, e.g. https://studio.example.com)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | null = null;

/**
 * The environment, parsed once. Fails with one message naming every missing or invalid variable.
 * Parsed on first use rather than at import so that `next build` can load modules without a database.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  logger.level = cached.LOG_LEVEL;
  return cached;
}
