import { and, count, eq, gt, sql } from "drizzle-orm";
import { signInAttempts, signUpAttempts } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/client";

export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 50;
export const SIGN_UP_WINDOW_MINUTES = 60;
/** New accounts per IP and hour: a studio's onboarding day on one Wi-Fi fits, a script making accounts does not. */
export const MAX_SIGN_UPS_PER_IP = 30;

/**
 * Starts a sign-in attempt. Attempts are limited by failures in the window, per email (guessing one account's
 * password) and per IP (trying many accounts from one place), counted in Postgres so the limit holds across
 * every app instance. The attempt is recorded as a failure *before* the password is checked, under a lock per
 * IP and per email, so a burst of parallel guesses cannot all pass the check; `succeedSignInAttempt` corrects it.
 */
export async function beginSignInAttempt(
  db: Db,
  input: { email: string; ip: string; now: Date },
): Promise<{ limited: true } | { limited: false; attemptId: string }> {
  const since = new Date(input.now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
  return db.transaction(async (tx) => {
    // Both counts are checked and the attempt written under both locks, the IP's first (always in that order, so
    // two attempts never wait on each other in a circle): parallel guesses across many accounts from one address
    // cannot all pass its count either.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"sign-in-ip:" + input.ip}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"sign-in:" + input.email}))`);
    const [byEmail] = await tx
      .select({ n: count() })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.email, input.email),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.attemptedAt, since),
        ),
      );
    if (byEmail.n >= MAX_FAILURES_PER_EMAIL) return { limited: true } as const;
    const [byIp] = await tx
      .select({ n: count() })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.ip, input.ip),
          eq(signInAttempts.succeeded, false),
          gt(signInAttempts.attemptedAt, since),
        ),
      );
    if (byIp.n >= MAX_FAILURES_PER_IP) return { limited: true } as const;
    const [row] = await tx
      .insert(signInAttempts)
      .values({ email: input.email, ip: input.ip, succeeded: false, attemptedAt: input.now })
      .returning({ id: signInAttempts.id });
    return { limited: false, attemptId: row.id } as const;
  });
}

export async function succeedSignInAttempt(db: Db, attemptId: string) {
  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
}

/** A password reset proves the mailbox: earlier failures no longer lock the owner out. */
export async function clearSignInFailures(db: DbOrTx, email: string) {
  await db.delete(signInAttempts).where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false)));
}

/**
 * Counts a sign-up from `ip` (in the caller's transaction) unless the IP has made MAX_SIGN_UPS_PER_IP in the
 * window. Counted whether or not the account is then created, so probing which emails are registered costs the
 * same. Under a lock per IP, like sign-in, so parallel requests cannot all pass the count.
 */
export async function takeSignUpAttempt(tx: DbOrTx, input: { ip: string; now: Date }): Promise<boolean> {
  const since = new Date(input.now.getTime() - SIGN_UP_WINDOW_MINUTES * 60_000);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"sign-up-ip:" + input.ip}))`);
  const [byIp] = await tx
    .select({ n: count() })
    .from(signUpAttempts)
    .where(and(eq(signUpAttempts.ip, input.ip), gt(signUpAttempts.attemptedAt, since)));
  if (byIp.n >= MAX_SIGN_UPS_PER_IP) return false;
  await tx.insert(signUpAttempts).values({ ip: input.ip, attemptedAt: input.now });
  return true;
}
