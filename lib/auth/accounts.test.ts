import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordResetTokens, users } from "@/db/schema";
import { makeUser, TEST_PASSWORD } from "@/db/testing/factories";
import { testDb } from "@/db/testing/db";
import { listOutbox } from "../notifications/mailbox";
import { changePassword, requestPasswordReset, resetPassword, signUp } from "./accounts";
import { verifyPassword } from "./password";

const now = new Date("2026-11-21T10:00:00Z");
const email = () => `acc-${Math.random().toString(36).slice(2, 10)}@example.test`;

describe("sign-up", () => {
  it("stores an argon2id hash, never the password, and refuses a second account for one email", async () => {
    const db = testDb();
    const address = email();
    const first = await signUp(db, {
      name: "Ana",
      email: address,
      password: "a long password",
      ip: "203.0.113.7",
      now,
    });
    expect(first.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.email, address));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "a long password")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong")).toBe(false);
    const second = await signUp(db, {
      name: "Other",
      email: address,
      password: "another password",
      ip: "203.0.113.7",
      now,
    });
    expect(second).toMatchObject({ ok: false, error: "email_taken" });
    const [still] = await db.select().from(users).where(eq(users.email, address));
    expect(still.name).toBe("Ana");
  });

  it("says no for an unknown email or an account without a password (never throws)", async () => {
    expect(await verifyPassword(null, "anything")).toBe(false);
  });
});

describe("password reset", () => {
  it("emails a one-use link that sets the password and signs out every session", async () => {
    const db = testDb();
    const user = await makeUser(db);
    await requestPasswordReset(db, { email: user.email, appUrl: "http://app.test", now });
    const [mail] = await listOutbox(db, { to: user.email, limit: 1 });
    expect(mail.kind).toBe("auth.password_reset");
    const token = decodeURIComponent(mail.text.match(/token=(\S+)/)![1]);
    const stored = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    expect(stored[0].tokenHash).not.toContain(token);

    const done = await resetPassword(db, { token, password: "brand new password", now });
    expect(done).toMatchObject({ ok: true, value: { email: user.email } });
    const [after] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(after.passwordHash, "brand new password")).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);

    expect(await resetPassword(db, { token, password: "third password!", now })).toMatchObject({
      ok: false,
      error: "invalid_token",
    });
  });

  it("refuses an expired link and answers an unknown address without revealing it", async () => {
    const db = testDb();
    const user = await makeUser(db);
    await requestPasswordReset(db, { email: user.email, appUrl: "http://app.test", now });
    const [mail] = await listOutbox(db, { to: user.email, limit: 1 });
    const token = decodeURIComponent(mail.text.match(/token=(\S+)/)![1]);
    const tooLate = new Date(now.getTime() + 61 * 60_000);
    expect(await resetPassword(db, { token, password: "brand new password", now: tooLate })).toMatchObject({
      ok: false,
    });

    const unknown = email();
    await requestPasswordReset(db, { email: unknown, appUrl: "http://app.test", now });
    const [notice] = await listOutbox(db, { to: unknown, limit: 1 });
    expect(notice.kind).toBe("auth.password_reset_unknown");
    expect(notice.text).not.toContain("token=");
  });
});

describe("change password", () => {
  it("needs the current password and bumps the session version", async () => {
    const db = testDb();
    const user = await makeUser(db);
    expect(
      await changePassword(db, { userId: user.id, currentPassword: "nope", newPassword: "something long" }),
    ).toMatchObject({
      ok: false,
      error: "wrong_password",
    });
    const ok = await changePassword(db, {
      userId: user.id,
      currentPassword: TEST_PASSWORD,
      newPassword: "something long",
    });
    expect(ok).toMatchObject({ ok: true, value: { sessionVersion: user.sessionVersion + 1 } });
  });
});
