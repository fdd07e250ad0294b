import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { auditLog, passwordResetTokens, users } from "@/db/schema";
import { deliverEmail, enqueueEmail, type MailConfig } from "../notifications/outbox";
import { passwordResetEmail, passwordResetUnknownEmail } from "../notifications/templates";
import { fail, ok, type Result } from "../result";
import { mayEmail } from "../notifications/throttle";
import { hashPassword, verifyPassword } from "./password";
import { clearSignInFailures, SIGN_UP_WINDOW_MINUTES, takeSignUpAttempt } from "./rate-limit";
import { hashSecret, newSecret } from "./secrets";

const RESET_TTL_MS = 60 * 60 * 1000;
const RESET_KINDS = ["auth.password_reset", "auth.password_reset_unknown"];

/** Creates an account with a password. An address already registered is refused (and nothing changes), and so is
 * the sign-up past the per-IP limit (lib/auth/rate-limit.ts). */
export async function signUp(
  db: Db,
  input: { name: string; email: string; password: string; ip: string; now: Date },
): Promise<Result<{ id: string }, "email_taken" | "rate_limited">> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (!(await takeSignUpAttempt(tx, { ip: input.ip, now: input.now }))) {
      return fail("rate_limited", {
        message: `Too many new accounts from your network: try again in ${SIGN_UP_WINDOW_MINUTES} minutes.`,
      });
    }
    const [row] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) {
      return fail("email_taken", {
        fieldErrors: { email: ["An account with this email already exists. Sign in instead."] },
      });
    }
    return ok(row);
  });
}

/**
 * Sends a one-use reset link. The answer is the same whether or not the address has an account, so the form
 * cannot be used to discover who is registered; the email itself tells an unknown address so. With `mail`, that
 * one email is sent at once (the person is waiting for it); the job loop sends it otherwise, or if that fails.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; appUrl: string; now: Date; mail?: MailConfig },
) {
  const emailId = await db.transaction(async (tx) => {
    if (!(await mayEmail(tx, { to: input.email, kinds: RESET_KINDS, max: 3, now: input.now }))) return null;
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (!user)
      return enqueueEmail(tx, {
        to: input.email,
        ...passwordResetUnknownEmail(`${input.appUrl}/sign-up`),
        at: input.now,
      });
    const token = newSecret();
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashSecret(token),
      userId: user.id,
      expiresAt: new Date(input.now.getTime() + RESET_TTL_MS),
    });
    const url = `${input.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
    return enqueueEmail(tx, { to: input.email, ...passwordResetEmail(url), at: input.now });
  });
  if (input.mail) await deliverEmail(db, input.mail, emailId, input.now);
}

/** Sets a new password from a reset link; the link works once and every existing session is signed out. */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; now: Date },
): Promise<Result<{ email: string }, "invalid_token">> {
  const invalid = fail("invalid_token", {
    message: "This reset link has expired or was already used. Ask for a new one.",
  });
  const open = and(
    eq(passwordResetTokens.tokenHash, hashSecret(input.token)),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, input.now),
  );
  // Check the link before spending an argon2 hash on it.
  const [known] = await db.select({ userId: passwordResetTokens.userId }).from(passwordResetTokens).where(open);
  if (!known) return invalid;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: input.now })
      .where(open)
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) return invalid;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, emailVerified: input.now })
      .where(eq(users.id, claimed.userId))
      .returning({ email: users.email });
    await clearSignInFailures(tx, user.email);
    await tx.insert(auditLog).values({
      actorUserId: claimed.userId,
      action: "user.password_reset",
      subjectType: "user",
      subjectId: claimed.userId,
    });
    return ok(user);
  });
}

/**
 * The first sign-in by email link proves the mailbox. If the account was created with a password but never
 * verified, that password may be someone else's (pre-registration hijack): it is removed and its sessions end.
 */
export async function claimUnverifiedAccount(db: DbOrTx, email: string) {
  await db
    .update(users)
    .set({ passwordHash: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.email, email.toLowerCase()), isNull(users.emailVerified), isNotNull(users.passwordHash)));
}

/** Changes the password after checking the current one (when the account has one). Signs out other sessions. */
export async function changePassword(
  db: DbOrTx,
  input: { userId: string; currentPassword: string; newPassword: string },
): Promise<Result<{ sessionVersion: number }, "wrong_password">> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (user?.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return fail("wrong_password", { fieldErrors: { currentPassword: ["That is not your current password."] } });
  }
  const [row] = await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, input.userId))
    .returning({ sessionVersion: users.sessionVersion });
  await db.insert(auditLog).values({
    actorUserId: input.userId,
    action: "user.password_changed",
    subjectType: "user",
    subjectId: input.userId,
  });
  return ok(row);
}

export async function updateProfile(db: DbOrTx, input: { userId: string; name: string }) {
  await db.update(users).set({ name: input.name }).where(eq(users.id, input.userId));
}

export async function getUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
