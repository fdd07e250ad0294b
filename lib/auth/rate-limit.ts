import { and, count, eq, gt } from "drizzle-orm";
import { signInAttempts } from "@/db/schema";
import type { DbOrTx } from "@/db/client";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 50;

/**
 * Sign-in attempts are limited by failures in the window, per email (guessing one account's password) and per
 * IP (trying many accounts from one place),
 * counted in Postgres so the limit holds across every app instance.
 */
export async function isSignInLimited(db: DbOrTx, input: { email: string; ip: string; now: Date }) {
  const since = new Date(input.now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byEmail] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, input.email), eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)));
  if (byEmail.n >= MAX_FAILURES_PER_EMAIL) return true;
  const [byIp] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, input.ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)));
  return byIp.n >= MAX_FAILURES_PER_IP;
}

export async function recordSignInAttempt(
  db: DbOrTx,
  input: { email: string; ip: string; succeeded: boolean; now: Date },
) {
  await db.insert(signInAttempts).values({
    email: input.email,
    ip: input.ip,
    succeeded: input.succeeded,
    attemptedAt: input.now,
  });
}
