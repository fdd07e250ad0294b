import { describe, expect, it } from "vitest";
import { onRealPostgres, testDb } from "@/db/testing/db";
import { clientIp } from "./client-ip";
import { count, eq, like } from "drizzle-orm";
import { users } from "@/db/schema";
import { signUp } from "./accounts";
import {
  beginSignInAttempt,
  clearSignInFailures,
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  MAX_SIGN_UPS_PER_IP,
  SIGN_UP_WINDOW_MINUTES,
  succeedSignInAttempt,
} from "./rate-limit";

const now = new Date("2026-11-21T10:00:00Z");
const rand = () => Math.random().toString(36).slice(2, 10);
const email = () => `rl-${rand()}@example.test`;
const ip = () => `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${rand()}`;

describe("sign-in rate limit", () => {
  it("locks an email after 5 failures, from any IP, until the window has passed", async () => {
    const db = testDb();
    const address = email();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
      expect((await beginSignInAttempt(db, { email: address, ip: ip(), now })).limited).toBe(false);
    expect((await beginSignInAttempt(db, { email: address, ip: ip(), now })).limited).toBe(true);
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await beginSignInAttempt(db, { email: address, ip: ip(), now: later })).limited).toBe(false);
  });

  it("locks an IP after 50 failures across many emails", async () => {
    const db = testDb();
    const from = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await beginSignInAttempt(db, { email: email(), ip: from, now });
    expect((await beginSignInAttempt(db, { email: email(), ip: from, now })).limited).toBe(true);
    expect((await beginSignInAttempt(db, { email: email(), ip: ip(), now })).limited).toBe(false);
  });

  it("lets only 5 of a burst of parallel guesses through (each is counted before its password is checked)", async () => {
    const db = testDb();
    const address = email();
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => beginSignInAttempt(db, { email: address, ip: ip(), now })),
    );
    expect(burst.filter((a) => !a.limited)).toHaveLength(MAX_FAILURES_PER_EMAIL);
  });

  it(`lets only 50 of 60 parallel guesses from one IP at 60 accounts through (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const db = testDb();
    const from = ip();
    const burst = await Promise.all(
      Array.from({ length: 60 }, () => beginSignInAttempt(db, { email: email(), ip: from, now })),
    );
    expect(burst.filter((a) => !a.limited)).toHaveLength(MAX_FAILURES_PER_IP);
  });

  it("does not count successful sign-ins, and a reset clears the failures", async () => {
    const db = testDb();
    const address = email();
    for (let i = 0; i < 10; i++) {
      const a = await beginSignInAttempt(db, { email: address, ip: ip(), now });
      expect(a.limited).toBe(false);
      if (!a.limited) await succeedSignInAttempt(db, a.attemptId);
    }
    const locked = email();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await beginSignInAttempt(db, { email: locked, ip: ip(), now });
    await clearSignInFailures(db, locked);
    expect((await beginSignInAttempt(db, { email: locked, ip: ip(), now })).limited).toBe(false);
  });

  it("takes the address our proxy appended, not one the client wrote in X-Forwarded-For", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({}))).toBe("unknown");
  });
});

describe("sign-up rate limit per IP (issue 10, item 4)", () => {
  const signUpAt = (db: ReturnType<typeof testDb>, from: string, at: Date, prefix = "rl") =>
    signUp(db, {
      name: "New",
      email: `${prefix}-${rand()}@example.test`,
      password: "a long password",
      ip: from,
      now: at,
    });

  it(`lets ${MAX_SIGN_UPS_PER_IP} sign-ups from one IP in ${SIGN_UP_WINDOW_MINUTES} minutes, then refuses (nothing created) until the window passes; other IPs are not affected`, async () => {
    const db = testDb();
    const from = ip();
    // Other test files add users to the same database at the same time: count only this test's own.
    const prefix = `rl-mine-${rand()}`;
    for (let i = 0; i < MAX_SIGN_UPS_PER_IP; i++) expect((await signUpAt(db, from, now, prefix)).ok).toBe(true);
    const refused = await signUp(db, {
      name: "One too many",
      email: "too-many@example.test",
      password: "a long password",
      ip: from,
      now,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: "rate_limited",
      message: `Too many new accounts from your network: try again in ${SIGN_UP_WINDOW_MINUTES} minutes.`,
    });
    expect(await db.select().from(users).where(eq(users.email, "too-many@example.test"))).toEqual([]);
    const [mine] = await db
      .select({ n: count() })
      .from(users)
      .where(like(users.email, `${prefix}-%`));
    expect(mine.n).toBe(MAX_SIGN_UPS_PER_IP);
    expect((await signUpAt(db, ip(), now)).ok).toBe(true);
    expect((await signUpAt(db, from, new Date(now.getTime() + SIGN_UP_WINDOW_MINUTES * 60_000 + 1000))).ok).toBe(true);
  });

  it("counts a sign-up for an email that is taken too (probing who is registered costs the same)", async () => {
    const db = testDb();
    const from = ip();
    const taken = email();
    expect((await signUp(db, { name: "A", email: taken, password: "a long password", ip: from, now })).ok).toBe(true);
    for (let i = 1; i < MAX_SIGN_UPS_PER_IP; i++)
      expect(await signUp(db, { name: "A", email: taken, password: "a long password", ip: from, now })).toMatchObject({
        error: "email_taken",
      });
    expect(await signUpAt(db, from, now)).toMatchObject({ error: "rate_limited" });
  });

  it(`lets only ${MAX_SIGN_UPS_PER_IP} of ${MAX_SIGN_UPS_PER_IP + 10} parallel sign-ups from one IP through (${onRealPostgres() ? "real PostgreSQL" : "embedded"})`, async () => {
    const db = testDb();
    const from = ip();
    const burst = await Promise.all(Array.from({ length: MAX_SIGN_UPS_PER_IP + 10 }, () => signUpAt(db, from, now)));
    expect(burst.filter((r) => r.ok)).toHaveLength(MAX_SIGN_UPS_PER_IP);
    expect(burst.filter((r) => !r.ok && r.error === "rate_limited")).toHaveLength(10);
  });
});
